/**
 * The few Redis commands the stores of `pandium-embed/redis` use, as an ioredis 5+ client (`new Redis(url)`, a
 * `Cluster`) answers them. Structural, so the library never imports a Redis client: pass your own.
 *
 * @publicApi
 */
export interface PandiumRedisClient {
  /**
   * `SET key value PX milliseconds`.
   *
   * @deprecated No store calls it any more (each runs its command in a script, through `eval`); kept so that
   *   clients typed against this interface still compile.
   */
  set?(
    key: string,
    value: string,
    millisecondsToken: 'PX',
    milliseconds: number,
  ): Promise<unknown>;
  /**
   * `GETDEL key`.
   *
   * @deprecated No store calls it any more (each runs its command in a script, through `eval`); kept so that
   *   clients typed against this interface still compile.
   */
  getdel?(key: string): Promise<string | null>;
  /** `EVAL script numkeys key… arg…`: a Lua script, run atomically. Every store command is one. */
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
   * route 503), in milliseconds, 10–60000. Each command carries a deadline a little before that (by a tenth of it,
   * 100 ms at most), checked against Redis's own clock before the command writes anything: a command that reaches
   * Redis later (Redis was frozen, or the client sent it again after reconnecting) is not run, so nothing the
   * library answered 503 to takes effect afterwards. This assumes the app's and Redis's clocks agree (NTP) to
   * within that margin. Set your client's `maxRetriesPerRequest` low (1) so that a command fails soon during an
   * outage. @default 1000
   */
  commandTimeoutMs?: number;
}
