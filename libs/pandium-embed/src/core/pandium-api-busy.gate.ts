import type { PandiumClock } from './pandium-clock.interface.js';
import { PANDIUM_SYSTEM_CLOCK } from './pandium-system.clock.js';

/** The longest wait a `Retry-After` may impose, in seconds: a larger one (or a far date) is cut to this. */
const MAX_RETRY_AFTER_SECONDS = 300;

/** The wait after a 429 without a usable `Retry-After`, in seconds. */
const DEFAULT_RETRY_AFTER_SECONDS = 10;

/** How every HTTP date form (IMF-fixdate, RFC 850, asctime) starts. */
const HTTP_DATE_START = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)/i;

/**
 * The wait a 429's `Retry-After` asks for, in whole seconds: delay-seconds or an HTTP date (RFC 9110 §10.2.3), at
 * least 1, at most {@link MAX_RETRY_AFTER_SECONDS}; {@link DEFAULT_RETRY_AFTER_SECONDS} when absent or unreadable.
 *
 * @internal
 */
export function parseRetryAfter(
  value: string | null | undefined,
  nowMs: number,
): number {
  const text = value?.trim() ?? '';
  let seconds: number;
  if (/^\d+$/.test(text)) {
    seconds = Number(text);
  } else {
    // Date.parse alone is lenient (it reads "1.5" as a date): an HTTP date starts with the day's name.
    const at = HTTP_DATE_START.test(text) ? Date.parse(text) : Number.NaN;
    if (Number.isNaN(at)) {
      return DEFAULT_RETRY_AFTER_SECONDS;
    }
    seconds = Math.ceil((at - nowMs) / 1000);
  }
  return Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(1, seconds));
}

/**
 * One client's gate on Pandium's REST API: a 429 closes it for the `Retry-After` Pandium asked, and while it is
 * closed every request through that client fails at once, without being sent, so one busy answer is not followed by
 * a burst of others.
 *
 * @internal
 */
export class PandiumApiBusyGate {
  /** When the gate opens again, in the clock's milliseconds. */
  private closedUntil = 0;

  constructor(private readonly clock: PandiumClock = PANDIUM_SYSTEM_CLOCK) {}

  /** The clock's milliseconds now, for reading an HTTP date against. */
  now(): number {
    return this.clock.now();
  }

  /** Whole seconds until the gate opens, or `undefined` while it is open. */
  secondsLeft(): number | undefined {
    const left = this.closedUntil - this.clock.now();
    return left > 0 ? Math.ceil(left / 1000) : undefined;
  }

  /** Closes the gate for `seconds` from now (never shortening a longer wait already in force). */
  close(seconds: number): void {
    this.closedUntil = Math.max(
      this.closedUntil,
      this.clock.now() + seconds * 1000,
    );
  }
}
