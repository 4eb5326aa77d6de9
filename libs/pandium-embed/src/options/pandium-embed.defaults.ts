/**
 * What an instance name may look like: a letter, then up to 23 letters, digits, `-` or `_`. Short, because a routed
 * launch ticket carries it (`<name>~<ticket>` must stay within Fastify's 100-character route parameter).
 *
 * @internal
 */
export const PANDIUM_INSTANCE_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,23}$/;

/**
 * The defaults of the run-time options, merged once into what the host app gave (see `resolvePandiumEmbedOptions`).
 *
 * @internal
 */
export const PANDIUM_EMBED_DEFAULTS = {
  environment: 'sandbox',
  allowShortSecret: false,
  tokenTtlSeconds: 300,
  clockSkewSeconds: 5,
  strategyTimeoutMs: 5000,
  /** About 6 KB: well under the 8 KB request lines that common proxies and servers accept. */
  maxTokenBytes: 6144,
  launchTicketTtlSeconds: 30,
  statusCacheTtlSeconds: 30,
} as const;

/** Bounds of `launchTicketTtlSeconds`: long enough for an iframe to load, short enough for a bearer credential. @internal */
export const LAUNCH_TICKET_TTL_BOUNDS = { min: 5, max: 300 } as const;

/** @internal */
export const DEFAULT_ROUTE_PATH = 'pandium';

/** @internal */
export const DEFAULT_USER_PROPERTY = 'user';
