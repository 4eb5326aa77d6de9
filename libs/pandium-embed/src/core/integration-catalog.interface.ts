import type { PandiumIntegration } from './pandium-integration.interface.js';

/**
 * Lists the integrations a user may install. The static catalog built from the `integrations` option is the
 * default; a host app supplies its own for per-user or per-plan catalogs. An id outside a user's list is a 404.
 *
 * @typeParam TUser the host app's authenticated user.
 * @publicApi
 */
export interface IntegrationCatalog<TUser = unknown> {
  /**
   * Returns the integrations this user may install, in display order. Ids must be unique.
   *
   * @param user the authenticated user.
   */
  listIntegrations(
    user: TUser,
  ): PandiumIntegration[] | Promise<PandiumIntegration[]>;
}
