/**
 * The one JWT header Pandium accepts, in this key order: `{"alg":"HS256","typ":"JWT"}`.
 *
 * @internal
 */
export const PANDIUM_JWT_HEADER = { alg: 'HS256', typ: 'JWT' } as const;

/**
 * {@link PANDIUM_JWT_HEADER} in base64url, encoded once: `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9`.
 *
 * @internal
 */
export const PANDIUM_JWT_HEADER_SEGMENT = Buffer.from(
  JSON.stringify(PANDIUM_JWT_HEADER),
).toString('base64url');

/** HS256 keys should be at least as long as the hash: 256 bits. @internal */
export const MIN_SECRET_BYTES = 32;

/**
 * What an integration id may look like: 1–128 letters, digits, `-`, `_` or `.`, and not only dots
 * (so `.` and `..` can never become path segments of a Pandium URL).
 *
 * @internal
 */
export const INTEGRATION_ID_PATTERN = /^(?!\.+$)[A-Za-z0-9._-]{1,128}$/;

/**
 * What an account slug may look like: one URL path segment of letters, digits, `-`, `_` or `.`, not only dots.
 *
 * @internal
 */
export const ACCOUNT_SLUG_PATTERN = /^(?!\.+$)[A-Za-z0-9._-]{1,128}$/;

/** Sizes that strategy output must fit in, so a token stays well under a URL's safe length. @internal */
export const CLAIM_LIMITS = {
  /** `sub`, `udn`, `ufn`, `aid`, `adn`, each entry of `ili`, names in the catalog. */
  shortString: 256,
  /** `uem`: the longest valid email address. */
  email: 320,
  /** entries in `ili`. */
  listItems: 100,
  /** `xti.token`. */
  token: 4096,
  /** `xti` extras, as JSON. */
  extrasJsonBytes: 4096,
} as const;
