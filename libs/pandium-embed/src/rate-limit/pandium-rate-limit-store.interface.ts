/**
 * The state of one key's window after a hit.
 *
 * @publicApi
 */
export interface PandiumRateLimitRecord {
  /** Hits in the current window, this one included. */
  totalHits: number;
  /** Milliseconds until the window ends and the count starts again. */
  timeToExpire: number;
}

/**
 * Where per-user request counts live. The default keeps them in memory; behind a load balancer use a shared
 * store. Any `@nestjs/throttler` `ThrottlerStorage` (e.g. a Redis-backed one) fits: its `increment` takes the
 * same first two arguments and answers at least these fields.
 *
 * @publicApi
 */
export interface PandiumRateLimitStore {
  /**
   * Counts one hit for `key` and answers the window's state.
   *
   * @param key the counter, one per user.
   * @param ttl the window's length in milliseconds, started by the first hit.
   * @param limit the budget per window (a throttler store may use it to block).
   * @param blockDuration how long to block once over the limit, in milliseconds (the window's length here).
   * @param throttlerName the name of the budget, for stores that keep several.
   */
  increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<PandiumRateLimitRecord>;
}
