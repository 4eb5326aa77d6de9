/**
 * Pandium's REST API hosts, per environment, for {@link PandiumApiIntegrationCatalog}. Pandium documents no
 * API host for demo/PoC accounts, so `demo` uses the sandbox API; set `apiBaseUrl` if yours differs.
 * The catalog is the only code that knows these hosts (the URL builder knows the embed hosts).
 *
 * @internal
 */
export const PANDIUM_API_HOSTS = {
  production: 'https://api.pandium.io',
  sandbox: 'https://api.sandbox.pandium.com',
  demo: 'https://api.sandbox.pandium.com',
} as const;

/** Header that carries the API key on every REST API request. @internal */
export const PANDIUM_API_KEY_HEADER = 'X-API-KEY';

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
