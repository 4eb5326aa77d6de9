// pandium-embed/redis: shared stores for running several instances behind a load balancer. Bring your own client
// (ioredis 5+, an optional peer); the main entry never loads this file.
export { PandiumRedisStore } from './pandium-redis.store.js';
export type {
  PandiumRedisClient,
  PandiumRedisStoreOptions,
} from './pandium-redis-client.interface.js';
export {
  DEFAULT_LAUNCH_TICKET_KEY_PREFIX,
  RedisLaunchTicketStore,
} from './redis-launch-ticket.store.js';
export {
  DEFAULT_RATE_LIMIT_KEY_PREFIX,
  RedisRateLimitStore,
} from './redis-rate-limit.store.js';
