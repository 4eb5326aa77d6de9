import type { PandiumStrategy } from '../options/pandium-strategy.interface.js';
import type { PandiumWebhookDeliveryStore } from './pandium-webhook-delivery-store.interface.js';
import type { PandiumWebhookHandler } from './pandium-webhook-handler.interface.js';

/**
 * The webhook receiver's settings: the `webhooks` extra of `forRoot`/`forRootAsync`. Giving it turns the receiver on
 * (`POST /<prefix>/webhooks/<webhookSecret>`) once the `webhookSecret` option is set (until then every delivery
 * answers 404), and needs the `apiKey` option unless `confirmTenantEvents` is `false`.
 *
 * @publicApi
 */
export interface PandiumWebhooksOptions {
  /**
   * The route prefix the receiver is under.
   * @default the controller's `path` (`'pandium'`)
   */
  path?: string;
  /** The host app's handlers, called with every event after the `202`. @default [] */
  handlers?: PandiumStrategy<PandiumWebhookHandler>[];
  /**
   * Emit every event through `@nestjs/event-emitter` (an optional peer) when the app registered
   * `EventEmitterModule.forRoot()`; the package is loaded only then. @default true
   */
  emitEvents?: boolean;
  /**
   * Confirm each tenant event against Pandium's API (`GET /v2/tenants?integration_id=…&archived=…`) before it is
   * dispatched: an event the API contradicts (no such tenant, another integration, another archived state) is
   * logged and dropped. Needs `apiKey`. Turn it off only if you confirm events yourself. @default true
   */
  confirmTenantEvents?: boolean;
  /** How long a delivery is remembered to drop a repeat of it, in seconds, 1–86400. @default 3600 */
  deduplicationWindowSeconds?: number;
  /**
   * Where delivery ids are remembered. Default: this process's memory (10,000 at most). Behind a load balancer,
   * give a shared store (`RedisWebhookDeliveryStore` from `pandium-embed/redis`).
   */
  deliveryStore?: PandiumStrategy<PandiumWebhookDeliveryStore>;
}
