import type { Provider } from '@nestjs/common';
import type { PandiumApiBusyGate } from '../core/pandium-api-busy.gate.js';
import type { ResolvedPandiumEmbedOptions } from '../options/pandium-embed-options.validator.js';
import {
  PANDIUM_API_BUSY_GATE,
  PANDIUM_RESOLVED_OPTIONS,
  PANDIUM_TENANTS_CLIENT,
} from '../pandium-embed.tokens.js';
import { PandiumTenantsClient } from './pandium-tenants.client.js';
import { TENANT_STATUS_DEFAULTS } from './pandium-tenants.constants.js';

/**
 * The one client of Pandium's tenant API under {@link PANDIUM_TENANTS_CLIENT}, shared by the statuses and the actions,
 * behind the module's 429 gate: built when the options hold an `apiKey`, `null` otherwise.
 *
 * @internal
 */
export const tenantsClientProvider: Provider = {
  provide: PANDIUM_TENANTS_CLIENT,
  useFactory: (
    options: ResolvedPandiumEmbedOptions,
    gate: PandiumApiBusyGate,
  ): PandiumTenantsClient | null =>
    options.apiKey === undefined
      ? null
      : new PandiumTenantsClient({
          apiKey: options.apiKey,
          apiBaseUrl: options.apiBaseUrl,
          pageSize: TENANT_STATUS_DEFAULTS.pageSize,
          maxPages: TENANT_STATUS_DEFAULTS.maxPages,
          requestTimeoutMs: TENANT_STATUS_DEFAULTS.requestTimeoutMs,
          gate,
        }),
  inject: [PANDIUM_RESOLVED_OPTIONS, PANDIUM_API_BUSY_GATE],
};
