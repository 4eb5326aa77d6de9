import {
  Controller,
  Get,
  Header,
  Inject,
  Param,
  Post,
  Req,
  Res,
} from '@nestjs/common';
import type {
  EmulatorRequest,
  EmulatorResponse,
} from './emulator-http.interface.js';
import { EmulatorApiParams } from './emulator-api-query.parser.js';
import { renderAdminPage } from './emulator-admin-page.renderer.js';
import { EmulatorRunScheduler } from './emulator-run.scheduler.js';
import { tenantOfPath } from './emulator-tenant.lookup.js';
import { EmulatorTenantStore } from './emulator-tenant.store.js';
import {
  EMULATOR_ADMIN_PATH,
  EMULATOR_ASSET_ROUTE,
  PANDIUM_EMULATOR_OPTIONS,
} from './pandium-emulator.constants.js';
import type { ResolvedPandiumEmulatorOptions } from './pandium-emulator-options.interface.js';

/**
 * The emulator's development controls, which Pandium has no equivalent of: `GET /__emulator/admin` (a page of
 * its tenants) and `POST /__emulator/tenants/<id>/fail-next-run` (the tenant's next run to complete fails, with
 * the `run_failed` webhook). No API key: the emulator listens on loopback, for development only.
 *
 * @internal
 */
@Controller(EMULATOR_ASSET_ROUTE)
export class PandiumEmulatorAdminController {
  constructor(
    @Inject(PANDIUM_EMULATOR_OPTIONS)
    private readonly options: ResolvedPandiumEmulatorOptions,
    private readonly tenants: EmulatorTenantStore,
    private readonly runs: EmulatorRunScheduler,
  ) {}

  /** The tenants, each with its "Fail next run" button. */
  @Get('admin')
  @Header('Content-Type', 'text/html; charset=utf-8')
  admin(): string {
    return renderAdminPage(this.tenants.all(), {
      hostOrigin: this.options.hostOrigin,
      account: this.options.account,
    });
  }

  /**
   * Makes the tenant's next run fail: `{ tenant_id, fail_next_run: true }` for JSON, or back to the admin page
   * (303) for its form. Unknown ids are `404 { message }`.
   */
  @Post('tenants/:id/fail-next-run')
  failNextRun(
    @Param('id') id: string,
    @Req() request: EmulatorRequest,
    @Res() response: EmulatorResponse,
  ): void {
    const tenant = tenantOfPath(this.tenants, id, new EmulatorApiParams());
    this.runs.failNextRun(tenant);
    if (request.accepts(['html', 'json']) === 'json') {
      response.status(200).json({ tenant_id: tenant.id, fail_next_run: true });
    } else {
      response.redirect(303, EMULATOR_ADMIN_PATH);
    }
  }
}
