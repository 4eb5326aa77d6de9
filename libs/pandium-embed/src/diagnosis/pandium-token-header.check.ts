import {
  PANDIUM_JWT_HEADER,
  PANDIUM_JWT_HEADER_SEGMENT,
} from '../signing/pandium-jwt.constants.js';
import type { PandiumJsonObject } from './pandium-token.decoder.js';
import type { PandiumTokenProblem } from './pandium-token-diagnosis.interface.js';
import { jsonTypeOf, tokenError } from './pandium-token-problem.factory.js';

const EXPECTED_TEXT = JSON.stringify(PANDIUM_JWT_HEADER);
const BYTES_COMPARED = `Pandium compares the header segment byte for byte with ${PANDIUM_JWT_HEADER_SEGMENT} (${EXPECTED_TEXT})`;
const FIX = `use exactly ${EXPECTED_TEXT} as the header (its base64url is ${PANDIUM_JWT_HEADER_SEGMENT}); PandiumJwtSigner does`;

/**
 * Says how a header segment differs from the one Pandium accepts: `alg`, `typ`, extra keys, key order,
 * whitespace or escaping, or a non-canonical base64url of the right JSON. One problem per difference.
 *
 * @param segment the header segment as sent.
 * @param text its decoded JSON text, when it is base64url.
 * @param header the parsed header, when it is a JSON object (otherwise the decoder already reported it).
 * @internal
 */
export function checkPandiumHeader(
  segment: string,
  text: string | undefined,
  header: PandiumJsonObject | undefined,
): PandiumTokenProblem[] {
  if (segment === PANDIUM_JWT_HEADER_SEGMENT || header === undefined) {
    return [];
  }
  const problems: PandiumTokenProblem[] = [];
  if (header.alg !== PANDIUM_JWT_HEADER.alg) {
    problems.push(
      tokenError(
        'header-mismatch',
        'header.alg',
        `alg is ${describe(header.alg, KNOWN_ALGS)}, Pandium accepts "HS256" only`,
        'the token was signed with another algorithm (a library default, or an RS256/ES256 key)',
        `sign with HS256 and the shared secret; ${FIX}`,
      ),
    );
  }
  if (header.typ !== PANDIUM_JWT_HEADER.typ) {
    problems.push(
      tokenError(
        'header-mismatch',
        'header.typ',
        `typ is ${describe(header.typ, KNOWN_TYPS)}, Pandium expects "JWT"`,
        header.typ === undefined
          ? 'some libraries leave typ out unless asked (jose: setProtectedHeader({ alg: "HS256" }) without typ)'
          : 'the signer sets another typ',
        FIX,
      ),
    );
  }
  const extra = Object.keys(header).filter(
    (key) => !Object.hasOwn(PANDIUM_JWT_HEADER, key),
  );
  if (extra.length > 0) {
    problems.push(
      tokenError(
        'header-mismatch',
        'header',
        `the header has extra keys: ${describeKeys(extra)}`,
        `the signer adds header parameters (kid, cty, …), but ${BYTES_COMPARED}`,
        FIX,
      ),
    );
  }
  if (problems.length > 0) {
    return problems;
  }
  // alg and typ are right and alone: what differs is how they are written.
  const order = Object.keys(header);
  if (order[0] !== 'alg') {
    problems.push(
      tokenError(
        'header-mismatch',
        'header',
        `the header's keys are in the order ${order.join(', ')}, not alg, typ`,
        `the signer serialises the header in its own key order, but ${BYTES_COMPARED}`,
        FIX,
      ),
    );
  } else if (text !== EXPECTED_TEXT) {
    problems.push(
      tokenError(
        'header-mismatch',
        'header',
        'the header has the right keys and values but is written differently (whitespace, escapes or a byte order mark)',
        `the header was pretty-printed or built by hand, but ${BYTES_COMPARED}`,
        FIX,
      ),
    );
  } else {
    problems.push(
      tokenError(
        'header-mismatch',
        'header',
        'the header decodes to the right JSON but its base64url is not the canonical encoding',
        `the segment was produced by a non-standard base64url encoder, but ${BYTES_COMPARED}`,
        FIX,
      ),
    );
  }
  return problems;
}

// Header values and key names are echoed only when they are well-known JOSE names: anything else in a header
// could be a value that must not be printed.
const KNOWN_ALGS =
  /^(?:none|HS(?:256|384|512)|RS(?:256|384|512)|PS(?:256|384|512)|ES(?:256|256K|384|512)|EdDSA|Ed25519|Ed448)$/;
const KNOWN_TYPS = /^(?:jwt|jws|jose|jose\+json|at\+jwt|application\/jwt)$/i;
const KNOWN_HEADER_KEYS = new Set([
  'kid',
  'cty',
  'jku',
  'jwk',
  'x5u',
  'x5c',
  'x5t',
  'x5t#S256',
  'crit',
  'b64',
  'zip',
  'enc',
  'epk',
  'iss',
  'sub',
  'aud',
]);

/** A header value for a message: a known name quoted, otherwise only its kind. */
function describe(value: unknown, known: RegExp): string {
  if (value === undefined) {
    return 'absent';
  }
  if (typeof value === 'string' && known.test(value)) {
    return JSON.stringify(value);
  }
  return typeof value === 'string'
    ? 'an unrecognised value'
    : jsonTypeOf(value);
}

/** Extra header keys for a message: the known ones by name, the others counted. */
function describeKeys(keys: string[]): string {
  const named = keys.filter((key) => KNOWN_HEADER_KEYS.has(key));
  const others = keys.length - named.length;
  const parts = named.map((key) => JSON.stringify(key));
  if (others > 0) {
    parts.push(`${others} other key${others === 1 ? '' : 's'}`);
  }
  return parts.join(', ');
}
