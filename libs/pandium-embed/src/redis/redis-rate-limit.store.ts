import type {
  PandiumRateLimitRecord,
  PandiumRateLimitStore,
} from '../rate-limit/pandium-rate-limit-store.interface.js';
import { DEADLINE_CHECK, PandiumRedisStore } from './pandium-redis.store.js';

/**
 * The default `keyPrefix` of {@link RedisRateLimitStore}.
 *
 * @internal
 */
export const DEFAULT_RATE_LIMIT_KEY_PREFIX = 'pandium-embed:rate:';

/** The one command the store calls, and its default prefix. */
const NEEDS = {
  commands: ['eval'],
  keyPrefix: DEFAULT_RATE_LIMIT_KEY_PREFIX,
} as const;

/**
 * Counts one hit and answers `[hits, milliseconds left]`, in one atomic step: the first hit of a window (or a key
 * that lost its expiry) starts the window (`ARGV[2]` milliseconds). Past the deadline it counts nothing.
 */
const INCREMENT_SCRIPT = `${DEADLINE_CHECK}
local hits = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  ttl = tonumber(ARGV[2])
end
return { hits, ttl }
`;

/**
 * Rate-limit counters in Redis, shared by every instance of the app: a user's budget is the same whichever
 * instance answers. Fixed windows, counted by a Lua script (`INCR`, then `PEXPIRE` on the window's first hit), so
 * concurrent hits never lose a count. The script first checks the command's deadline against Redis's `TIME`: a hit
 * the guard already answered 503 to (Redis was frozen, or the client sent it again after reconnecting) is not
 * counted when it reaches Redis late. A failing or slow Redis rejects, which the rate-limit guard answers with
 * 503 (it fails closed): with this store, the routes that sign depend on Redis too. The client needs `eval`.
 *
 * @example
 * PandiumEmbedModule.forRoot({ …, rateLimitStore: { useValue: new RedisRateLimitStore(redis) } });
 * @publicApi
 */
export class RedisRateLimitStore
  extends PandiumRedisStore
  implements PandiumRateLimitStore
{
  async increment(key: string, ttl: number): Promise<PandiumRateLimitRecord> {
    const windowMs = Math.max(1, Math.ceil(ttl));
    const reply = await this.command('EVAL', (redis, deadline) =>
      redis.eval(INCREMENT_SCRIPT, 1, this.prefixed(key), deadline, windowMs),
    );
    if (
      !Array.isArray(reply) ||
      reply.length !== 2 ||
      !reply.every((n) => typeof n === 'number')
    ) {
      throw new Error(
        'Redis answered the rate-limit script with an unexpected reply',
      );
    }
    const [totalHits, timeToExpire] = reply as [number, number];
    return { totalHits, timeToExpire };
  }

  protected needs() {
    return NEEDS;
  }
}
