import { describe, expect, it } from '@jest/globals';
import { clockSkewOf, describeClockSkew } from './pandium-clock.skew.js';

const SERVER = Date.parse('2026-12-06T10:00:00Z');

describe('clockSkewOf', () => {
  it('should call a clock in step with Pandium within the allowance', () => {
    const skew = clockSkewOf(
      { sentAt: SERVER + 400, receivedAt: SERVER + 600, serverDate: SERVER },
      5,
    );
    expect(skew).toEqual({
      offsetMs: 0,
      verdict: 'within',
      allowanceSeconds: 5,
    });
  });

  it('should call a clock more than the allowance ahead "ahead"', () => {
    const skew = clockSkewOf(
      { sentAt: SERVER + 9000, receivedAt: SERVER + 9100, serverDate: SERVER },
      5,
    );
    expect(skew.verdict).toBe('ahead');
    expect(skew.offsetMs).toBe(8550);
  });

  it('should call a clock more than the allowance behind "behind"', () => {
    const skew = clockSkewOf(
      {
        sentAt: SERVER - 60_000,
        receivedAt: SERVER - 59_900,
        serverDate: SERVER,
      },
      5,
    );
    expect(skew.verdict).toBe('behind');
  });

  it('should not raise an alarm the measurement cannot prove: a slow answer or the Date header second', () => {
    // Offset anywhere from 4.5 s to 6 s: it may be within 5 s.
    expect(
      clockSkewOf(
        {
          sentAt: SERVER + 5500,
          receivedAt: SERVER + 6000,
          serverDate: SERVER,
        },
        5,
      ).verdict,
    ).toBe('within');
    // A 20-second round trip: the answer may have been stamped at any point of it.
    expect(
      clockSkewOf(
        { sentAt: SERVER, receivedAt: SERVER + 20_000, serverDate: SERVER },
        5,
      ).verdict,
    ).toBe('within');
  });

  it('should compare with a zero allowance strictly', () => {
    expect(
      clockSkewOf(
        {
          sentAt: SERVER + 1200,
          receivedAt: SERVER + 1300,
          serverDate: SERVER,
        },
        0,
      ).verdict,
    ).toBe('ahead');
  });
});

describe('describeClockSkew', () => {
  it('should say how far and which way', () => {
    expect(
      describeClockSkew({
        offsetMs: -61_250,
        verdict: 'behind',
        allowanceSeconds: 5,
      }),
    ).toBe("61.3 s behind Pandium's");
    expect(
      describeClockSkew({
        offsetMs: 300,
        verdict: 'within',
        allowanceSeconds: 5,
      }),
    ).toBe("about 0.3 s ahead of Pandium's (±1 s, a Date header's resolution)");
  });
});
