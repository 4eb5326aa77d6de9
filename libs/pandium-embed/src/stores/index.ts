// pandium-embed/stores: where launch tickets, rate-limit counters and integration statuses live. The module keeps
// them in memory by default; import from here to write a store of your own, or to construct the in-memory defaults
// yourself when your app picks its store at run time. Shared Redis stores are in pandium-embed/redis.
export type { PandiumLaunchTicketStore } from '../launch/pandium-launch-ticket-store.interface.js';
export type {
  PandiumRateLimitRecord,
  PandiumRateLimitStore,
} from '../rate-limit/pandium-rate-limit-store.interface.js';
export { InMemoryLaunchTicketStore } from '../launch/in-memory-launch-ticket.store.js';
export { InMemoryRateLimitStore } from '../rate-limit/in-memory-rate-limit.store.js';
export type {
  PandiumStatusRecord,
  PandiumStatusStore,
} from '../tenants/pandium-status-store.interface.js';
export { InMemoryStatusStore } from '../tenants/in-memory-status.store.js';
export type { PandiumWebhookDeliveryStore } from '../webhooks/pandium-webhook-delivery-store.interface.js';
export { InMemoryWebhookDeliveryStore } from '../webhooks/in-memory-webhook-delivery.store.js';
