import type { PandiumClock } from '../core/pandium-clock.interface.js';
import { PANDIUM_TEST_NOW } from './pandium-testing.constants.js';

/**
 * A clock that stands still until a test moves it, for exact `iat` and `exp`.
 *
 * @publicApi
 */
export class PandiumTestClock implements PandiumClock {
  constructor(private current: number = PANDIUM_TEST_NOW) {}

  now(): number {
    return this.current;
  }

  /** Sets the time, in milliseconds since the epoch or as a Date. */
  set(time: number | Date): void {
    this.current = typeof time === 'number' ? time : time.getTime();
  }

  /** Moves the time on by this many milliseconds. */
  advance(milliseconds: number): void {
    this.current += milliseconds;
  }
}
