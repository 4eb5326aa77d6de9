import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import {
  redisClientOf,
  startRedisServer,
  useRedisServer,
} from '../../../../test/support/redis-server.js';
import { PandiumOptionsError } from '../errors/pandium-options.error.js';
import type { PandiumStatusRecord } from '../tenants/pandium-status-store.interface.js';
import type { PandiumRedisClient } from './pandium-redis-client.interface.js';
import {
  DEFAULT_STATUS_KEY_PREFIX,
  RedisStatusStore,
} from './redis-status.store.js';

const TTL_MS = 30_000;
const HOUR_MS = 60 * 60 * 1000;

const sha256 = (text: string): string =>
  createHash('sha256').update(text).digest('base64url');

const record: PandiumStatusRecord = {
  statuses: {
    '1042': {
      state: 'failing',
      tenantId: 7,
      lastRunAt: '2026-12-06T09:00:00Z',
      lastRunStatus: 'Failed',
    },
    '3107': { state: 'paused', tenantId: 8 },
  },
  readAt: 1_765_000_000_000,
};

describe('RedisStatusStore', () => {
  const redisServer = useRedisServer();
  let redis: Redis;
  let other: Redis;
  let store: RedisStatusStore;

  beforeEach(() => {
    ({ redis, other } = redisServer);
    store = new RedisStatusStore(redis);
  });

  describe('get, set and delete', () => {
    it('should give back the record set, through another client (another instance), until it is deleted', async () => {
      await store.set('jane@acme', record, TTL_MS);
      const elsewhere = new RedisStatusStore(other);

      await expect(elsewhere.get('jane@acme')).resolves.toEqual(record);
      await expect(elsewhere.get('raj@acme')).resolves.toBeUndefined();
      await elsewhere.delete('jane@acme');
      await expect(store.get('jane@acme')).resolves.toBeUndefined();
    });

    it('should keep a record of unknown statuses (null)', async () => {
      await store.set('jane', { statuses: null, readAt: 5 }, TTL_MS);

      await expect(store.get('jane')).resolves.toEqual({
        statuses: null,
        readAt: 5,
      });
    });

    it("should key on the prefix and the SHA-256 of the user name, with the record's tenants under their ids", async () => {
      await store.set('jane@acme', record, TTL_MS);

      expect((await redis.keys('*')).sort()).toEqual(
        [
          `${DEFAULT_STATUS_KEY_PREFIX}user:${sha256('jane@acme')}`,
          `${DEFAULT_STATUS_KEY_PREFIX}tenant:7`,
          `${DEFAULT_STATUS_KEY_PREFIX}tenant:8`,
        ].sort(),
      );
      expect(
        JSON.parse(
          (await redis.get(
            `${DEFAULT_STATUS_KEY_PREFIX}user:${sha256('jane@acme')}`,
          )) ?? '',
        ),
      ).toEqual(record);
    });

    it('should give every key a Redis TTL of max(10 × TTL, 1 hour)', async () => {
      await store.set('jane', record, TTL_MS);
      await store.set('raj', { statuses: null, readAt: 0 }, HOUR_MS);

      for (const key of await redis.keys(
        `${DEFAULT_STATUS_KEY_PREFIX}tenant:*`,
      )) {
        expect(await redis.pttl(key)).toBeGreaterThan(HOUR_MS - 60_000);
        expect(await redis.pttl(key)).toBeLessThanOrEqual(HOUR_MS);
      }
      const jane = await redis.pttl(
        `${DEFAULT_STATUS_KEY_PREFIX}user:${sha256('jane')}`,
      );
      expect(jane).toBeGreaterThan(HOUR_MS - 60_000);
      expect(jane).toBeLessThanOrEqual(HOUR_MS);
      const raj = await redis.pttl(
        `${DEFAULT_STATUS_KEY_PREFIX}user:${sha256('raj')}`,
      );
      expect(raj).toBeGreaterThan(10 * HOUR_MS - 60_000);
      expect(raj).toBeLessThanOrEqual(10 * HOUR_MS);
    });

    it('should use a given keyPrefix', async () => {
      const prefixed = new RedisStatusStore(redis, {
        keyPrefix: 'app-7:status:',
      });
      await prefixed.set('jane', { statuses: null, readAt: 0 }, TTL_MS);

      expect(await redis.keys('*')).toEqual([
        `app-7:status:user:${sha256('jane')}`,
      ]);
      await expect(store.get('jane')).resolves.toBeUndefined();
    });
  });

  describe('userOfTenant', () => {
    it('should answer the user whose record listed the tenant, across instances', async () => {
      await store.set('jane@acme', record, TTL_MS);
      const elsewhere = new RedisStatusStore(other);

      await expect(elsewhere.userOfTenant(7)).resolves.toBe('jane@acme');
      await expect(elsewhere.userOfTenant(8)).resolves.toBe('jane@acme');
      await expect(elsewhere.userOfTenant(9)).resolves.toBeUndefined();
    });
  });

  describe('markRefresh', () => {
    it('should mark once per interval across instances, with a Redis TTL of the interval', async () => {
      const elsewhere = new RedisStatusStore(other);

      await expect(store.markRefresh('jane', 5000)).resolves.toBe(true);
      await expect(elsewhere.markRefresh('jane', 5000)).resolves.toBe(false);
      await expect(elsewhere.markRefresh('raj', 5000)).resolves.toBe(true);
      const ttl = await redis.pttl(
        `${DEFAULT_STATUS_KEY_PREFIX}refresh:${sha256('jane')}`,
      );
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(5000);
    });

    it('should mark exactly once among 50 concurrent marks over two connections', async () => {
      const stores = [store, new RedisStatusStore(other)];

      const marks = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          stores[i % 2].markRefresh('jane', 5000),
        ),
      );
      expect(marks.filter(Boolean)).toHaveLength(1);
    });

    it('should mark again once the interval has passed', async () => {
      await store.markRefresh('jane', 30);
      await new Promise((resolve) => setTimeout(resolve, 80));

      await expect(store.markRefresh('jane', 30)).resolves.toBe(true);
    });
  });

  describe('failures', () => {
    it.each([
      ['not JSON', '{'],
      [
        'JSON of another shape',
        '{"statuses":{"1":{"state":"gone"}},"readAt":1}',
      ],
      ['a record without readAt', '{"statuses":null}'],
    ])(
      'should reject a value that is %s, for the library to read past',
      async (_name, value) => {
        await redis.set(
          `${DEFAULT_STATUS_KEY_PREFIX}user:${sha256('jane')}`,
          value,
        );

        await expect(store.get('jane')).rejects.toThrow(
          'Redis held a status record the library did not write',
        );
      },
    );

    it('should reject within commandTimeoutMs when Redis does not answer', async () => {
      const hanging: PandiumRedisClient = {
        eval: () => new Promise(() => undefined),
      };
      const slow = new RedisStatusStore(hanging, { commandTimeoutMs: 50 });

      await expect(slow.get('jane')).rejects.toThrow(
        'Redis did not answer GET within 50 ms',
      );
      await expect(slow.set('jane', record, TTL_MS)).rejects.toThrow(
        'Redis did not answer SET within 50 ms',
      );
      await expect(slow.markRefresh('jane', 5000)).rejects.toThrow(
        'Redis did not answer SET NX within 50 ms',
      );
    });

    it('should write nothing from a command that reaches Redis after its deadline', async () => {
      const late: PandiumRedisClient = {
        eval: (script, numkeys, key, _deadline, ...rest) =>
          redis.eval(script, numkeys, key, Date.now() - 60_000, ...rest),
      };
      const lateStore = new RedisStatusStore(late);

      await expect(lateStore.set('jane', record, TTL_MS)).rejects.toThrow(
        'PANDIUM_DEADLINE_PASSED',
      );
      await expect(lateStore.markRefresh('jane', 5000)).rejects.toThrow(
        'PANDIUM_DEADLINE_PASSED',
      );
      expect(await redis.keys('*')).toEqual([]);
    });

    it('should reject when Redis goes away', async () => {
      const doomed = await startRedisServer();
      const client = redisClientOf(doomed);
      const doomedStore = new RedisStatusStore(client);
      await doomedStore.set('jane', record, TTL_MS);
      await doomed.stop();

      await expect(doomedStore.get('jane')).rejects.toThrow();
      client.disconnect();
    });
  });

  describe('construction', () => {
    it('should refuse a client without eval, and bad options, naming them', () => {
      let thrown: unknown;
      try {
        new RedisStatusStore({} as unknown as PandiumRedisClient);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(PandiumOptionsError);
      expect((thrown as PandiumOptionsError).problems).toEqual([
        expect.stringMatching(/^client must be a Redis client with eval \(/),
      ]);
      expect(
        () => new RedisStatusStore(redis, { commandTimeoutMs: 5 }),
      ).toThrow(/- commandTimeoutMs /);
    });
  });
});
