import { Inject, Injectable } from '@nestjs/common';
import type { PandiumClock } from '../core/pandium-clock.interface.js';
import type {
  PandiumRateLimitRecord,
  PandiumRateLimitStore,
} from './pandium-rate-limit-store.interface.js';
import { PANDIUM_CLOCK } from '../pandium-embed.tokens.js';

interface Window {
  hits: number;
  endsAt: number;
}

/**
 * The most windows (keys) held at once: about 27 MB with IPv6 address keys. Past it, starting a window drops the one
 * that ends soonest. One instance seeing this many distinct clients within one window is a flood or a fleet that
 * wants a shared store (`rateLimitStore`). @internal
 */
export const MAX_IN_MEMORY_RATE_LIMIT_KEYS = 100_000;

/**
 * The most expired windows one call drops from the front of each queue: more than the one window a call adds, so
 * expired windows go faster than new ones come, and never a whole-map sweep. @internal
 */
export const IN_MEMORY_RATE_LIMIT_SWEEP_STEP = 4;

/**
 * The default rate-limit store: fixed windows in this process's memory. Right for one instance; behind a load
 * balancer each instance would count on its own, so give a shared store (`rateLimitStore`).
 *
 * Memory and work per call stay flat however many keys arrive. Windows are kept in one queue per window length
 * (one per budget): a queue's windows end in the order they started, so the expired ones are always at its front,
 * and each call drops at most {@link IN_MEMORY_RATE_LIMIT_SWEEP_STEP} of them from each queue. At most
 * {@link MAX_IN_MEMORY_RATE_LIMIT_KEYS} windows are held: past that, a new window drops the live window that ends
 * soonest (the first of some queue). That key's next hit starts a fresh window a little early, so over the span of
 * the cut window it may get up to one budget more than its limit; never less. Cutting one takes that many new keys
 * within its window, and a client who can bring that many keys already holds that many budgets: the cut gives an
 * attacker nothing they did not have, and a real user only more room. A key hit with two window lengths keeps a
 * window per length.
 *
 * @publicApi
 */
@Injectable()
export class InMemoryRateLimitStore implements PandiumRateLimitStore {
  /** By window length, then by key in the order the windows started: the first of each queue ends first. */
  private readonly queues = new Map<number, Map<string, Window>>();
  private held = 0;

  constructor(@Inject(PANDIUM_CLOCK) private readonly clock: PandiumClock) {}

  increment(key: string, ttl: number): Promise<PandiumRateLimitRecord> {
    const now = this.clock.now();
    let window = this.queues.get(ttl)?.get(key);
    if (window === undefined || window.endsAt <= now) {
      window = this.start(key, ttl, now);
    }
    window.hits += 1;
    return Promise.resolve({
      totalHits: window.hits,
      timeToExpire: window.endsAt - now,
    });
  }

  /** How many keys are held (for tests and metrics). */
  get size(): number {
    return this.held;
  }

  /** Starts `key`'s window at the back of its queue, making room first. */
  private start(key: string, ttl: number, now: number): Window {
    // A restarted key moves to the back: its new window ends after every other in the queue.
    this.remove(ttl, key);
    for (const [length, queue] of this.queues) {
      this.dropExpired(queue, now);
      if (queue.size === 0) {
        this.queues.delete(length);
      }
    }
    if (this.held >= MAX_IN_MEMORY_RATE_LIMIT_KEYS) {
      this.dropSoonestEnding();
    }
    let queue = this.queues.get(ttl);
    if (queue === undefined) {
      queue = new Map();
      this.queues.set(ttl, queue);
    }
    const window = { hits: 0, endsAt: now + ttl };
    queue.set(key, window);
    this.held += 1;
    return window;
  }

  /** Drops up to the sweep step of expired windows from the front of `queue`, stopping at the first live one. */
  private dropExpired(queue: Map<string, Window>, now: number): void {
    let dropped = 0;
    for (const [key, { endsAt }] of queue) {
      if (endsAt > now || dropped === IN_MEMORY_RATE_LIMIT_SWEEP_STEP) {
        return;
      }
      queue.delete(key);
      this.held -= 1;
      dropped += 1;
    }
  }

  /** Drops the window that ends soonest: the earliest end among the queues' first windows. */
  private dropSoonestEnding(): void {
    let soonest: { ttl: number; key: string; endsAt: number } | undefined;
    for (const [ttl, queue] of this.queues) {
      const first = queue.entries().next();
      if (
        first.done !== true &&
        (soonest === undefined || first.value[1].endsAt < soonest.endsAt)
      ) {
        soonest = { ttl, key: first.value[0], endsAt: first.value[1].endsAt };
      }
    }
    if (soonest !== undefined) {
      this.remove(soonest.ttl, soonest.key);
    }
  }

  /** Removes `key`'s window of length `ttl`, and the queue once it is empty. */
  private remove(ttl: number, key: string): void {
    const queue = this.queues.get(ttl);
    if (queue?.delete(key) === true) {
      this.held -= 1;
      if (queue.size === 0) {
        this.queues.delete(ttl);
      }
    }
  }
}
