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
   * The output is checked on every call; an array that is returned again and is frozen, entries included
   * (`Object.freeze`), is checked only the first time, since it cannot have changed.
   *
   * @param user the authenticated user.
   */
  listIntegrations(
    user: TUser,
  ): PandiumIntegration[] | Promise<PandiumIntegration[]>;
}
