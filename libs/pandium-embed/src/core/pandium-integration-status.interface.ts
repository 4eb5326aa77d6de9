import type { PandiumIntegration } from './pandium-integration.interface.js';

/**
 * Where the signed-in user stands with one integration, from their Pandium tenants. When several apply, the first
 * of `paused`, `disconnected`, `failing`, `installed` wins; `unknown` means Pandium did not answer and nothing was
 * cached.
 *
 * @publicApi
 */
export type PandiumIntegrationState =
  | 'not-installed'
  | 'installed'
  | 'paused'
  | 'disconnected'
  | 'failing'
  | 'unknown';

// A record over the union, so a state added to the type and not here is a compile error.
const STATE_NAMES: Record<PandiumIntegrationState, true> = {
  'not-installed': true,
  installed: true,
  paused: true,
  disconnected: true,
  failing: true,
  unknown: true,
};

/** Every {@link PandiumIntegrationState}, in the type's order: what stored records and the OpenAPI enum allow. @internal */
export const PANDIUM_INTEGRATION_STATES = Object.keys(
  STATE_NAMES,
) as readonly PandiumIntegrationState[];

/**
 * The user's status for one catalog entry, read from Pandium's `GET /v2/tenants?user_name=<sub>`.
 *
 * @publicApi
 */
export interface PandiumIntegrationStatus {
  state: PandiumIntegrationState;
  /** Pandium's id of the user's tenant, when they have one. */
  tenantId?: number;
  /** When the last run completed (or started, while it has not completed), as Pandium gave it. */
  lastRunAt?: string;
  /** The last run's phase, as Pandium gave it (e.g. `Succeeded`, `Failed`). */
  lastRunStatus?: string;
  /** When the last successful run completed, as Pandium gave it. */
  lastSuccessfulRunAt?: string;
}

/**
 * A catalog entry as `listIntegrations` returns it: with the user's `status` when an `apiKey` is configured.
 *
 * @publicApi
 */
export interface PandiumCatalogEntry extends PandiumIntegration {
  /** Present only when the module has an `apiKey`. */
  status?: PandiumIntegrationStatus;
}

/**
 * Gives a user's integration statuses, keyed by integration id (an id not in the map is not installed), or
 * `undefined` when they cannot be known. Never rejects.
 *
 * @internal
 */
export interface PandiumStatusSource {
  statusesFor(
    userName: string,
  ): Promise<ReadonlyMap<string, PandiumIntegrationStatus> | undefined>;

  /** Drops the user's cached statuses, so the next read asks Pandium (after an action of ours or a tenant event). */
  forget(userName: string): Promise<void>;

  /**
   * Drops the user's cached statuses because a client asked (after Pandium's `pandium-save-sync`), at most once per
   * user per refresh interval, so a client cannot make us call Pandium at will. Resolves whether it did.
   */
  refresh(userName: string): Promise<boolean>;

  /** The user name whose statuses last listed this tenant, if a read of ours has seen it (for webhook events). */
  userOfTenant(tenantId: number): Promise<string | undefined>;
}
