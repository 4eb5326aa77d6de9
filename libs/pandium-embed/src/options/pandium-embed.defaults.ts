/**
 * What an instance name may look like: a letter, then up to 23 letters, digits, `-` or `_`. Short, because a routed
 * launch ticket carries it (`<name>~<ticket>` must stay within Fastify's 100-character route parameter).
 *
 * @internal
 */
export const PANDIUM_INSTANCE_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,23}$/;

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

/** @internal */
export const DEFAULT_RATE_LIMIT = { limit: 30, windowSeconds: 60 } as const;

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

/** @internal */
export const DEFAULT_ROUTE_PATH = 'pandium';

/** @internal */
export const DEFAULT_USER_PROPERTY = 'user';
