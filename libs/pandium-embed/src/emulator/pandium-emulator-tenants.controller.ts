import {
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import { EmulatorApiParams } from './emulator-api-query.parser.js';
import { EmulatorRunScheduler } from './emulator-run.scheduler.js';
import type {
  EmulatorApiTenant,
  EmulatorRun,
} from './emulator-tenant.interface.js';
import { tenantOfPath } from './emulator-tenant.lookup.js';
import { EmulatorTenantStore, toApiTenant } from './emulator-tenant.store.js';
import { EmulatorWebhookSender } from './emulator-webhook.sender.js';
import { PandiumEmulatorApiKeyGuard } from './pandium-emulator-api-key.guard.js';

/**
 * Pandium's tenant API, emulated with `X-API-KEY`: list (`GET /v2/tenants`, filtered by `user_name`,
 * `integration_id`, `archived`, paged by `limit` ≤ 500 and `skip`, a bare array), sync (`POST
 * /v2/tenants/{id}/sync?mode=init|normal` → `202 { trigger_id }`), runs (`GET /v2/tenants/{id}/runs`) and archive
 * (`DELETE /v2/tenants/{id}`, with the `tenant_archived` webhook). Unknown ids are `404 { message }`, bad
 * parameters `422 { detail }`.
 *
 * @internal
 */
@Controller('v2/tenants')
@UseGuards(PandiumEmulatorApiKeyGuard)
export class PandiumEmulatorTenantsController {
  constructor(
    private readonly tenants: EmulatorTenantStore,
    private readonly runs: EmulatorRunScheduler,
    private readonly webhooks: EmulatorWebhookSender,
  ) {}

  /** One page of the tenants that pass the filters, in id order. */
  @Get()
  list(@Query() query: Record<string, unknown>): EmulatorApiTenant[] {
    const params = new EmulatorApiParams(query);
    const filter = {
      userName: params.text('user_name'),
      integrationId: params.int('integration_id', { min: 0, fallback: 0 }),
      archived: params.bool('archived', false),
      ...params.page(),
    };
    params.done();
    return this.tenants.list(filter).map(toApiTenant);
  }

  /** Starts a run (or bundles the trigger into the next one): it completes a moment later. */
  @Post(':id/sync')
  @HttpCode(202)
  sync(
    @Param('id') id: string,
    @Query() query: Record<string, unknown>,
  ): { trigger_id: string } {
    const params = new EmulatorApiParams(query);
    const mode = params.oneOf('mode', ['init', 'normal'] as const, 'normal');
    const tenant = tenantOfPath(this.tenants, id, params);
    return { trigger_id: this.runs.trigger(tenant, mode) };
  }

  /** The tenant's runs, newest first. */
  @Get(':id/runs')
  listRuns(
    @Param('id') id: string,
    @Query() query: Record<string, unknown>,
  ): EmulatorRun[] {
    const params = new EmulatorApiParams(query);
    const { limit, skip } = params.page();
    const tenant = tenantOfPath(this.tenants, id, params);
    return [...tenant.runs].reverse().slice(skip, skip + limit);
  }

  /** Archives the tenant: its connector is disconnected, `tenant_archived` is posted (once). */
  @Delete(':id')
  archive(@Param('id') id: string): EmulatorApiTenant {
    const tenant = tenantOfPath(this.tenants, id, new EmulatorApiParams());
    if (this.tenants.archive(tenant)) {
      this.webhooks.send('tenant_archived', tenant);
    }
    return toApiTenant(tenant);
  }
}
