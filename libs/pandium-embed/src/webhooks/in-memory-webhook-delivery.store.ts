import { Inject, Injectable } from '@nestjs/common';
import type { PandiumClock } from '../core/pandium-clock.interface.js';
import { PANDIUM_CLOCK } from '../pandium-embed.tokens.js';
import type { PandiumWebhookDeliveryStore } from './pandium-webhook-delivery-store.interface.js';

/** How many deliveries the in-memory store remembers; the oldest is forgotten first. @internal */
export const MAX_REMEMBERED_DELIVERIES = 10_000;

/**
 * The default {@link PandiumWebhookDeliveryStore}: delivery ids in this process's memory, each until its window
 * ends, at most {@link MAX_REMEMBERED_DELIVERIES} (the oldest goes first).
 *
 * @publicApi
 */
@Injectable()
export class InMemoryWebhookDeliveryStore implements PandiumWebhookDeliveryStore {
  /** Delivery id → when it may be forgotten, in insertion order (so the first key is the oldest). */
  private readonly seen = new Map<string, number>();

  /** At most this many ids are kept. */
  protected readonly maxEntries: number = MAX_REMEMBERED_DELIVERIES;

  constructor(@Inject(PANDIUM_CLOCK) private readonly clock: PandiumClock) {}

  remember(deliveryId: string, ttlMs: number): Promise<boolean> {
    const now = this.clock.now();
    const until = this.seen.get(deliveryId);
    if (until !== undefined && until > now) {
      return Promise.resolve(false);
    }
    this.seen.delete(deliveryId);
    this.seen.set(deliveryId, now + ttlMs);
    for (const [id, expiry] of this.seen) {
      if (this.seen.size <= this.maxEntries && expiry > now) {
        break;
      }
      this.seen.delete(id);
    }
    return Promise.resolve(true);
  }
}
