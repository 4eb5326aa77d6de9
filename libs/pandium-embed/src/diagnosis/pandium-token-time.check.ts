import type { PandiumJsonObject } from './pandium-token.decoder.js';
import type { PandiumTokenProblem } from './pandium-token-diagnosis.interface.js';
import {
  jsonTypeOf,
  tokenError,
  tokenWarning,
} from './pandium-token-problem.factory.js';

/** The times a token is checked against, in whole seconds. @internal */
export interface PandiumTimeLimits {
  nowSeconds: number;
  clockSkewSeconds: number;
  maxLifetimeSeconds: number;
}

// Seconds since the epoch stay below 10^11 until the year 5138; a larger value is milliseconds.
const MILLISECONDS_THRESHOLD = 1e11;

/**
 * Checks `iat` and `exp`: whole seconds, `iat` present (an absent `exp` is a warning: Pandium's example payload has
 * none), `exp` after `iat`, the lifetime, expiry and an `iat` in the future. Times are compared only when both
 * claims they need are well formed, so one mistake is reported once.
 *
 * @internal
 */
export function checkPandiumTimes(
  payload: PandiumJsonObject,
  limits: PandiumTimeLimits,
): PandiumTokenProblem[] {
  const problems: PandiumTokenProblem[] = [];
  const iat = secondsClaim(payload, 'iat', problems);
  const exp = secondsClaim(payload, 'exp', problems);
  const { nowSeconds, clockSkewSeconds, maxLifetimeSeconds } = limits;

  if (iat !== undefined && exp !== undefined) {
    if (exp <= iat) {
      problems.push(
        tokenError(
          'exp-before-iat',
          'exp',
          `exp is ${iat - exp} s before iat: the token was never valid`,
          'exp and iat were swapped, or the TTL added to iat is zero or negative',
          'set exp to iat + the TTL (PANDIUM_TOKEN_TTL_SECONDS, a few minutes)',
        ),
      );
    } else if (exp - iat > maxLifetimeSeconds) {
      problems.push(
        tokenError(
          'lifetime-too-long',
          'exp',
          `the token lives ${exp - iat} s (exp - iat), more than the ${maxLifetimeSeconds} s allowed`,
          'the TTL is long, so a leaked URL stays usable for long',
          'use a TTL of a few minutes (PANDIUM_TOKEN_TTL_SECONDS, default 300) and sign a fresh URL per page',
        ),
      );
    }
  }
  if (exp !== undefined && nowSeconds - exp >= clockSkewSeconds) {
    problems.push(
      tokenError(
        'expired',
        'exp',
        `expired ${nowSeconds - exp} s ago`,
        'the URL was opened after its TTL (a cached page, a reused or bookmarked link), or the server clock is behind',
        'check the TTL and the server clock (NTP); sign the URL right before showing the iframe and serve it with Cache-Control: no-store',
      ),
    );
  }
  if (iat !== undefined && iat - nowSeconds > clockSkewSeconds) {
    problems.push(
      tokenError(
        'not-yet-valid',
        'iat',
        `issued ${iat - nowSeconds} s in the future: the server clock is ahead`,
        `the signing server's clock is more than ${clockSkewSeconds} s ahead of this one`,
        'sync the host app server clock (NTP); the library already backdates iat by clockSkewSeconds',
      ),
    );
  }
  return problems;
}

/** The claim when it is whole seconds, or undefined (and a problem). */
function secondsClaim(
  payload: PandiumJsonObject,
  name: 'iat' | 'exp',
  problems: PandiumTokenProblem[],
): number | undefined {
  const value = payload[name];
  const meaning = name === 'iat' ? 'issued-at time' : 'expiry time';
  if (value === undefined) {
    // Pandium's own example payload has no exp, so Pandium takes a token without one: only a warning.
    problems.push(
      name === 'exp'
        ? tokenWarning(
            'missing-claim',
            name,
            'exp is absent: the token never expires',
            "the signer does not set exp (Pandium's example payload has none, so Pandium accepts it), but a " +
              'leaked URL then stays usable for ever',
            'set exp to iat + the TTL in whole seconds (Math.floor(Date.now() / 1000) + TTL); PandiumJwtSigner does',
          )
        : tokenError(
            'missing-claim',
            name,
            `${name} is absent`,
            `the signer does not set ${name}, the ${meaning} Pandium checks`,
            `set ${name} in whole seconds since the epoch (Math.floor(Date.now() / 1000))`,
          ),
    );
    return undefined;
  }
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    const got =
      typeof value === 'number' ? 'a fractional number' : jsonTypeOf(value);
    problems.push(
      tokenError(
        'wrong-type',
        name,
        `${name} is ${got}, not whole seconds`,
        typeof value === 'string'
          ? 'the time was serialised as a string (a Date or its ISO text)'
          : 'the time was computed as Date.now() / 1000 without rounding down',
        `set ${name} to Math.floor(Date.now() / 1000)${name === 'exp' ? ' + TTL' : ''}`,
      ),
    );
    return undefined;
  }
  if (value > MILLISECONDS_THRESHOLD) {
    problems.push(
      tokenError(
        'wrong-type',
        name,
        `${name} is ${value}, which is milliseconds, not seconds`,
        'the time came from Date.now() (milliseconds); JWT times are seconds',
        `divide by 1000 and round down: Math.floor(Date.now() / 1000)${name === 'exp' ? ' + TTL' : ''}`,
      ),
    );
    return undefined;
  }
  return value;
}
