import { createHash } from 'node:crypto';
import type {
  PandiumStatusRecord,
  PandiumStatusStore,
} from '../tenants/pandium-status-store.interface.js';
import { isPandiumStatusRecord } from '../tenants/pandium-status-record.check.js';
import { statusRetentionMs } from '../tenants/pandium-status.retention.js';
import { DEADLINE_CHECK, PandiumRedisStore } from './pandium-redis.store.js';

/**
 * The default `keyPrefix` of {@link RedisStatusStore}.
 *
 * @internal
 */
export const DEFAULT_STATUS_KEY_PREFIX = 'pandium-embed:status:';

/** The one command the store calls, and its default prefix. */
const NEEDS = {
  commands: ['eval'],
  keyPrefix: DEFAULT_STATUS_KEY_PREFIX,
} as const;

/** `GET key`: a read changes nothing, so a late one needs no deadline check. */
const GET_SCRIPT = `return redis.call('GET', KEYS[1])`;

/** `SET key value PX ms` (`ARGV[2]`, `ARGV[3]`), unless the deadline passed. */
const SET_SCRIPT = `${DEADLINE_CHECK}
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1
`;

/** `DEL key`, unless the deadline passed. */
const DELETE_SCRIPT = `${DEADLINE_CHECK}
redis.call('DEL', KEYS[1])
return 1
`;

/** `SET key 1 PX ms NX` (`ARGV[2]`): 1 when it set the mark, 0 when one was there; nothing past the deadline. */
const MARK_SCRIPT = `${DEADLINE_CHECK}
if redis.call('SET', KEYS[1], '1', 'PX', ARGV[2], 'NX') then
  return 1
end
return 0
`;

/** The SHA-256 of a user name, so keys have one length and hold no e-mail address. */
function hashed(userName: string): string {
  return createHash('sha256').update(userName).digest('base64url');
}

/**
 * Users' integration statuses in Redis, shared by every instance of the app: the fleet asks Pandium once per user
 * per TTL, whichever instance answers, and a refresh on one instance (after `pandium-save-sync`) makes every
 * instance's next read fresh; the once-per-interval limit on refreshes holds across the fleet too. Keys, under
 * `keyPrefix`: `user:<sha256(sub)>` holds the record as JSON, kept `max(10 × TTL, 1 hour)` (a stale copy for an
 * outage of Pandium past its TTL, then gone); `tenant:<id>` holds the `sub` of the user whose record listed the
 * tenant, kept as long; `refresh:<sha256(sub)>` marks a refresh for its interval. Every key has a Redis TTL, so
 * nothing grows without bound. Each command is one Lua script (the client needs `eval`), a write first checking its
 * deadline against Redis's `TIME` like the other Redis stores; a record and its tenants are written by separate
 * scripts (one key each), so the store works on a Redis Cluster. A failing or slow Redis rejects, and the library
 * then reads Pandium as if nothing were cached: the catalog keeps answering.
 *
 * @example
 * PandiumEmbedModule.forRoot({ …, statusStore: { useValue: new RedisStatusStore(redis) } });
 * @publicApi
 */
export class RedisStatusStore
  extends PandiumRedisStore
  implements PandiumStatusStore
{
  async get(userName: string): Promise<PandiumStatusRecord | undefined> {
    const value = await this.command('GET', (redis) =>
      redis.eval(GET_SCRIPT, 1, this.userKey(userName)),
    );
    if (value === null) {
      return undefined;
    }
    let record: unknown;
    try {
      record = typeof value === 'string' ? JSON.parse(value) : value;
    } catch {
      record = undefined;
    }
    if (!isPandiumStatusRecord(record)) {
      throw new Error('Redis held a status record the library did not write');
    }
    return record;
  }

  async set(
    userName: string,
    record: PandiumStatusRecord,
    ttlMs: number,
  ): Promise<void> {
    const px = Math.max(1, Math.ceil(statusRetentionMs(ttlMs)));
    const tenantIds = Object.values(record.statuses ?? {}).flatMap(
      ({ tenantId }) => (tenantId === undefined ? [] : [tenantId]),
    );
    await this.command('SET', (redis, deadline) =>
      Promise.all([
        redis.eval(
          SET_SCRIPT,
          1,
          this.userKey(userName),
          deadline,
          JSON.stringify(record),
          px,
        ),
        ...tenantIds.map((tenantId) =>
          redis.eval(
            SET_SCRIPT,
            1,
            this.tenantKey(tenantId),
            deadline,
            userName,
            px,
          ),
        ),
      ]),
    );
  }

  async delete(userName: string): Promise<void> {
    await this.command('DEL', (redis, deadline) =>
      redis.eval(DELETE_SCRIPT, 1, this.userKey(userName), deadline),
    );
  }

  async markRefresh(userName: string, intervalMs: number): Promise<boolean> {
    const px = Math.max(1, Math.ceil(intervalMs));
    const marked = await this.command('SET NX', (redis, deadline) =>
      redis.eval(
        MARK_SCRIPT,
        1,
        this.prefixed(`refresh:${hashed(userName)}`),
        deadline,
        px,
      ),
    );
    if (marked !== 0 && marked !== 1) {
      throw new Error(
        'Redis answered the refresh script with an unexpected reply',
      );
    }
    return marked === 1;
  }

  async userOfTenant(tenantId: number): Promise<string | undefined> {
    const userName = await this.command('GET', (redis) =>
      redis.eval(GET_SCRIPT, 1, this.tenantKey(tenantId)),
    );
    if (userName !== null && typeof userName !== 'string') {
      throw new Error(
        'Redis answered the tenant read with an unexpected reply',
      );
    }
    return userName ?? undefined;
  }

  /** Where the user's record lives. */
  protected userKey(userName: string): string {
    return this.prefixed(`user:${hashed(userName)}`);
  }

  /** Where the user of a tenant lives. */
  protected tenantKey(tenantId: number): string {
    return this.prefixed(`tenant:${tenantId}`);
  }

  protected needs() {
    return NEEDS;
  }
}
