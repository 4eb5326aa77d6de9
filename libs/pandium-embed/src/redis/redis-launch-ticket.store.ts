import { createHash } from 'node:crypto';
import type { PandiumLaunchTicketStore } from '../launch/pandium-launch-ticket-store.interface.js';
import { DEADLINE_CHECK, PandiumRedisStore } from './pandium-redis.store.js';

/**
 * The default `keyPrefix` of {@link RedisLaunchTicketStore}.
 *
 * @internal
 */
export const DEFAULT_LAUNCH_TICKET_KEY_PREFIX = 'pandium-embed:ticket:';

/** The one command the store calls, and its default prefix. */
const NEEDS = {
  commands: ['eval'],
  keyPrefix: DEFAULT_LAUNCH_TICKET_KEY_PREFIX,
} as const;

/** `SET key value PX ttl` (`ARGV[2]`, `ARGV[3]`), unless the deadline passed: no ticket the app gave up on appears. */
const SAVE_SCRIPT = `${DEADLINE_CHECK}
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1
`;

/** `GETDEL key`, unless the deadline passed: a redemption the app answered 503 to leaves the ticket redeemable. */
const TAKE_SCRIPT = `${DEADLINE_CHECK}
return redis.call('GETDEL', KEYS[1])
`;

/**
 * Launch tickets in Redis, shared by every instance of the app: a ticket issued by one is redeemed by any, exactly
 * once. `save` is `SET key value PX ttl`; `take` is `GETDEL` (Redis 6.2+), atomic on the server, so of concurrent
 * redemptions across the fleet exactly one gets the value. Each runs in a Lua script that first checks the
 * command's deadline against Redis's `TIME`, so a save or a take that the library already answered 503 to (Redis
 * was frozen, or the client sent it again after reconnecting) is not run when it reaches Redis late. The key is the
 * prefix and the SHA-256 of the ticket's id, never the ticket; the value is what the library sealed (the user as
 * your guard left it, as JSON: keep Redis private). A failing or slow Redis rejects, which the library answers with
 * 503. The client needs `eval`.
 *
 * @example
 * import Redis from 'ioredis';
 * import { RedisLaunchTicketStore } from 'pandium-embed/redis';
 *
 * const redis = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: 1 });
 * PandiumEmbedModule.forRoot({ …, launchTicketStore: { useValue: new RedisLaunchTicketStore(redis) } });
 * @publicApi
 */
export class RedisLaunchTicketStore
  extends PandiumRedisStore
  implements PandiumLaunchTicketStore
{
  async save(id: string, value: string, ttlMs: number): Promise<void> {
    const px = Math.max(1, Math.ceil(ttlMs));
    await this.command('SET', (redis, deadline) =>
      redis.eval(SAVE_SCRIPT, 1, this.keyOf(id), deadline, value, px),
    );
  }

  async take(id: string): Promise<string | undefined> {
    const value = await this.command('GETDEL', (redis, deadline) =>
      redis.eval(TAKE_SCRIPT, 1, this.keyOf(id), deadline),
    );
    if (value !== null && typeof value !== 'string') {
      throw new Error(
        'Redis answered the take script with an unexpected reply',
      );
    }
    return value ?? undefined;
  }

  /** The prefix and the SHA-256 of the id, so that reading Redis never gives a usable ticket. */
  protected keyOf(id: string): string {
    return this.prefixed(createHash('sha256').update(id).digest('base64url'));
  }

  protected needs() {
    return NEEDS;
  }
}
