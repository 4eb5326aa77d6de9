import type { Provider } from '@nestjs/common';
import type { PandiumStatusSource } from '../core/pandium-integration-status.interface.js';
import type { ResolvedPandiumEmbedOptions } from '../options/pandium-embed-options.validator.js';
import {
  PANDIUM_INTEGRATION_ACTIONS,
  PANDIUM_RESOLVED_OPTIONS,
  PANDIUM_STATUS_SOURCE,
  PANDIUM_TENANTS_CLIENT,
} from '../pandium-embed.tokens.js';
import { PandiumTenantActions } from './pandium-tenant.actions.js';
import type { PandiumTenantsClient } from './pandium-tenants.client.js';

/**
 * The run and uninstall actions under {@link PANDIUM_INTEGRATION_ACTIONS}: built when the options hold an `apiKey`,
 * `null` otherwise (the service then answers `PANDIUM_API_KEY_MISSING`). They share the statuses' client, so a 429 holds back both.
 *
 * @internal
 */
export const integrationActionsProvider: Provider = {
  provide: PANDIUM_INTEGRATION_ACTIONS,
  useFactory: (
    options: ResolvedPandiumEmbedOptions,
    client: PandiumTenantsClient | null,
    statusSource: PandiumStatusSource | null,
  ): PandiumTenantActions | null =>
    client === null || options.apiKey === undefined
      ? null
      : new PandiumTenantActions(client, statusSource, options.apiKey),
  inject: [
    PANDIUM_RESOLVED_OPTIONS,
    PANDIUM_TENANTS_CLIENT,
    PANDIUM_STATUS_SOURCE,
  ],
};
