import { createHash } from 'node:crypto';
import type { PandiumLaunchTicketStore } from '../launch/pandium-launch-ticket-store.interface.js';
import { PandiumRedisStore } from './pandium-redis.store.js';

/**
 * The default `keyPrefix` of {@link RedisLaunchTicketStore}.
 *
 * @internal
 */
export const DEFAULT_LAUNCH_TICKET_KEY_PREFIX = 'pandium-embed:ticket:';

/** The commands the store calls, and its default prefix. */
const NEEDS = {
  commands: ['set', 'getdel'],
  keyPrefix: DEFAULT_LAUNCH_TICKET_KEY_PREFIX,
} as const;

/**
 * Launch tickets in Redis, shared by every instance of the app: a ticket issued by one is redeemed by any, exactly
 * once. `save` is `SET key value PX ttl`; `take` is `GETDEL` (Redis 6.2+), atomic on the server, so of concurrent
 * redemptions across the fleet exactly one gets the value. The key is the prefix and the SHA-256 of the ticket's
 * id, never the ticket; the value is what the library sealed (the user as your guard left it, as JSON: keep Redis
 * private). A failing or slow Redis rejects, which the library answers with 503. The client needs `set` and
 * `getdel`.
 *
 * @example
 * import Redis from 'ioredis';
 * import { RedisLaunchTicketStore } from 'pandium-embed/redis';
 *
 * const redis = new Redis(process.env.REDIS_URL!, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
 * PandiumEmbedModule.forRoot({ …, launchTicketStore: { useValue: new RedisLaunchTicketStore(redis) } });
 * @publicApi
 */
export class RedisLaunchTicketStore
  extends PandiumRedisStore
  implements PandiumLaunchTicketStore
{
  async save(id: string, value: string, ttlMs: number): Promise<void> {
    const px = Math.max(1, Math.ceil(ttlMs));
    await this.command('SET', (redis) =>
      redis.set(this.keyOf(id), value, 'PX', px),
    );
  }

  async take(id: string): Promise<string | undefined> {
    const value = await this.command('GETDEL', (redis) =>
      redis.getdel(this.keyOf(id)),
    );
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
