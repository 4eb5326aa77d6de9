import { createHash } from 'node:crypto';
import type {
  PandiumLaunchTicketRecord,
  PandiumLaunchTicketStore,
} from '../launch/pandium-launch-ticket-store.interface.js';
import type {
  PandiumRedisClient,
  PandiumRedisStoreOptions,
} from './pandium-redis-client.interface.js';
import type { ResolvedRedisStoreOptions } from './redis-command.util.js';
import {
  resolveRedisStoreOptions,
  withCommandTimeout,
} from './redis-command.util.js';

/**
 * The default `keyPrefix` of {@link RedisLaunchTicketStore}.
 *
 * @publicApi
 */
export const DEFAULT_LAUNCH_TICKET_KEY_PREFIX = 'pandium-embed:ticket:';

/**
 * Launch tickets in Redis, shared by every instance of the app: a ticket issued by one is redeemed by any, exactly
 * once. `save` is `SET key record PX ttl`; `take` is `GETDEL` (Redis 6.2+), atomic on the server, so of concurrent
 * redemptions across the fleet exactly one gets the record. The key is the prefix and the SHA-256 of the ticket's
 * id, never the ticket; the value is the record as JSON (the user as your guard left it: keep Redis private).
 * A failing or slow Redis rejects, which the library answers with 503.
 *
 * @example
 * import Redis from 'ioredis';
 * import { RedisLaunchTicketStore } from 'pandium-embed/redis';
 *
 * const redis = new Redis(process.env.REDIS_URL!, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
 * PandiumEmbedModule.forRoot({ …, launchTicketStore: { useValue: new RedisLaunchTicketStore(redis) } });
 * @publicApi
 */
export class RedisLaunchTicketStore implements PandiumLaunchTicketStore {
  private readonly options: ResolvedRedisStoreOptions;

  /**
   * @param client an ioredis 5+ client (or anything with `set`, `getdel`); the host app opens and closes it.
   * @throws {PandiumOptionsError} for a client without those methods, or bad options.
   */
  constructor(
    private readonly client: PandiumRedisClient,
    options: PandiumRedisStoreOptions = {},
  ) {
    this.options = resolveRedisStoreOptions(
      RedisLaunchTicketStore.name,
      client,
      ['set', 'getdel'],
      options,
      DEFAULT_LAUNCH_TICKET_KEY_PREFIX,
    );
  }

  async save(
    id: string,
    record: PandiumLaunchTicketRecord,
    ttlMs: number,
  ): Promise<void> {
    const value = JSON.stringify(record);
    await withCommandTimeout('SET', this.options.commandTimeoutMs, () =>
      this.client.set(
        this.keyOf(id),
        value,
        'PX',
        Math.max(1, Math.ceil(ttlMs)),
      ),
    );
  }

  async take(id: string): Promise<PandiumLaunchTicketRecord | undefined> {
    const value = await withCommandTimeout(
      'GETDEL',
      this.options.commandTimeoutMs,
      () => this.client.getdel(this.keyOf(id)),
    );
    if (value === null || value === undefined) {
      return undefined;
    }
    // A value that is not a record means the key was written by something else: fail, never redirect.
    return JSON.parse(value) as PandiumLaunchTicketRecord;
  }

  /** The prefix and the SHA-256 of the id, so that reading Redis never gives a usable ticket. */
  protected keyOf(id: string): string {
    return `${this.options.keyPrefix}${createHash('sha256').update(id).digest('base64url')}`;
  }
}
