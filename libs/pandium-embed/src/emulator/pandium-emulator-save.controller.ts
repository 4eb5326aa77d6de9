import {
  Body,
  Controller,
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
import { renderRefusedPage } from './emulator-page.renderer.js';
import { renderSavedPage } from './emulator-saved-page.renderer.js';
import { EmulatorTenantStore } from './emulator-tenant.store.js';
import { jsonOfVerdict } from './emulator-verdict.json.js';
import { EmulatorWebhookSender } from './emulator-webhook.sender.js';
import { PANDIUM_EMULATOR_OPTIONS } from './pandium-emulator.constants.js';
import { PandiumEmulatorVerifier } from './pandium-emulator.verifier.js';
import type { ResolvedPandiumEmulatorOptions } from './pandium-emulator-options.interface.js';

/**
 * The install page's Save: `POST /<account>/tenants/create/<integration_id>` with the page's token as the form
 * field `tenant`. The token is verified again and accepted once for a save although its `jti` was seen on the page
 * load; the save creates (or re-connects) the tenant of the token's `sub` and the integration, posts
 * `tenant_created` when it was not connected, and answers a page that posts `pandium-save-sync` to the host page
 * (or `{ valid: true, saved: true, tenant, connected }` for `Accept: application/json`). The token is never
 * logged.
 *
 * @internal
 */
@Controller()
export class PandiumEmulatorSaveController {
  constructor(
    @Inject(PANDIUM_EMULATOR_OPTIONS)
    private readonly options: ResolvedPandiumEmulatorOptions,
    private readonly verifier: PandiumEmulatorVerifier,
    private readonly tenants: EmulatorTenantStore,
    private readonly webhooks: EmulatorWebhookSender,
  ) {}

  /** Saves the install flow of one integration. */
  @Post(':account/tenants/create/:integrationId')
  async save(
    @Param('account') account: string,
    @Param('integrationId') integrationId: string,
    @Body() body: unknown,
    @Req() request: EmulatorRequest,
    @Res() response: EmulatorResponse,
  ): Promise<void> {
    const field = (body as { tenant?: unknown } | undefined)?.tenant;
    const token = typeof field === 'string' ? field : '';
    const path = request.originalUrl.split('?')[0];
    const verdict = await this.verifier.verify(
      `${path}?tenant=${encodeURIComponent(token)}`,
      { kind: 'install', account, integrationId },
      { save: true },
    );
    const json = request.accepts(['html', 'json']) === 'json';
    const context = {
      hostOrigin: this.options.hostOrigin,
      account: this.options.account,
    };
    response.status(verdict.status).vary('Accept');
    if (
      verdict.status !== 200 ||
      verdict.integration === undefined ||
      verdict.tenant === undefined
    ) {
      // Refused: as the page would be, every reason with its cause and fix.
      if (json) {
        response.json(jsonOfVerdict(verdict));
      } else {
        response.type('html').send(renderRefusedPage(verdict, context));
      }
      return;
    }
    const sub = verdict.diagnosis.claims?.sub;
    const { tenant, connected } = this.tenants.save(
      typeof sub === 'string' ? sub : '',
      verdict.integration,
      verdict.tenant.name,
    );
    if (connected) {
      this.webhooks.send('tenant_created', tenant);
    }
    const saved = { id: tenant.id, name: tenant.name };
    if (json) {
      response.json({
        ...jsonOfVerdict(verdict),
        saved: true,
        tenant: saved,
        connected,
      });
    } else {
      response.type('html').send(renderSavedPage(saved, connected, context));
    }
  }
}
