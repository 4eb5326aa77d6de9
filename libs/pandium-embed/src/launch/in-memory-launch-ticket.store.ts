import { Inject, Injectable } from '@nestjs/common';
import type { OnModuleDestroy } from '@nestjs/common';
import type { PandiumClock } from '../core/pandium-clock.interface.js';
import type { PandiumLaunchTicketStore } from './pandium-launch-ticket-store.interface.js';
import { PANDIUM_CLOCK } from '../pandium-embed.tokens.js';

/**
 * The most tickets held at once; past it, the oldest is dropped (its redemption then answers 410). Tickets live
 * seconds and their issue is rate-limited per user, so only a flood reaches it. @internal
 */
export const MAX_IN_MEMORY_LAUNCH_TICKETS = 100_000;

/**
 * The most bytes of ticket ids and values held at once, counted as 2 bytes per UTF-16 unit (the most V8 spends on
 * a string's characters); past it, the oldest are dropped. A value holds the whole user as JSON, so a few large
 * users can weigh more than many small ones. @internal
 */
export const MAX_IN_MEMORY_LAUNCH_TICKET_BYTES = 64 * 1024 * 1024;

/**
 * The least time between two sweeps of expired tickets, so that a steady stream of tickets costs a sweep a second,
 * not a sweep per ticket. @internal
 */
export const IN_MEMORY_LAUNCH_TICKET_SWEEP_MS = 1000;

interface HeldTicket {
  value: string;
  dropAt: number;
  bytes: number;
}

/**
 * The default launch ticket store: this process's memory. Right for one instance; behind a load balancer a ticket
 * issued by one instance would be unknown to the others, so give a shared store (`launchTicketStore`, e.g.
 * `RedisLaunchTicketStore` from `pandium-embed/redis`). Expired tickets are dropped as new ones arrive and by one
 * unref'd timer, set for when the oldest ticket expires (at most one sweep a second), so they go soon after they
 * expire even when no ticket follows. At most {@link MAX_IN_MEMORY_LAUNCH_TICKETS} tickets and
 * {@link MAX_IN_MEMORY_LAUNCH_TICKET_BYTES} are held, the oldest dropped first.
 *
 * @publicApi
 */
@Injectable()
export class InMemoryLaunchTicketStore
  implements PandiumLaunchTicketStore, OnModuleDestroy
{
  /** By id, in insertion order: oldest first. */
  private readonly entries = new Map<string, HeldTicket>();
  private heldBytes = 0;
  private sweepTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(@Inject(PANDIUM_CLOCK) private readonly clock: PandiumClock) {}

  save(id: string, value: string, ttlMs: number): Promise<void> {
    const bytes = 2 * (id.length + value.length);
    if (bytes > MAX_IN_MEMORY_LAUNCH_TICKET_BYTES) {
      return Promise.reject(
        new Error(
          `A launch ticket's value of ${value.length} characters is more than the in-memory store holds`,
        ),
      );
    }
    const now = this.clock.now();
    this.remove(id);
    // A module's tickets share one TTL, so the oldest expire first: drop from the front while it has expired or the
    // store is full, and stop at the first live one (O(1) amortised). A longer-lived ticket in front only delays
    // the drop of those behind it; the caps hold regardless.
    for (const [oldest, { dropAt }] of this.entries) {
      if (
        dropAt > now &&
        this.entries.size < MAX_IN_MEMORY_LAUNCH_TICKETS &&
        this.heldBytes + bytes <= MAX_IN_MEMORY_LAUNCH_TICKET_BYTES
      ) {
        break;
      }
      this.remove(oldest);
    }
    this.entries.set(id, { value, dropAt: now + ttlMs, bytes });
    this.heldBytes += bytes;
    if (this.sweepTimer === undefined) {
      this.scheduleSweep(now);
    }
    return Promise.resolve();
  }

  take(id: string): Promise<string | undefined> {
    // Get and delete in one synchronous step: no other call can run in between.
    const entry = this.entries.get(id);
    this.remove(id);
    return Promise.resolve(
      entry !== undefined && entry.dropAt > this.clock.now()
        ? entry.value
        : undefined,
    );
  }

  /** Stops the sweep timer, so that a closed app leaves nothing scheduled. */
  onModuleDestroy(): void {
    clearTimeout(this.sweepTimer);
    this.sweepTimer = undefined;
  }

  /** How many tickets are held (for tests and metrics). */
  get size(): number {
    return this.entries.size;
  }

  /** Sets the timer for when the oldest held ticket expires, at least a sweep interval away; none when empty. */
  private scheduleSweep(now: number): void {
    const oldest = this.entries.values().next();
    if (oldest.done === true) {
      this.sweepTimer = undefined;
      return;
    }
    this.sweepTimer = setTimeout(
      () => this.sweep(),
      Math.max(oldest.value.dropAt - now, IN_MEMORY_LAUNCH_TICKET_SWEEP_MS),
    );
    // The sweep only frees memory: it must never keep the process alive.
    this.sweepTimer.unref();
  }

  /** Drops the expired tickets at the front, then sets the next sweep. */
  private sweep(): void {
    const now = this.clock.now();
    for (const [oldest, { dropAt }] of this.entries) {
      if (dropAt > now) {
        break;
      }
      this.remove(oldest);
    }
    this.scheduleSweep(now);
  }

  private remove(id: string): void {
    const entry = this.entries.get(id);
    if (entry !== undefined) {
      this.entries.delete(id);
      this.heldBytes -= entry.bytes;
    }
  }
}
