import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { useRedisServer } from '../../../../test/support/redis-server.js';
import type { PandiumRateLimitStore } from '../rate-limit/pandium-rate-limit-store.interface.js';
import { PandiumOptionsError } from '../errors/pandium-options.error.js';
import type { PandiumRedisClient } from './pandium-redis-client.interface.js';
import {
  DEFAULT_RATE_LIMIT_KEY_PREFIX,
  RedisRateLimitStore,
} from './redis-rate-limit.store.js';

const WINDOW_MS = 60_000;

/** One hit, with the arguments the rate-limit guard passes. */
const hit = (store: PandiumRateLimitStore, key: string, ttl = WINDOW_MS) =>
  store.increment(key, ttl, 30, ttl, 'pandium-embed');

describe('RedisRateLimitStore', () => {
  const redisServer = useRedisServer();
  let redis: Redis;
  let other: Redis;
  let store: RedisRateLimitStore;

  beforeEach(() => {
    ({ redis, other } = redisServer);
    store = new RedisRateLimitStore(redis);
  });

  describe('increment', () => {
    it('should count the hits of a key within its window', async () => {
      const first = await hit(store, 'pandium-embed:user:alice');
      expect(first.totalHits).toBe(1);
      expect(first.timeToExpire).toBeGreaterThan(WINDOW_MS - 1000);
      expect(first.timeToExpire).toBeLessThanOrEqual(WINDOW_MS);

      await expect(
        hit(store, 'pandium-embed:user:alice'),
      ).resolves.toMatchObject({
        totalHits: 2,
      });
    });

    it('should count keys apart', async () => {
      await hit(store, 'pandium-embed:user:alice');

      await expect(hit(store, 'pandium-embed:user:bob')).resolves.toMatchObject(
        {
          totalHits: 1,
        },
      );
    });

    it('should start a new window once the last one ended', async () => {
      await hit(store, 'pandium-embed:user:alice', 50);
      await hit(store, 'pandium-embed:user:alice', 50);

      await new Promise((resolve) => setTimeout(resolve, 120));

      await expect(
        hit(store, 'pandium-embed:user:alice', 50),
      ).resolves.toMatchObject({ totalHits: 1 });
    });

    it('should not lose a count among 200 concurrent hits from two instances', async () => {
      const stores = [store, new RedisRateLimitStore(other)];

      const records = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          hit(stores[i % 2], 'pandium-embed:user:alice'),
        ),
      );

      expect(
        records.map(({ totalHits }) => totalHits).sort((a, b) => a - b),
      ).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    });

    it('should keep counters under the prefix, each with the window as its expiry', async () => {
      await hit(store, 'pandium-embed:user:alice');

      const keys = await redis.keys('*');
      expect(keys).toEqual([
        `${DEFAULT_RATE_LIMIT_KEY_PREFIX}pandium-embed:user:alice`,
      ]);
      expect(await redis.pttl(keys[0])).toBeGreaterThan(WINDOW_MS - 1000);
    });

    it('should give a key that lost its expiry one again', async () => {
      const key = `${DEFAULT_RATE_LIMIT_KEY_PREFIX}pandium-embed:user:alice`;
      await redis.set(key, '5');

      await expect(
        hit(store, 'pandium-embed:user:alice'),
      ).resolves.toMatchObject({
        totalHits: 6,
      });
      expect(await redis.pttl(key)).toBeGreaterThan(0);
    });
  });

  describe('failures', () => {
    it('should reject within commandTimeoutMs when Redis does not answer', async () => {
      const hanging: PandiumRedisClient = {
        set: () => new Promise(() => undefined),
        getdel: () => new Promise(() => undefined),
        eval: () => new Promise(() => undefined),
      };

      await expect(
        hit(new RedisRateLimitStore(hanging, { commandTimeoutMs: 50 }), 'k'),
      ).rejects.toThrow('Redis did not answer EVAL within 50 ms');
    });

    it('should not count a hit once Redis resumes after a freeze that made it fail', async () => {
      const quick = new RedisRateLimitStore(redis, { commandTimeoutMs: 50 });

      redisServer.server.pause();
      try {
        await expect(hit(quick, 'k')).rejects.toThrow(
          'Redis did not answer EVAL within 50 ms',
        );
      } finally {
        redisServer.server.resume();
      }

      // Read on the same connection, so after the hit that waited in Redis's input.
      expect(await redis.get(`${DEFAULT_RATE_LIMIT_KEY_PREFIX}k`)).toBeNull();
      await expect(hit(quick, 'k')).resolves.toMatchObject({ totalHits: 1 });
    });

    it('should refuse, counting nothing, a hit that reaches Redis after its deadline', async () => {
      // As if the hit had waited in Redis's input for a minute: its deadline is in the past when it runs.
      const late: PandiumRedisClient = {
        eval: (script, numkeys, key, _deadline, ...rest) =>
          redis.eval(script, numkeys, key, Date.now() - 60_000, ...rest),
      };

      await expect(hit(new RedisRateLimitStore(late), 'k')).rejects.toThrow(
        'PANDIUM_DEADLINE_PASSED',
      );

      expect(await redis.keys('*')).toEqual([]);
    });

    it('should report a hit that Redis counted in time, even when the event loop was blocked past the timeout', async () => {
      const quick = new RedisRateLimitStore(redis, { commandTimeoutMs: 500 });

      const counting = hit(quick, 'k');
      // Once the command is written, the event loop is blocked for twice the timeout: Redis's reply and the
      // store's timer are both due when it is free again.
      await new Promise<void>((resolve) =>
        setImmediate(() => {
          const until = Date.now() + 1000;
          while (Date.now() < until) {
            // blocked
          }
          resolve();
        }),
      );

      await expect(counting).resolves.toMatchObject({ totalHits: 1 });
      expect(await redis.get(`${DEFAULT_RATE_LIMIT_KEY_PREFIX}k`)).toBe('1');
    });

    it('should reject an unexpected reply', async () => {
      const odd = {
        eval: () => Promise.resolve('OK'),
      } as unknown as PandiumRedisClient;

      await expect(hit(new RedisRateLimitStore(odd), 'k')).rejects.toThrow(
        'unexpected reply',
      );
    });

    it('should warn about a client that queues commands without bound during an outage, and only then', () => {
      const warn = jest
        .spyOn(Logger.prototype, 'warn')
        .mockImplementation(() => undefined);
      const clientWith = (options: object) =>
        ({ eval: redis.eval.bind(redis), options }) as PandiumRedisClient;
      try {
        new RedisRateLimitStore(clientWith({ maxRetriesPerRequest: 1 }));
        new RedisRateLimitStore(
          clientWith({ maxRetriesPerRequest: null, enableOfflineQueue: false }),
        );
        new RedisRateLimitStore(redis);
        expect(warn).not.toHaveBeenCalled();

        new RedisRateLimitStore(clientWith({ maxRetriesPerRequest: null }));

        expect(warn).toHaveBeenCalledTimes(1);
        expect(warn.mock.calls[0][0]).toContain('maxRetriesPerRequest: null');
      } finally {
        warn.mockRestore();
      }
    });

    it('should refuse a client without eval, naming it', () => {
      let thrown: unknown;
      try {
        new RedisRateLimitStore({} as unknown as PandiumRedisClient);
      } catch (error) {
        thrown = error;
      }

      expect(thrown).toBeInstanceOf(PandiumOptionsError);
      expect((thrown as PandiumOptionsError).problems).toEqual([
        expect.stringMatching(/^client must be a Redis client with eval/),
      ]);
    });
  });
});
