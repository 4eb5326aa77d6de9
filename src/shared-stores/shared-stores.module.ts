import type { OnApplicationShutdown } from '@nestjs/common';
import { Inject, Injectable, Logger, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import type { ConfigType } from '@nestjs/config';
import { Redis } from 'ioredis';
import {
  InMemoryLaunchTicketStore,
  InMemoryRateLimitStore,
  InMemoryStatusStore,
  InMemoryWebhookDeliveryStore,
} from 'pandium-embed/stores';
import type { PandiumClock } from 'pandium-embed';
import type {
  PandiumLaunchTicketStore,
  PandiumRateLimitStore,
  PandiumStatusStore,
  PandiumWebhookDeliveryStore,
} from 'pandium-embed/stores';
import {
  RedisLaunchTicketStore,
  RedisRateLimitStore,
  RedisStatusStore,
  RedisWebhookDeliveryStore,
} from 'pandium-embed/redis';
import { redisConfig } from './redis.config.js';

/** The launch ticket store the app gives PandiumEmbedModule (`launchTicketStore: { useExisting }`). */
export const APP_LAUNCH_TICKET_STORE = 'APP:LAUNCH_TICKET_STORE';
/** The rate-limit store the app gives PandiumEmbedModule (`rateLimitStore: { useExisting }`). */
export const APP_RATE_LIMIT_STORE = 'APP:RATE_LIMIT_STORE';
/** The integration status store the app gives PandiumEmbedModule (`statusStore: { useExisting }`). */
export const APP_STATUS_STORE = 'APP:STATUS_STORE';
/** The webhook delivery store the app gives PandiumEmbedModule (`webhooks.deliveryStore: { useExisting }`). */
export const APP_WEBHOOK_DELIVERY_STORE = 'APP:WEBHOOK_DELIVERY_STORE';
/** The app's Redis client, or null without `REDIS_URL`. */
const APP_REDIS = 'APP:REDIS';

const systemClock: PandiumClock = { now: () => Date.now() };

/**
 * Fails a command soon during an outage (one reconnection try, then the store's own 1-second limit), so launches
 * answer 503 promptly instead of hanging; commands sent while the first connection opens wait for it. At shutdown,
 * a connection still trying to reach a Redis that is down is dropped at once rather than after 2 seconds.
 */
const REDIS_CLIENT_OPTIONS = {
  maxRetriesPerRequest: 1,
  disconnectTimeout: 100,
} as const;

/** Closes the Redis client when the app shuts down. */
@Injectable()
class RedisCloser implements OnApplicationShutdown {
  private readonly logger = new Logger('SharedStores');

  constructor(@Inject(APP_REDIS) private readonly redis: Redis | null) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.redis === null) {
      return;
    }
    if (this.redis.status === 'ready') {
      // QUIT lets commands under way finish; a Redis that stopped answering gets a second at most.
      await Promise.race([
        this.redis.quit().catch(() => undefined),
        new Promise((resolve) => setTimeout(resolve, 1000).unref()),
      ]);
    }
    // Also stops reconnection attempts to a Redis that is down.
    this.redis.disconnect();
    this.logger.log('Closed the Redis connection');
  }
}

/**
 * Where the example app keeps launch tickets, rate-limit counters, integration statuses and webhook deliveries: in
 * Redis when `REDIS_URL` is set (so several instances behind a load balancer share them), else in this process's
 * memory.
 */
@Module({
  imports: [ConfigModule.forFeature(redisConfig)],
  providers: [
    {
      provide: APP_REDIS,
      inject: [redisConfig.KEY],
      useFactory: ({ url }: ConfigType<typeof redisConfig>): Redis | null => {
        if (url === undefined) {
          return null;
        }
        const redis = new Redis(url, REDIS_CLIENT_OPTIONS);
        const logger = new Logger('SharedStores');
        // Without a listener, ioredis prints every connection error to the console itself.
        redis.on('error', (error: Error) =>
          logger.warn(`Redis connection error: ${error.message}`),
        );
        logger.log(
          'Launch tickets, rate-limit counters, integration statuses and webhook deliveries are kept in Redis',
        );
        return redis;
      },
    },
    {
      provide: APP_LAUNCH_TICKET_STORE,
      inject: [APP_REDIS],
      useFactory: (redis: Redis | null): PandiumLaunchTicketStore =>
        redis === null
          ? new InMemoryLaunchTicketStore(systemClock)
          : new RedisLaunchTicketStore(redis),
    },
    {
      provide: APP_RATE_LIMIT_STORE,
      inject: [APP_REDIS],
      useFactory: (redis: Redis | null): PandiumRateLimitStore =>
        redis === null
          ? new InMemoryRateLimitStore(systemClock)
          : new RedisRateLimitStore(redis),
    },
    {
      provide: APP_STATUS_STORE,
      inject: [APP_REDIS],
      useFactory: (redis: Redis | null): PandiumStatusStore =>
        redis === null
          ? new InMemoryStatusStore(systemClock)
          : new RedisStatusStore(redis),
    },
    {
      provide: APP_WEBHOOK_DELIVERY_STORE,
      inject: [APP_REDIS],
      useFactory: (redis: Redis | null): PandiumWebhookDeliveryStore =>
        redis === null
          ? new InMemoryWebhookDeliveryStore(systemClock)
          : new RedisWebhookDeliveryStore(redis),
    },
    RedisCloser,
  ],
  exports: [
    APP_LAUNCH_TICKET_STORE,
    APP_RATE_LIMIT_STORE,
    APP_STATUS_STORE,
    APP_WEBHOOK_DELIVERY_STORE,
  ],
})
export class SharedStoresModule {}
