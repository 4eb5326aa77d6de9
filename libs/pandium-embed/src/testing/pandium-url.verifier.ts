import { createHmac, timingSafeEqual } from 'node:crypto';
import type { PandiumClock } from '../core/pandium-clock.interface.js';
import type { PandiumJwtPayload } from '../core/pandium-claims.interface.js';
import { PANDIUM_JWT_HEADER_SEGMENT } from '../signing/pandium-jwt.constants.js';
import { PANDIUM_TEST_SECRET } from './pandium-testing.constants.js';

/**
 * How {@link claimsOf} checks a URL.
 *
 * @publicApi
 */
export interface PandiumUrlCheckOptions {
  /** The shared secret the app signed with. @default PANDIUM_TEST_SECRET */
  secret?: string;
  /** The time to check `exp` and `iat` against: the test clock the app used, or milliseconds. @default Date.now() */
  now?: PandiumClock | number;
}

/**
 * Verifies the token in a Pandium URL (`?tenant=…`) as Pandium would: header bytes exactly
 * `{"alg":"HS256","typ":"JWT"}`, HMAC-SHA256 with the secret, `iat` not in the future, `exp` not passed. Returns its
 * claims, typed, so tests read `expect(claimsOf(url).ti.uem).toBe('jane@acme.test')`.
 *
 * @param url an install or marketplace URL, or the bare token.
 * @throws {Error} saying what is wrong (never the secret).
 * @publicApi
 */
export function claimsOf(
  url: string,
  options: PandiumUrlCheckOptions = {},
): PandiumJwtPayload {
  const token = tokenOf(url);
  const [header, payload, signature, ...rest] = token.split('.');
  if (rest.length > 0 || signature === undefined) {
    throw new Error('claimsOf: the token does not have three parts');
  }
  if (header !== PANDIUM_JWT_HEADER_SEGMENT) {
    throw new Error(
      'claimsOf: the header is not exactly {"alg":"HS256","typ":"JWT"}',
    );
  }
  const expected = createHmac('sha256', options.secret ?? PANDIUM_TEST_SECRET)
    .update(`${header}.${payload}`)
    .digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new Error('claimsOf: the signature does not match the secret');
  }
  const claims = JSON.parse(
    Buffer.from(payload, 'base64url').toString('utf8'),
  ) as PandiumJwtPayload;
  const nowSeconds = Math.floor(nowOf(options.now) / 1000);
  if (claims.exp <= nowSeconds) {
    throw new Error(
      `claimsOf: the token expired ${nowSeconds - claims.exp} s before the time checked`,
    );
  }
  if (claims.iat > nowSeconds) {
    throw new Error(
      `claimsOf: the token was issued ${claims.iat - nowSeconds} s after the time checked`,
    );
  }
  return claims;
}

function tokenOf(url: string): string {
  if (!URL.canParse(url)) {
    return url;
  }
  const token = new URL(url).searchParams.get('tenant');
  if (token === null) {
    throw new Error('claimsOf: the URL has no tenant parameter');
  }
  return token;
}

function nowOf(now: PandiumUrlCheckOptions['now']): number {
  if (now === undefined) {
    return Date.now();
  }
  return typeof now === 'number' ? now : now.now();
}
