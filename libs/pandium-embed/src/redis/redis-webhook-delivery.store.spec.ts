import type { Redis } from 'ioredis';
import { useRedisServer } from '../../../../test/support/redis-server.js';
import type { PandiumRedisClient } from './pandium-redis-client.interface.js';
import {
  DEFAULT_WEBHOOK_DELIVERY_KEY_PREFIX,
  RedisWebhookDeliveryStore,
} from './redis-webhook-delivery.store.js';

describe('RedisWebhookDeliveryStore', () => {
  const redisServer = useRedisServer();
  let redis: Redis;
  let other: Redis;

  beforeEach(() => {
    ({ redis, other } = redisServer);
  });

  describe('remember', () => {
    it('should answer true for a first delivery and false for its repeat, from any instance', async () => {
      const store = new RedisWebhookDeliveryStore(redis);
      const otherStore = new RedisWebhookDeliveryStore(other);

      await expect(store.remember('abc', 60_000)).resolves.toBe(true);
      await expect(otherStore.remember('abc', 60_000)).resolves.toBe(false);
      await expect(otherStore.remember('def', 60_000)).resolves.toBe(true);
    });

    it('should keep each id under its prefix for the window only', async () => {
      await new RedisWebhookDeliveryStore(redis).remember('abc', 60_000);

      const ttl = await redis.pttl(`${DEFAULT_WEBHOOK_DELIVERY_KEY_PREFIX}abc`);
      expect(ttl).toBeGreaterThan(59_000);
      expect(ttl).toBeLessThanOrEqual(60_000);
    });

    it('should reject when Redis answers something unexpected', async () => {
      const client: PandiumRedisClient = { eval: () => Promise.resolve('OK') };

      await expect(
        new RedisWebhookDeliveryStore(client).remember('abc', 1000),
      ).rejects.toThrow('unexpected reply');
    });
  });

  it('should refuse a client without eval', () => {
    expect(
      () => new RedisWebhookDeliveryStore({} as PandiumRedisClient),
    ).toThrow('must be a Redis client');
  });
});
