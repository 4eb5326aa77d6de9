// pandium-embed/redis: shared stores for running several instances behind a load balancer. Bring your own client
// (ioredis 5+, an optional peer); the main entry never loads this file.

// Stores: launch tickets, rate-limit counters, integration statuses and webhook deliveries in Redis.
export { RedisLaunchTicketStore } from './redis-launch-ticket.store.js';
export { RedisRateLimitStore } from './redis-rate-limit.store.js';
export { RedisStatusStore } from './redis-status.store.js';
export { RedisWebhookDeliveryStore } from './redis-webhook-delivery.store.js';

// The client they need (typed structurally: an ioredis client fits as it is) and their options.
export type {
  PandiumRedisClient,
  PandiumRedisStoreOptions,
} from './pandium-redis-client.interface.js';
