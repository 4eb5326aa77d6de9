export {
  PANDIUM_API_HOSTS,
  PANDIUM_API_KEY_HEADER,
} from '../signing/pandium-hosts.js';

/** Path of the integration list, below the API host. @internal */
export const PANDIUM_API_INTEGRATIONS_PATH = 'v2/integrations';

/** Defaults of {@link PandiumApiIntegrationCatalog}'s options. @internal */
export const DEFAULT_API_CATALOG = {
  ttlSeconds: 300,
  requestTimeoutMs: 5000,
  pageSize: 500,
} as const;

/** The largest `limit` the catalog asks the integration list for. @internal */
export const MAX_API_PAGE_SIZE = 500;

/**
 * The most pages one catalog load reads. A list that never ends (an API that ignores `skip`) fails the load
 * instead of looping forever. @internal
 */
export const MAX_API_PAGES = 100;

/** After a failed refresh, the stale copy is served this long (at most the TTL) before the next try. @internal */
export const API_CATALOG_RETRY_MS = 30_000;
