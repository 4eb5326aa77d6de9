import type { PandiumClock } from './interfaces/index.js';

/**
 * Injection tokens and fixed values of pandium-embed. Every token of the library is defined here.
 */
/**
 * Token of the options exactly as the host app passed them to `forRoot` or returned from `forRootAsync`'s factory (before defaults and validation).
 * Inject {@link PandiumEmbedService} rather than reading options yourself.
 *
 * @publicApi
 */
export const PANDIUM_EMBED_MODULE_OPTIONS = 'PANDIUM_EMBED_MODULE_OPTIONS';

/**
 * Token of the host app's {@link ClaimsProvider}.
 *
 * @publicApi
 */
export const PANDIUM_CLAIMS_PROVIDER = 'PANDIUM:CLAIMS_PROVIDER';

/**
 * Token of the host app's {@link TokenProvider}.
 *
 * @publicApi
 */
export const PANDIUM_TOKEN_PROVIDER = 'PANDIUM:TOKEN_PROVIDER';

/**
 * Token of the {@link IntegrationCatalog} in use (the host app's, or the static one built from `integrations`).
 *
 * @publicApi
 */
export const PANDIUM_INTEGRATION_CATALOG = 'PANDIUM:INTEGRATION_CATALOG';

/**
 * Token of the {@link PandiumClock} used for `iat` and `exp`. Override it in tests for exact timestamps.
 *
 * @publicApi
 */
export const PANDIUM_CLOCK = 'PANDIUM:CLOCK';

/**
 * Token of the {@link PandiumInstanceSelector} of `PandiumEmbedRouterModule`: which named instance serves a user.
 *
 * @publicApi
 */
export const PANDIUM_INSTANCE_SELECTOR = 'PANDIUM:INSTANCE_SELECTOR';

/**
 * How long the router waits for the instance selector, in milliseconds.
 *
 * @internal
 */
export const PANDIUM_SELECTOR_TIMEOUT_MS = 'PANDIUM:SELECTOR_TIMEOUT_MS';

/**
 * Token of the {@link PandiumEmbedService} of the instance registered with `forRoot({ name })` (or `forRootAsync`):
 * what that instance exports, in place of the class, so instances imported side by side never collide.
 *
 * @publicApi
 */
export function getPandiumEmbedServiceToken(name: string): string {
  return `PANDIUM:INSTANCE:${name}:SERVICE`;
}

/**
 * Token of the {@link PandiumJwtSigner} of the instance named `name`.
 *
 * @publicApi
 */
export function getPandiumJwtSignerToken(name: string): string {
  return `PANDIUM:INSTANCE:${name}:JWT_SIGNER`;
}

/**
 * Token of the {@link PandiumUrlBuilder} of the instance named `name`.
 *
 * @publicApi
 */
export function getPandiumUrlBuilderToken(name: string): string {
  return `PANDIUM:INSTANCE:${name}:URL_BUILDER`;
}

/**
 * What an instance name may look like: a letter, then up to 23 letters, digits, `-` or `_`. Short, because a routed
 * launch ticket carries it (`<name>~<ticket>` must stay within Fastify's 100-character route parameter).
 *
 * @internal
 */
export const PANDIUM_INSTANCE_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,23}$/;

/** Between the instance name and the ticket in a launch ticket issued through the router. @internal */
export const ROUTED_TICKET_SEPARATOR = '~';

/** Token of a named instance's name; building it checks that no other instance has the same one. @internal */
export const PANDIUM_INSTANCE_NAME = 'PANDIUM:INSTANCE_NAME';

/** Token of a named instance's per-call identity, so two registrations are two modules even when Nest hashes them alike. @internal */
export const PANDIUM_INSTANCE_ID = 'PANDIUM:INSTANCE_ID';

/** The real time: what {@link PANDIUM_CLOCK} and the API catalog's `clock` default to. @internal */
export const PANDIUM_SYSTEM_CLOCK: PandiumClock = { now: () => Date.now() };

/**
 * Token of the options after defaults were merged and every field was validated.
 *
 * @internal
 */
export const PANDIUM_RESOLVED_OPTIONS = 'PANDIUM:RESOLVED_OPTIONS';

/**
 * Pandium's embed hosts, per environment.
 * Production follows the install-only page (`imp.pandium.com`); Pandium's marketplace page names
 * `imp.pandium.io`: set `baseUrl` if your account uses that one.
 *
 * @see https://docs.pandium.com/marketplaces/embedding-the-integration-install-only
 * @internal
 */
export const PANDIUM_HOSTS = {
  production: 'https://imp.pandium.com',
  sandbox: 'https://imp.sandbox.pandium.com',
  demo: 'https://imp.demo.pandium.com',
} as const;

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

/**
 * The one JWT header Pandium accepts, in this key order: `{"alg":"HS256","typ":"JWT"}`.
 *
 * @internal
 */
