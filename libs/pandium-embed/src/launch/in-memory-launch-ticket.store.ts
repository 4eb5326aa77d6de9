import { Inject, Injectable } from '@nestjs/common';
import type { PandiumClock } from '../core/pandium-clock.interface.js';
import type {
  PandiumLaunchTicketRecord,
  PandiumLaunchTicketStore,
} from './pandium-launch-ticket-store.interface.js';
import { PANDIUM_CLOCK } from '../pandium-embed.tokens.js';

interface Entry {
  record: PandiumLaunchTicketRecord;
  /** Milliseconds since the epoch, by this store's clock. */
  dropAt: number;
}

/** Expired tickets are first swept once this many are held. @internal */
export const LAUNCH_TICKET_SWEEP_THRESHOLD = 1_000;

/**
 * The most tickets held at once; past it, the oldest is dropped (its redemption then answers 410). Tickets live
 * seconds and their issue is rate-limited per user, so only a flood reaches it. @internal
 */
export const MAX_IN_MEMORY_LAUNCH_TICKETS = 100_000;

/**
 * The default launch ticket store: this process's memory. Right for one instance; behind a load balancer a ticket
 * issued by one instance would be unknown to the others, so give a shared store (`launchTicketStore`, e.g.
 * `RedisLaunchTicketStore` from `pandium-embed/redis`). Expired tickets are swept as new ones arrive, and at most
 * {@link MAX_IN_MEMORY_LAUNCH_TICKETS} are held.
 *
 * @publicApi
 */
@Injectable()
export class InMemoryLaunchTicketStore implements PandiumLaunchTicketStore {
  private readonly entries = new Map<string, Entry>();
  /** Sweeps again only once the count has doubled since the last one, so saving stays O(1) amortised. */
  private sweepAt = LAUNCH_TICKET_SWEEP_THRESHOLD;

  constructor(@Inject(PANDIUM_CLOCK) private readonly clock: PandiumClock) {}

  save(
    id: string,
    record: PandiumLaunchTicketRecord,
    ttlMs: number,
  ): Promise<void> {
    const now = this.clock.now();
    if (this.entries.size >= this.sweepAt) {
      this.sweep(now);
      this.sweepAt = Math.max(
        LAUNCH_TICKET_SWEEP_THRESHOLD,
        this.entries.size * 2,
      );
    }
    // A Map iterates in insertion order: the first key is the oldest ticket.
    while (this.entries.size >= MAX_IN_MEMORY_LAUNCH_TICKETS) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    // A copy, so that the caller changing its object afterwards cannot change the ticket.
    this.entries.set(id, {
      record: structuredClone(record),
      dropAt: now + ttlMs,
    });
    return Promise.resolve();
  }

  take(id: string): Promise<PandiumLaunchTicketRecord | undefined> {
    // Get and delete in one synchronous step: no other call can run in between.
    const entry = this.entries.get(id);
    this.entries.delete(id);
    return Promise.resolve(
      entry !== undefined && entry.dropAt > this.clock.now()
        ? entry.record
        : undefined,
    );
  }

  /** How many tickets are held (for tests and metrics). */
  get size(): number {
    return this.entries.size;
  }

  private sweep(now: number): void {
    for (const [id, entry] of this.entries) {
      if (entry.dropAt <= now) {
        this.entries.delete(id);
      }
    }
  }
}
