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

/** Expired windows are swept once this many keys are held, so memory follows active users only. */
const SWEEP_THRESHOLD = 10_000;

/**
 * The default rate-limit store: fixed windows in this process's memory. Right for one instance; behind a load
 * balancer each instance would count on its own, so give a shared store (`rateLimitStore`).
 *
 * @publicApi
 */
@Injectable()
export class InMemoryRateLimitStore implements PandiumRateLimitStore {
  private readonly windows = new Map<string, Window>();

  constructor(@Inject(PANDIUM_CLOCK) private readonly clock: PandiumClock) {}

  increment(key: string, ttl: number): Promise<PandiumRateLimitRecord> {
    const now = this.clock.now();
    let window = this.windows.get(key);
    if (window === undefined || window.endsAt <= now) {
      if (this.windows.size >= SWEEP_THRESHOLD) {
        this.sweep(now);
      }
      window = { hits: 0, endsAt: now + ttl };
      this.windows.set(key, window);
    }
    window.hits += 1;
    return Promise.resolve({
      totalHits: window.hits,
      timeToExpire: window.endsAt - now,
    });
  }

  /** How many keys are held (for tests and metrics). */
  get size(): number {
    return this.windows.size;
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) {
      if (window.endsAt <= now) {
        this.windows.delete(key);
      }
    }
  }
}
