import type {
  PandiumEmbedUrl,
  PandiumInstallUrl,
} from './pandium-embed-url.interface.js';
import type { PandiumCatalogEntry } from './pandium-integration-status.interface.js';
import type { PandiumSyncResult } from './pandium-integration-actions.interface.js';

/**
 * A source of Pandium links for a user: what the JSON and launch controllers call. {@link PandiumEmbedService}
 * implements it for one Pandium account, `PandiumInstanceRouter` for several (handing each call to the user's
 * instance), so the type checker proves either fits wherever a source is expected.
 *
 * @typeParam TUser the host app's authenticated user.
 * @internal
 */
export interface PandiumLinkSource<TUser = unknown> {
  /**
   * The integrations this user may install.
   *
   * @throws {PandiumHttpException} `PANDIUM_STRATEGY_FAILED` (502) when a strategy fails or returns invalid output.
   * @throws {PandiumHttpException} `PANDIUM_STRATEGY_TIMEOUT` (504) when a strategy does not answer in time.
   */
  listIntegrations(user: TUser): Promise<PandiumCatalogEntry[]>;

  /**
   * A signed URL that opens one integration's install flow.
   *
   * @param integrationId Pandium's integration id; it must be in this user's catalog.
   * @throws {PandiumHttpException} `PANDIUM_INTEGRATION_NOT_FOUND` (404) when the id is not in the user's catalog.
   * @throws {PandiumHttpException} `PANDIUM_STRATEGY_FAILED` (502) when a strategy fails or returns invalid output.
   * @throws {PandiumHttpException} `PANDIUM_STRATEGY_TIMEOUT` (504) when a strategy does not answer in time.
   */
  createInstallUrl(
    user: TUser,
    integrationId: string,
  ): Promise<PandiumInstallUrl>;

  /**
   * A signed URL that opens the in-app marketplace.
   *
   * @throws {PandiumHttpException} `PANDIUM_STRATEGY_FAILED` (502) when a strategy fails or returns invalid output.
   * @throws {PandiumHttpException} `PANDIUM_STRATEGY_TIMEOUT` (504) when a strategy does not answer in time.
   */
  createMarketplaceUrl(user: TUser): Promise<PandiumEmbedUrl>;

  /**
   * Starts a run of the user's live tenant of this integration (which must be in the user's catalog).
   *
   * @throws {PandiumHttpException} as `PandiumEmbedService.runIntegration`.
   */
  runIntegration(
    user: TUser,
    integrationId: string,
  ): Promise<PandiumSyncResult>;

  /**
   * Archives the user's live tenant of this integration (in their catalog or not).
   *
   * @throws {PandiumHttpException} as `PandiumEmbedService.uninstallIntegration`.
   */
  uninstallIntegration(user: TUser, integrationId: string): Promise<void>;

  /**
   * Makes the user's next catalog read ask Pandium again, at most once per user per 5 s.
   *
   * @throws {PandiumHttpException} as `PandiumEmbedService.refreshStatuses`.
   */
  refreshStatuses(user: TUser): Promise<void>;
}
