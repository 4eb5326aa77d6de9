import { describe, expect, it } from '@jest/globals';
import { PandiumTestClock } from 'pandium-embed/testing';
import { LoginAttemptLimiter } from './login-attempt.limiter.js';
import type { LoginLimits } from './login-attempt.limiter.js';

const LIMITS: LoginLimits = {
  perAddress: 3,
  perEmail: 2,
  windowMs: 60_000,
  maxKeys: 6,
};

function setup(): { clock: PandiumTestClock; limiter: LoginAttemptLimiter } {
  const clock = new PandiumTestClock();
  return { clock, limiter: new LoginAttemptLimiter(clock, LIMITS) };
}

describe('LoginAttemptLimiter', () => {
  describe('retryAfterSeconds', () => {
    it('should answer 0 until an email reaches its limit, then the seconds left in its window', () => {
      const { clock, limiter } = setup();

      limiter.recordFailure('10.0.0.1', 'jane@acme.test');
      expect(limiter.retryAfterSeconds('10.0.0.1', 'jane@acme.test')).toBe(0);
      clock.advance(20_500);
      limiter.recordFailure('10.0.0.2', 'jane@acme.test');

      expect(limiter.retryAfterSeconds('10.0.0.3', 'jane@acme.test')).toBe(40);
      expect(limiter.retryAfterSeconds('10.0.0.3', 'raj@acme.test')).toBe(0);
    });

    it('should refuse any email from an address at its limit', () => {
      const { limiter } = setup();

      for (const email of ['a@x.test', 'b@x.test', 'c@x.test']) {
        limiter.recordFailure('10.0.0.1', email);
      }

      expect(limiter.retryAfterSeconds('10.0.0.1', 'd@x.test')).toBe(60);
      expect(limiter.retryAfterSeconds('10.0.0.2', 'd@x.test')).toBe(0);
    });

    it('should count an email alike whatever its case and surrounding space', () => {
      const { limiter } = setup();

      limiter.recordFailure('10.0.0.1', 'Jane@Acme.test');
      limiter.recordFailure('10.0.0.2', ' jane@acme.TEST');

      expect(limiter.retryAfterSeconds('10.0.0.3', 'jane@acme.test')).toBe(60);
    });

    it('should answer at least 1 in the last part of a second', () => {
      const { clock, limiter } = setup();
      limiter.recordFailure('10.0.0.1', 'jane@acme.test');
      limiter.recordFailure('10.0.0.1', 'jane@acme.test');

      clock.advance(59_999);

      expect(limiter.retryAfterSeconds('10.0.0.1', 'jane@acme.test')).toBe(1);
    });

    it('should forget the failures once the window ends', () => {
      const { clock, limiter } = setup();
      limiter.recordFailure('10.0.0.1', 'jane@acme.test');
      limiter.recordFailure('10.0.0.1', 'jane@acme.test');

      clock.advance(60_000);

      expect(limiter.retryAfterSeconds('10.0.0.1', 'jane@acme.test')).toBe(0);
      expect(limiter.size).toBe(0);
    });
  });

  describe('memory', () => {
    it('should hold at most maxKeys windows, forgetting the oldest first', () => {
      const { limiter } = setup();

      for (let n = 0; n < 100; n += 1) {
        limiter.recordFailure(`10.0.0.${n}`, `user-${n}@x.test`);
      }
      limiter.recordFailure('10.0.0.99', 'user-99@x.test');

      expect(limiter.size).toBe(LIMITS.maxKeys);
      expect(limiter.retryAfterSeconds('10.0.0.99', 'user-99@x.test')).toBe(60);
    });
  });
});
