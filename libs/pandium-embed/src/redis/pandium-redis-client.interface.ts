/**
 * The few Redis commands the stores of `pandium-embed/redis` use, as an ioredis 5+ client (`new Redis(url)`, a
 * `Cluster`) answers them. Structural, so the library never imports a Redis client: pass your own.
 *
 * @publicApi
 */
export interface PandiumRedisClient {
  /** `SET key value PX milliseconds`. */
  set(
    key: string,
    value: string,
    millisecondsToken: 'PX',
    milliseconds: number,
  ): Promise<unknown>;
  /** `GETDEL key` (Redis 6.2+): the value and its removal, in one atomic step. */
  getdel(key: string): Promise<string | null>;
  /** `EVAL script numkeys key… arg…`: a Lua script, run atomically. */
  eval(
    script: string,
    numkeys: number,
    ...keysAndArgs: (string | number)[]
  ): Promise<unknown>;
}

/**
 * Options shared by the Redis stores.
 *
 * @publicApi
 */
export interface PandiumRedisStoreOptions {
  /** Put in front of every key, so the store shares a Redis with other data safely. */
  keyPrefix?: string;
  /**
   * How long one command may take before the store gives up and fails (a launch then answers 503, a rate-limited
   * route 503), in milliseconds, 10–60000. Also set your client's own `commandTimeout` or
   * `enableOfflineQueue: false`, or a command waits for a reconnection. @default 1000
   */
  commandTimeoutMs?: number;
}
