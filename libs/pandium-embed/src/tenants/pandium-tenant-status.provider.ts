import type { Provider } from '@nestjs/common';
import type { PandiumClock } from '../core/pandium-clock.interface.js';
import type { ResolvedPandiumEmbedOptions } from '../options/pandium-embed-options.validator.js';
import {
  PANDIUM_CLOCK,
  PANDIUM_RESOLVED_OPTIONS,
  PANDIUM_STATUS_SOURCE,
  PANDIUM_STATUS_STORE,
  PANDIUM_TENANTS_CLIENT,
} from '../pandium-embed.tokens.js';
import type { PandiumStatusStore } from './pandium-status-store.interface.js';
import { PandiumTenantStatusSource } from './pandium-tenant-status.source.js';
import type { PandiumTenantsClient } from './pandium-tenants.client.js';
import { TENANT_STATUS_DEFAULTS } from './pandium-tenants.constants.js';

/**
 * The integration status source under {@link PANDIUM_STATUS_SOURCE}: built when the options hold an `apiKey`, `null`
 * otherwise (no status, no request to Pandium). Its statuses live in the `statusStore`; a read waits at most
 * `strategyTimeoutMs`, the limit of every other step of a request.
 *
 * @internal
 */
export const statusSourceProvider: Provider = {
  provide: PANDIUM_STATUS_SOURCE,
  useFactory: (
    options: ResolvedPandiumEmbedOptions,
    clock: PandiumClock,
    store: PandiumStatusStore,
    client: PandiumTenantsClient | null,
  ): PandiumTenantStatusSource | null =>
    client === null
      ? null
      : new PandiumTenantStatusSource(client, store, clock, {
          ttlMs: options.statusCacheTtlSeconds * 1000,
          refreshIntervalMs: TENANT_STATUS_DEFAULTS.refreshIntervalMs,
          waitMs: options.strategyTimeoutMs,
        }),
  inject: [
    PANDIUM_RESOLVED_OPTIONS,
    PANDIUM_CLOCK,
    PANDIUM_STATUS_STORE,
    PANDIUM_TENANTS_CLIENT,
  ],
};
