/**
 * How long one answer of Pandium's API serves the API and clock checks, in milliseconds: health checks run every
 * few seconds, and must not turn into as many requests to Pandium.
 *
 * @internal
 */
export const PANDIUM_HEALTH_API_CACHE_TTL_MS = 60_000;

/** How long the API check waits for Pandium's answer, in milliseconds. @internal */
export const PANDIUM_HEALTH_API_TIMEOUT_MS = 5_000;

/** How long a store may take to answer the stores check, in milliseconds. @internal */
export const PANDIUM_HEALTH_STORE_TIMEOUT_MS = 2_000;

/**
 * The rate-limit counter the stores check increments: its own key, with a one-second window, so no user's budget
 * is touched and the counter soon expires.
 *
 * @internal
 */
export const PANDIUM_HEALTH_RATE_LIMIT_KEY = 'pandium-embed:health';
