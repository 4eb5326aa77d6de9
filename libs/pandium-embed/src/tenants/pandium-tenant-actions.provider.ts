import type { Provider } from '@nestjs/common';
import { PandiumApiBusyGate } from '../core/pandium-api-busy.gate.js';
import type { PandiumClock } from '../core/pandium-clock.interface.js';
import type { PandiumStatusSource } from '../core/pandium-integration-status.interface.js';
import type { ResolvedPandiumEmbedOptions } from '../options/pandium-embed-options.validator.js';
import {
  PANDIUM_CLOCK,
  PANDIUM_INTEGRATION_ACTIONS,
  PANDIUM_RESOLVED_OPTIONS,
  PANDIUM_STATUS_SOURCE,
} from '../pandium-embed.tokens.js';
import { PandiumTenantActions } from './pandium-tenant.actions.js';
import { PandiumTenantsClient } from './pandium-tenants.client.js';
import { TENANT_STATUS_DEFAULTS } from './pandium-tenants.constants.js';

/**
 * The run and uninstall actions under {@link PANDIUM_INTEGRATION_ACTIONS}: built when the options hold an `apiKey`,
 * `null` otherwise (the service then answers `PANDIUM_API_KEY_MISSING`). Their client has its own 429 gate.
 *
 * @internal
 */
export const integrationActionsProvider: Provider = {
  provide: PANDIUM_INTEGRATION_ACTIONS,
  useFactory: (
    options: ResolvedPandiumEmbedOptions,
    clock: PandiumClock,
    statusSource: PandiumStatusSource | null,
  ): PandiumTenantActions | null =>
    options.apiKey === undefined
      ? null
      : new PandiumTenantActions(
          new PandiumTenantsClient({
            apiKey: options.apiKey,
            apiBaseUrl: options.apiBaseUrl,
            pageSize: TENANT_STATUS_DEFAULTS.pageSize,
            maxPages: TENANT_STATUS_DEFAULTS.maxPages,
            requestTimeoutMs: TENANT_STATUS_DEFAULTS.requestTimeoutMs,
            gate: new PandiumApiBusyGate(clock),
          }),
          statusSource,
          options.apiKey,
        ),
  inject: [PANDIUM_RESOLVED_OPTIONS, PANDIUM_CLOCK, PANDIUM_STATUS_SOURCE],
};
