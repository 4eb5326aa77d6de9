import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import {
  redisClientOf,
  startRedisServer,
  useRedisServer,
} from '../../../../test/support/redis-server.js';
import { PandiumOptionsError } from '../errors/pandium-options.error.js';
import type { PandiumRedisClient } from './pandium-redis-client.interface.js';
import {
  DEFAULT_LAUNCH_TICKET_KEY_PREFIX,
  RedisLaunchTicketStore,
} from './redis-launch-ticket.store.js';

/** A sealed value as the library would save it. */
const sealed =
  'sealed-mac.{"user":{"id":"alice","organization":{"id":"org-1","plan":"pro"}},"target":{"kind":"marketplace"}}';

const sha256 = (text: string): string =>
  createHash('sha256').update(text).digest('base64url');

describe('RedisLaunchTicketStore', () => {
  const redisServer = useRedisServer();
  let redis: Redis;
  let other: Redis;
  let store: RedisLaunchTicketStore;

  beforeEach(() => {
    ({ redis, other } = redisServer);
    store = new RedisLaunchTicketStore(redis);
  });

  describe('save and take', () => {
    it('should give back the saved value once, byte for byte, then undefined', async () => {
      await store.save('ticket-id-1', sealed, 30_000);

      await expect(store.take('ticket-id-1')).resolves.toBe(sealed);
      await expect(store.take('ticket-id-1')).resolves.toBeUndefined();
    });

    it('should answer undefined for an unknown id', async () => {
      await expect(store.take('never-saved')).resolves.toBeUndefined();
    });

    it('should give a ticket saved through one client to another (another instance)', async () => {
      await store.save('ticket-id-1', sealed, 30_000);

      const elsewhere = new RedisLaunchTicketStore(other);

      await expect(elsewhere.take('ticket-id-1')).resolves.toEqual(sealed);
      await expect(store.take('ticket-id-1')).resolves.toBeUndefined();
    });

    it('should give the value to exactly one of 100 concurrent takes over two connections', async () => {
      await store.save('ticket-id-1', sealed, 30_000);
      const stores = [store, new RedisLaunchTicketStore(other)];

      const results = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          stores[i % 2].take('ticket-id-1'),
        ),
      );

      expect(results.filter((result) => result !== undefined)).toEqual([
        sealed,
      ]);
    });
  });

  describe('keys', () => {
    it('should key on the prefix and the SHA-256 of the id, never the id itself', async () => {
      await store.save('ticket-id-1', sealed, 30_000);

      const keys = await redis.keys('*');

      expect(keys).toEqual([
        `${DEFAULT_LAUNCH_TICKET_KEY_PREFIX}${sha256('ticket-id-1')}`,
      ]);
      expect(keys.join()).not.toContain('ticket-id-1');
      expect(await redis.get(keys[0])).toBe(sealed);
    });

    it('should use a given keyPrefix', async () => {
      const prefixed = new RedisLaunchTicketStore(redis, {
        keyPrefix: 'app-7:tickets:',
      });

      await prefixed.save('ticket-id-1', sealed, 30_000);

      expect(await redis.keys('*')).toEqual([
        `app-7:tickets:${sha256('ticket-id-1')}`,
      ]);
      await expect(store.take('ticket-id-1')).resolves.toBeUndefined();
      await expect(prefixed.take('ticket-id-1')).resolves.toEqual(sealed);
    });

    it('should let Redis expire the ticket after its TTL', async () => {
      await store.save('ticket-id-1', sealed, 30_000);
      const [key] = await redis.keys('*');
      const ttl = await redis.pttl(key);
      expect(ttl).toBeGreaterThan(29_000);
      expect(ttl).toBeLessThanOrEqual(30_000);

      await store.save('short', sealed, 50);
      await new Promise((resolve) => setTimeout(resolve, 120));

      await expect(store.take('short')).resolves.toBeUndefined();
    });
  });

  describe('failures', () => {
    it('should give back a value someone else wrote under the key as it is, for the library to refuse', async () => {
      await redis.set(
        `${DEFAULT_LAUNCH_TICKET_KEY_PREFIX}${sha256('ticket-id-1')}`,
        'not a sealed value',
      );

      await expect(store.take('ticket-id-1')).resolves.toBe(
        'not a sealed value',
      );
    });

    it('should reject within commandTimeoutMs when Redis does not answer', async () => {
      const hanging: PandiumRedisClient = {
        set: () => new Promise(() => undefined),
        getdel: () => new Promise(() => undefined),
        eval: () => new Promise(() => undefined),
      };
      const slow = new RedisLaunchTicketStore(hanging, {
        commandTimeoutMs: 50,
      });

      await expect(slow.take('ticket-id-1')).rejects.toThrow(
        'Redis did not answer GETDEL within 50 ms',
      );
      await expect(slow.save('ticket-id-1', sealed, 1000)).rejects.toThrow(
        'Redis did not answer SET within 50 ms',
      );
    });

    it('should neither save nor take once Redis resumes after a freeze that made them fail', async () => {
      await store.save('held', sealed, 30_000);
      const quick = new RedisLaunchTicketStore(redis, { commandTimeoutMs: 50 });

      redisServer.server.pause();
      try {
        await expect(quick.take('held')).rejects.toThrow(
          'Redis did not answer GETDEL within 50 ms',
        );
        await expect(quick.save('orphan', sealed, 30_000)).rejects.toThrow(
          'Redis did not answer SET within 50 ms',
        );
      } finally {
        redisServer.server.resume();
      }

      // Read on the same connection, so after the two commands that waited in Redis's input.
      await expect(store.take('orphan')).resolves.toBeUndefined();
      await expect(store.take('held')).resolves.toBe(sealed);
      expect(await redis.keys('*')).toEqual([]);
    });

    it('should refuse, writing nothing, a command that reaches Redis after its deadline', async () => {
      await store.save('held', sealed, 30_000);
      // As if the command had waited in Redis's input for a minute: its deadline is in the past when it runs.
      const late: PandiumRedisClient = {
        eval: (script, numkeys, key, _deadline, ...rest) =>
          redis.eval(script, numkeys, key, Date.now() - 60_000, ...rest),
      };
      const lateStore = new RedisLaunchTicketStore(late);

      await expect(lateStore.take('held')).rejects.toThrow(
        'PANDIUM_DEADLINE_PASSED',
      );
      await expect(lateStore.save('orphan', sealed, 30_000)).rejects.toThrow(
        'PANDIUM_DEADLINE_PASSED',
      );

      expect(await redis.keys('*')).toEqual([
        `${DEFAULT_LAUNCH_TICKET_KEY_PREFIX}${sha256('held')}`,
      ]);
    });

    it('should reject when Redis goes away', async () => {
      const doomed = await startRedisServer();
      const client = redisClientOf(doomed);
      const doomedStore = new RedisLaunchTicketStore(client);
      await doomedStore.save('ticket-id-1', sealed, 30_000);

      await doomed.stop();

      await expect(doomedStore.take('ticket-id-1')).rejects.toThrow();
      client.disconnect();
    });
  });

  describe('construction', () => {
    it('should refuse a client without eval, naming it', () => {
      let thrown: unknown;
      try {
        new RedisLaunchTicketStore({} as unknown as PandiumRedisClient);
      } catch (error) {
        thrown = error;
      }

      expect(thrown).toBeInstanceOf(PandiumOptionsError);
      expect((thrown as PandiumOptionsError).problems).toEqual([
        expect.stringMatching(/^client must be a Redis client with eval \(/),
      ]);
    });

    it.each([
      ['commandTimeoutMs', { commandTimeoutMs: 5 }],
      ['commandTimeoutMs', { commandTimeoutMs: 1.5 }],
      ['keyPrefix', { keyPrefix: 42 as unknown as string }],
      ['keyPrefix', { keyPrefix: 'x'.repeat(257) }],
    ])('should refuse a bad %s', (option, options) => {
      expect(() => new RedisLaunchTicketStore(redis, options)).toThrow(
        new RegExp(`- ${option} `),
      );
    });
  });
});
