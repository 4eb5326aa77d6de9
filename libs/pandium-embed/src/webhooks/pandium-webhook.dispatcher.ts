import type {
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { Logger } from '@nestjs/common';
import type { ModuleRef } from '@nestjs/core';
import type { PandiumStatusSource } from '../core/pandium-integration-status.interface.js';
import { describeWithCause } from '../errors/describe-thrown.util.js';
import type {
  PandiumTenantWebhookEvent,
  PandiumWebhookEvent,
} from './pandium-webhook-event.interface.js';
import {
  isTenantEvent,
  WEBHOOK_EVENT_NAMES,
} from './pandium-webhook-event.interface.js';
import type { PandiumWebhookHandler } from './pandium-webhook-handler.interface.js';
import { loadEventEmitter } from './pandium-webhook-emitter.loader.js';
import type { WebhookEventEmitter } from './pandium-webhook-emitter.loader.js';
import type { PandiumWebhookTenantConfirmer } from './pandium-webhook-tenant.confirmer.js';
import { countWebhookProcessed } from '../telemetry/pandium-event.telemetry.js';
import type { PandiumWebhookProcessedOutcome } from '../telemetry/pandium-event.telemetry.js';

/** How many unknown `event_type`s are remembered, to log each once. */
const MAX_UNKNOWN_TYPES = 100;

/**
 * Delivers an accepted event, after the receiver answered: confirms a tenant event against Pandium's API (when a
 * confirmer is given), resolves its user and drops that user's cached statuses, then emits it through
 * `@nestjs/event-emitter` (when the app registered it) and calls every handler. Each failure is logged with the
 * delivery's correlation id and affects nothing else; nothing here ever rejects.
 *
 * @internal
 */
export class PandiumWebhookDispatcher
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger('PandiumWebhooks');

  private readonly shutdown = new AbortController();

  private readonly pending = new Set<Promise<void>>();

  private readonly unknownTypes = new Set<string>();

  private emitter: WebhookEventEmitter | undefined;

  constructor(
    private readonly handlers: readonly PandiumWebhookHandler[],
    private readonly statusSource: PandiumStatusSource | null,
    private readonly confirmer: PandiumWebhookTenantConfirmer | undefined,
    private readonly moduleRef: ModuleRef,
    private readonly emitEvents: boolean,
  ) {}

  /** Finds the app's `EventEmitter2` once every provider exists. */
  async onApplicationBootstrap(): Promise<void> {
    if (this.emitEvents) {
      this.emitter = await loadEventEmitter(this.moduleRef);
    }
  }

  /** Stops the confirmations under way and waits for the deliveries to end. */
  async onApplicationShutdown(): Promise<void> {
    this.shutdown.abort();
    await this.whenIdle();
  }

  /** Resolves once every delivery accepted so far has been dispatched (or dropped). */
  async whenIdle(): Promise<void> {
    while (this.pending.size > 0) {
      await Promise.all([...this.pending]);
    }
  }

  /**
   * Delivers `event` in the background once `after` resolves (the answer was sent); {@link whenIdle} and
   * {@link onApplicationShutdown} wait for it.
   */
  dispatch(
    event: PandiumWebhookEvent,
    correlationId: string,
    after: Promise<void>,
  ): void {
    const delivery = after
      .then(() => this.deliver(event, correlationId))
      .catch((error: unknown): PandiumWebhookProcessedOutcome => {
        this.failed('Delivering', event, correlationId, error);
        return 'failed';
      })
      .then((outcome) => countWebhookProcessed(event.type, outcome))
      .finally(() => this.pending.delete(delivery));
    this.pending.add(delivery);
  }

  private async deliver(
    event: PandiumWebhookEvent,
    correlationId: string,
  ): Promise<PandiumWebhookProcessedOutcome> {
    if (event.type === 'unknown') {
      this.noteUnknownType(event.eventType);
    }
    const ready = isTenantEvent(event)
      ? await this.prepareTenantEvent(event, correlationId)
      : event;
    if (typeof ready === 'string') {
      return ready;
    }
    const ran = await Promise.all([
      this.emit(ready, correlationId),
      ...this.handlers.map((handler) =>
        Promise.resolve()
          .then(() => handler.handle(ready))
          .then(
            () => true,
            (error: unknown) =>
              this.failed(
                `Handler ${handler.constructor.name}`,
                ready,
                correlationId,
                error,
              ),
          ),
      ),
    ]);
    return ran.every(Boolean) ? 'dispatched' : 'handler_failed';
  }

  /** The event confirmed and with its user, or why it is not to be dispatched (logged). */
  private async prepareTenantEvent(
    event: PandiumTenantWebhookEvent,
    correlationId: string,
  ): Promise<PandiumTenantWebhookEvent | 'contradicted' | 'unconfirmed'> {
    if (this.confirmer !== undefined) {
      let verdict: string;
      try {
        verdict = await this.confirmer.confirm(event, this.shutdown.signal);
      } catch (error) {
        this.logger.error(
          `Webhook ${event.type} for tenant ${event.tenantId} not dispatched: Pandium's API could not confirm it ` +
            `(${describeWithCause(error)}). [correlationId ${correlationId}]`,
        );
        return 'unconfirmed';
      }
      if (verdict !== 'confirmed') {
        this.logger.warn(
          `Webhook ${event.type} for tenant ${event.tenantId} of integration ${event.integrationId} not dispatched: ` +
            "Pandium's API contradicts it (no such tenant in that integration and state). [correlationId " +
            `${correlationId}]`,
        );
        return 'contradicted';
      }
    }
    const userKey = await this.statusSource?.userOfTenant(event.tenantId);
    if (userKey === undefined) {
      return event;
    }
    await this.statusSource?.forget(userKey);
    return { ...event, userKey };
  }

  /** Whether the listeners (if any) all ran without throwing. */
  private async emit(
    event: PandiumWebhookEvent,
    correlationId: string,
  ): Promise<boolean> {
    try {
      await this.emitter?.emitAsync(WEBHOOK_EVENT_NAMES[event.type], event);
      return true;
    } catch (error) {
      return this.failed('A listener', event, correlationId, error);
    }
  }

  private noteUnknownType(eventType: string): void {
    if (
      this.unknownTypes.has(eventType) ||
      this.unknownTypes.size >= MAX_UNKNOWN_TYPES
    ) {
      return;
    }
    this.unknownTypes.add(eventType);
    this.logger.warn(
      `Webhook with an event_type this library does not know (${JSON.stringify(eventType)}): accepted and ` +
        "dispatched as 'unknown'. Logged once per type.",
    );
  }

  private failed(
    who: string,
    event: PandiumWebhookEvent,
    correlationId: string,
    error: unknown,
  ): false {
    this.logger.error(
      `${who} failed on webhook ${event.type} (${describeWithCause(error)}); the other handlers were not ` +
        `affected. [correlationId ${correlationId}]`,
    );
    return false;
  }
}
