import type { PandiumWebhookEvent } from './pandium-webhook-event.interface.js';

/**
 * A host app's code that reacts to Pandium's notifications, for apps without `@nestjs/event-emitter` (or beside
 * it). Called after the receiver answered `202`; a handler that throws is logged with a correlation id and the
 * other handlers still run. Give handlers in `webhooks.handlers`.
 *
 * @example
 * @Injectable()
 * class InstallRecorder implements PandiumWebhookHandler {
 *   async handle(event: PandiumWebhookEvent) {
 *     if (event.type === 'tenant_created' && event.userKey) await this.db.recordInstall(event.userKey, event.tenantId);
 *   }
 * }
 * @publicApi
 */
export interface PandiumWebhookHandler {
  /** Reacts to one event (already de-duplicated, and for tenant events confirmed); may be async. */
  handle(event: PandiumWebhookEvent): void | Promise<void>;
}
