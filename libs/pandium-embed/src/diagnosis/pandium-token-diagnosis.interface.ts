import type { PandiumJsonValue } from '../core/pandium-claims.interface.js';

/**
 * Every reason a token can be refused (or, for `severity: 'warning'`, looked at twice).
 *
 * @publicApi
 */
export type PandiumTokenProblemCode =
  | 'malformed' // not three base64url segments, or a segment is not JSON
  | 'header-mismatch' // header bytes are not exactly eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9
  | 'signature-mismatch' // HS256 with the given secret does not match
  | 'signature-unchecked' // warning: no secret given, signature not verified
  | 'expired' // exp passed (beyond the skew allowance): "expired 42 s ago"
  | 'not-yet-valid' // iat in the future beyond the skew allowance
  | 'lifetime-too-long' // exp - iat above the allowed maximum
  | 'missing-claim' // a required claim is absent (field names it: 'exp', 'ti.uem', 'ti.xti.token', ...)
  | 'wrong-type' // a claim has the wrong type (field names it)
  | 'invalid-email' // ti.uem is not an email address
  | 'replayed-jti' // this jti was already used
  | 'account-mismatch' // the URL's account is not the expected account
  | 'integration-mismatch' // install URL: xti.integration_name / connector_name missing or not the integration's
  | 'exp-before-iat' // exp is not after iat: the token was never valid
  | 'jti-not-uuid'; // warning: jti is a string but not a UUID (Pandium's example uses a UUID)

/**
 * One reason, written for the developer who has to fix it.
 *
 * @publicApi
 */
export interface PandiumTokenProblem {
  code: PandiumTokenProblemCode;
  /** 'error' refuses the token; 'warning' does not. */
  severity: 'error' | 'warning';
  /** The claim or part concerned ('header', 'signature', 'exp', 'ti.uem', 'account', ...), when there is one. */
  field?: string;
  /** What is wrong, e.g. "expired 42 s ago". Never contains the secret, the token or xti.token. */
  message: string;
  /** The likely cause, e.g. "the secret differs from the one this emulator was given". */
  cause: string;
  /** What to do, e.g. "check PANDIUM_SHARED_SECRET on the host app". */
  fix: string;
}

/**
 * What a Pandium install or marketplace URL points at.
 *
 * @publicApi
 */
export interface PandiumUrlTarget {
  kind: 'install' | 'marketplace';
  account: string;
  /** Only for `kind: 'install'`. */
  integrationId?: string;
}

/**
 * The result of {@link diagnosePandiumToken}.
 *
 * @publicApi
 */
export interface PandiumTokenDiagnosis {
  /** True when no problem has severity 'error'. */
  valid: boolean;
  /** True when the signature was checked with a secret and matched. */
  signatureVerified: boolean;
  /** The decoded header, when it is JSON. */
  header?: { [key: string]: PandiumJsonValue };
  /** The decoded payload, when it is JSON, with ti.xti.token masked. */
  claims?: { [key: string]: PandiumJsonValue };
  /** The target, when a URL was given. */
  target?: PandiumUrlTarget;
  problems: PandiumTokenProblem[];
}
