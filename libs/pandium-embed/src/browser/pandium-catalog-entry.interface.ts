/**
 * Where the signed-in user stands with one integration, as `GET <endpoint>/integrations` reports it. When several
 * apply, the first of `paused`, `disconnected`, `failing`, `installed` wins; `unknown` means the server could not
 * ask Pandium and had nothing cached.
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

/**
 * The user's status for one catalog entry.
 *
 * @publicApi
 */
export interface PandiumIntegrationStatus {
  state: PandiumIntegrationState;
  /** Pandium's id of the user's tenant, when they have one. */
  tenantId?: number;
  /** When the last run completed (or started, while it runs), as Pandium gave it. */
  lastRunAt?: string;
  /** The last run's phase, as Pandium gave it (e.g. `Succeeded`, `Failed`). */
  lastRunStatus?: string;
  /** When the last successful run completed, as Pandium gave it. */
  lastSuccessfulRunAt?: string;
}

/**
 * One integration the signed-in user may install, as `GET <endpoint>/integrations` lists it.
 *
 * @publicApi
 */
export interface PandiumCatalogEntry {
  /** Pandium's integration id: what `mountPandiumInstall` and the client's actions take. */
  id: string;
  /** The integration's programmatic name. */
  name: string;
  /** The programmatic name of its connector. */
  connectorName: string;
  /** A name to show people, when the host set one. */
  displayName?: string;
  /** Present only when the server has a Pandium API key. */
  status?: PandiumIntegrationStatus;
}

/**
 * What `runIntegration` answers: Pandium's id of the run's trigger.
 *
 * @publicApi
 */
export interface PandiumSyncResult {
  triggerId: string;
}
