import type { PandiumClockSample } from './pandium-api.probe.js';

/**
 * How this machine's clock compares with Pandium's.
 *
 * @internal
 */
export interface PandiumClockSkew {
  /** This machine's clock less Pandium's, in milliseconds (positive: ahead), as estimated from one answer. */
  readonly offsetMs: number;
  /**
   * `ahead` or `behind` when the offset is beyond the allowance whatever the measurement's uncertainty (the `Date`
   * header's whole second and the round trip), else `within`.
   */
  readonly verdict: 'within' | 'ahead' | 'behind';
  /** The allowance compared with, in seconds: the signer's `clockSkewSeconds`. */
  readonly allowanceSeconds: number;
}

/** A `Date` header is truncated to the second: Pandium's clock read anywhere in the second after it. */
const DATE_RESOLUTION_MS = 1000;

/**
 * Compares this machine's clock with Pandium's from one answer. Pandium stamped its `Date` (a whole second, so its
 * clock read from `serverDate` to `serverDate + 1 s`) between `sentAt` and `receivedAt` on this clock, so the offset
 * lies between `sentAt - serverDate - 1 s` and `receivedAt - serverDate`. Only an offset beyond the allowance over
 * that whole range counts as `ahead` or `behind`: a slow answer never raises a false alarm.
 *
 * The allowance is the signer's `clockSkewSeconds` (by which `iat` is back-dated): a clock further ahead signs
 * tokens that Pandium sees as issued in the future; one further behind signs tokens that expire early there.
 *
 * @internal
 */
export function clockSkewOf(
  { sentAt, receivedAt, serverDate }: PandiumClockSample,
  allowanceSeconds: number,
): PandiumClockSkew {
  const lowest = sentAt - serverDate - DATE_RESOLUTION_MS;
  const highest = receivedAt - serverDate;
  const allowanceMs = allowanceSeconds * 1000;
  return {
    offsetMs: Math.round((lowest + highest) / 2),
    verdict:
      lowest > allowanceMs
        ? 'ahead'
        : highest < -allowanceMs
          ? 'behind'
          : 'within',
    allowanceSeconds,
  };
}

/**
 * The skew in words: `61.3 s behind Pandium's`, `about 0.3 s ahead of Pandium's (±1 s, …)`.
 *
 * @internal
 */
export function describeClockSkew({
  offsetMs,
  verdict,
}: PandiumClockSkew): string {
  const seconds = (Math.abs(offsetMs) / 1000).toFixed(1);
  if (verdict === 'within') {
    return `about ${seconds} s ${offsetMs >= 0 ? 'ahead of' : 'behind'} Pandium's (±1 s, a Date header's resolution)`;
  }
  return `${seconds} s ${verdict === 'ahead' ? 'ahead of' : 'behind'} Pandium's`;
}
