import type { PandiumClock } from 'pandium-embed';

/** How many failed sign-ins the demo login allows, and for how long it then refuses. */
export interface LoginLimits {
  /** Failed sign-ins per client address in one window. */
  perAddress: number;
  /** Failed sign-ins per email (whichever address they come from) in one window. */
  perEmail: number;
  /** The window's length in milliseconds, from the first failure it counts. */
  windowMs: number;
  /** Most addresses and emails tracked at once: past it the oldest window is forgotten, so memory stays flat. */
  maxKeys: number;
}

/** The example app's limits: 10 failures per address and 5 per email in 15 minutes. */
export const LOGIN_LIMITS: LoginLimits = {
  perAddress: 10,
  perEmail: 5,
  windowMs: 15 * 60_000,
  maxKeys: 10_000,
};

/** One key's failures in its current window. */
interface FailureWindow {
  failures: number;
  endsAt: number;
}

const systemClock: PandiumClock = { now: () => Date.now() };

/**
 * Counts the demo login's failed sign-ins per client address and per email, in fixed windows, and says when either
 * is over its limit. Only failures count: a successful sign-in neither counts nor resets a window, so a user who
 * signs in often is never refused, while a guesser is refused (whatever password it tries next) until the window
 * ends.
 *
 * Counts live in this process's memory, bounded by `maxKeys`: windows all last as long, so the first key in the
 * map (insertion order) is the one that ends first, and expired ones are dropped from the front, each key once.
 * Behind a load balancer each instance counts on its own.
 */
export class LoginAttemptLimiter {
  private readonly windows = new Map<string, FailureWindow>();

  constructor(
    private readonly clock: PandiumClock = systemClock,
    private readonly limits: LoginLimits = LOGIN_LIMITS,
  ) {}

  /** Seconds until sign-ins from `address` for `email` may be tried again; 0 when neither is over its limit. */
  retryAfterSeconds(address: string, email: string): number {
    const now = this.clock.now();
    this.dropExpired(now);
    const ends = this.keysOf(address, email)
      .filter(({ key, limit }) => {
        const window = this.windows.get(key);
        return window !== undefined && window.failures >= limit;
      })
      .map(({ key }) => (this.windows.get(key) as FailureWindow).endsAt);
    return ends.length === 0
      ? 0
      : Math.max(1, Math.ceil((Math.max(...ends) - now) / 1000));
  }

  /** Counts one failed sign-in from `address` for `email`. */
  recordFailure(address: string, email: string): void {
    const now = this.clock.now();
    this.dropExpired(now);
    for (const { key } of this.keysOf(address, email)) {
      const window = this.windows.get(key);
      if (window !== undefined) {
        window.failures += 1;
        continue;
      }
      if (this.windows.size >= this.limits.maxKeys) {
        // The oldest window: the one that would end first.
        this.windows.delete(this.windows.keys().next().value as string);
      }
      this.windows.set(key, {
        failures: 1,
        endsAt: now + this.limits.windowMs,
      });
    }
  }

  /** How many addresses and emails are tracked (for tests). */
  get size(): number {
    return this.windows.size;
  }

  private keysOf(
    address: string,
    email: string,
  ): { key: string; limit: number }[] {
    return [
      { key: `address:${address}`, limit: this.limits.perAddress },
      // As the directory compares them: `Jane@ACME.test` is Jane.
      {
        key: `email:${email.trim().toLowerCase()}`,
        limit: this.limits.perEmail,
      },
    ];
  }

  private dropExpired(now: number): void {
    for (const [key, window] of this.windows) {
      if (window.endsAt > now) {
        return;
      }
      this.windows.delete(key);
    }
  }
}
