import { Inject, Injectable } from '@nestjs/common';
import type { PandiumClock } from '../core/pandium-clock.interface.js';
import type { PandiumLaunchTicketStore } from './pandium-launch-ticket-store.interface.js';
import { PANDIUM_CLOCK } from '../pandium-embed.tokens.js';

/**
 * The most tickets held at once; past it, the oldest is dropped (its redemption then answers 410). Tickets live
 * seconds and their issue is rate-limited per user, so only a flood reaches it. @internal
 */
export const MAX_IN_MEMORY_LAUNCH_TICKETS = 100_000;

/**
 * The default launch ticket store: this process's memory. Right for one instance; behind a load balancer a ticket
 * issued by one instance would be unknown to the others, so give a shared store (`launchTicketStore`, e.g.
 * `RedisLaunchTicketStore` from `pandium-embed/redis`). Expired tickets are dropped as new ones arrive, and at most
 * {@link MAX_IN_MEMORY_LAUNCH_TICKETS} are held.
 *
 * @publicApi
 */
@Injectable()
export class InMemoryLaunchTicketStore implements PandiumLaunchTicketStore {
  /** By id, in insertion order: oldest first. */
  private readonly entries = new Map<
    string,
    { value: string; dropAt: number }
  >();

  constructor(@Inject(PANDIUM_CLOCK) private readonly clock: PandiumClock) {}

  save(id: string, value: string, ttlMs: number): Promise<void> {
    const now = this.clock.now();
    // A module's tickets share one TTL, so the oldest expire first: drop from the front while it has expired or the
    // store is full, and stop at the first live one (O(1) amortised). A longer-lived ticket in front only delays
    // the drop of those behind it; the cap holds regardless.
    for (const [oldest, { dropAt }] of this.entries) {
      if (dropAt > now && this.entries.size < MAX_IN_MEMORY_LAUNCH_TICKETS) {
        break;
      }
      this.entries.delete(oldest);
    }
    this.entries.set(id, { value, dropAt: now + ttlMs });
    return Promise.resolve();
  }

  take(id: string): Promise<string | undefined> {
    // Get and delete in one synchronous step: no other call can run in between.
    const entry = this.entries.get(id);
    this.entries.delete(id);
    return Promise.resolve(
      entry !== undefined && entry.dropAt > this.clock.now()
        ? entry.value
        : undefined,
    );
  }

  /** How many tickets are held (for tests and metrics). */
  get size(): number {
    return this.entries.size;
  }
}