export const PANDIUM_JWT_HEADER = { alg: 'HS256', typ: 'JWT' } as const;

/**
 * {@link PANDIUM_JWT_HEADER} in base64url, encoded once: `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9`.
 *
 * @internal
 */
export const PANDIUM_JWT_HEADER_SEGMENT = Buffer.from(
  JSON.stringify(PANDIUM_JWT_HEADER),
).toString('base64url');

/** @internal */
export const DEFAULT_PANDIUM_ENVIRONMENT = 'sandbox';

/** @internal */
export const DEFAULT_TOKEN_TTL_SECONDS = 300;

/** @internal */
export const DEFAULT_CLOCK_SKEW_SECONDS = 5;

/** @internal */
export const DEFAULT_STRATEGY_TIMEOUT_MS = 5000;

/** About 6 KB: well under the 8 KB request lines that common proxies and servers accept. @internal */
export const DEFAULT_MAX_TOKEN_BYTES = 6144;

/** HS256 keys should be at least as long as the hash: 256 bits. @internal */
export const MIN_SECRET_BYTES = 32;

/** @internal */
export const DEFAULT_RATE_LIMIT = { limit: 30, windowSeconds: 60 } as const;

/** Token of the rate-limit store in use. @publicApi */
export const PANDIUM_RATE_LIMIT_STORE = 'PANDIUM:RATE_LIMIT_STORE';

/**
 * Token of the {@link PandiumLaunchTicketStore} in use: in memory by default, a shared one (e.g. `RedisLaunchTicketStore`
 * from `pandium-embed/redis`) behind a load balancer.
 *
 * @publicApi
 */
export const PANDIUM_LAUNCH_TICKET_STORE = 'PANDIUM:LAUNCH_TICKET_STORE';

/** Token of the resolved controller settings (prefix, user property, rate limit). @internal */
export const PANDIUM_CONTROLLER_OPTIONS = 'PANDIUM:CONTROLLER_OPTIONS';

/** @internal */
export const DEFAULT_LAUNCH_TICKET_TTL_SECONDS = 30;

/** Bounds of `launchTicketTtlSeconds`: long enough for an iframe to load, short enough for a bearer credential. @internal */
export const LAUNCH_TICKET_TTL_BOUNDS = { min: 5, max: 300 } as const;

/**
 * The per-IP budget of `GET <prefix>/launch/:ticket`. Higher than the per-user one: many users may share an address
 * (an office behind NAT), and a bad ticket costs only a MAC check.
 *
 * @internal
 */
export const DEFAULT_LAUNCH_RATE_LIMIT = {
  limit: 300,
  windowSeconds: 60,
} as const;

/**
 * HKDF `info` of the launch-ticket MAC key, derived from the shared secret: every instance with the same secret
 * derives the same key, and it is never the secret itself. Changing it invalidates tickets in flight.
 *
 * @internal
 */
export const LAUNCH_TICKET_KEY_INFO = 'pandium-embed launch ticket v1';

/**
 * The longest string accepted as a launch ticket before any work is done on it (a ticket is 71 characters, within
 * Fastify's default 100-character route parameter).
 *
 * @internal
 */
export const MAX_LAUNCH_TICKET_LENGTH = 128;

/** Route metadata: this handler takes a JSON body, which {@link PandiumNoInputGuard} then lets through. @internal */
export const PANDIUM_TAKES_BODY_METADATA = 'PANDIUM:TAKES_BODY';

/** @internal */
export const DEFAULT_ROUTE_PATH = 'pandium';

/** @internal */
export const DEFAULT_USER_PROPERTY = 'user';

/**
 * What an integration id may look like: 1–128 letters, digits, `-`, `_` or `.`, and not only dots
 * (so `.` and `..` can never become path segments of a Pandium URL).
 *
 * @internal
 */
export const INTEGRATION_ID_PATTERN = /^(?!\.+$)[A-Za-z0-9._-]{1,128}$/;

/**
 * What an account slug may look like: one URL path segment of letters, digits, `-`, `_` or `.`, not only dots.
 *
 * @internal
 */
export const ACCOUNT_SLUG_PATTERN = /^(?!\.+$)[A-Za-z0-9._-]{1,128}$/;

/** Sizes that strategy output must fit in, so a token stays well under a URL's safe length. @internal */
export const CLAIM_LIMITS = {
  /** `sub`, `udn`, `ufn`, `aid`, `adn`, each entry of `ili`, names in the catalog. */
  shortString: 256,
  /** `uem`: the longest valid email address. */
  email: 320,
  /** entries in `ili`. */
  listItems: 100,
  /** `xti.token`. */
  token: 4096,
  /** `xti` extras, as JSON. */
  extrasJsonBytes: 4096,
} as const;
