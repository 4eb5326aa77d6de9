import type { PandiumJsonValue } from '../core/pandium-claims.interface.js';
import type { PandiumTokenProblem } from './pandium-token-diagnosis.interface.js';
import { tokenError } from './pandium-token-problem.factory.js';

/** A JSON object, as a decoded header or payload. @internal */
export type PandiumJsonObject = { [key: string]: PandiumJsonValue };

/** A compact JWT taken apart, with whatever could be decoded. @internal */
export interface DecodedPandiumToken {
  /** The three segments as sent, when there are three. */
  segments?: { header: string; payload: string; signature: string };
  /** The header's JSON text, when the segment is base64url. */
  headerText?: string;
  header?: PandiumJsonObject;
  /** The payload's text, when the segment is base64url. */
  payloadText?: string;
  payload?: PandiumJsonObject;
  /** True when the signature segment is base64url of 32 bytes (an HMAC-SHA256). */
  signatureWellFormed: boolean;
  problems: PandiumTokenProblem[];
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;
const HS256_SIGNATURE_BYTES = 32;

const SEGMENT_CAUSES: Record<number, string> = {
  0: 'nothing was given: the URL or variable holding the token is empty',
  1: 'this is not a JWT (the connector token or another value was passed instead?)',
  2: 'the signature segment is missing, or the token was cut when copied',
  5: 'this looks like an encrypted token (JWE); Pandium expects a signed JWT (JWS)',
};

/**
 * Splits a compact JWT into its segments and decodes the header and payload, reporting every segment that is
 * not base64url or not a JSON object. Never puts a segment's text in a message: the token is a credential.
 *
 * @internal
 */
export function decodePandiumToken(token: string): DecodedPandiumToken {
  const parts = token === '' ? [] : token.split('.');
  if (parts.length !== 3) {
    return {
      signatureWellFormed: false,
      problems: [
        tokenError(
          'malformed',
          'token',
          `the token has ${parts.length} segment${parts.length === 1 ? '' : 's'} separated by ".", a JWT has 3`,
          SEGMENT_CAUSES[parts.length] ??
            'the value is not a compact JWT, or several tokens were joined',
          'pass the token exactly as signed: <header>.<payload>.<signature>, each base64url',
        ),
      ],
    };
  }
  const [header, payload, signature] = parts;
  const problems: PandiumTokenProblem[] = [];
  const decoded: DecodedPandiumToken = {
    segments: { header, payload, signature },
    signatureWellFormed: false,
    problems,
  };

  const headerText = base64urlText(header, 'header', problems);
  if (headerText !== undefined) {
    decoded.headerText = headerText;
    decoded.header = jsonObject(headerText, 'header', problems);
  }
  const payloadText = base64urlText(payload, 'payload', problems);
  if (payloadText !== undefined) {
    decoded.payloadText = payloadText;
    decoded.payload = jsonObject(payloadText, 'payload', problems);
  }
  if (base64urlText(signature, 'signature', problems) !== undefined) {
    const bytes = Buffer.from(signature, 'base64url').length;
    decoded.signatureWellFormed = bytes === HS256_SIGNATURE_BYTES;
    if (!decoded.signatureWellFormed) {
      problems.push(
        tokenError(
          'malformed',
          'signature',
          `the signature is ${bytes} bytes, an HMAC-SHA256 (HS256) signature is ${HS256_SIGNATURE_BYTES}`,
          'the token was signed with another algorithm, or the signature was cut or re-encoded',
          'sign with HS256 and the shared secret, and pass the token unchanged',
        ),
      );
    }
  }
  return decoded;
}

/** The segment's bytes as UTF-8 text, or undefined (and a problem) when it is not base64url. */
function base64urlText(
  segment: string,
  field: string,
  problems: PandiumTokenProblem[],
): string | undefined {
  // A base64url string never has a length of 4n + 1.
  if (BASE64URL.test(segment) && segment.length % 4 !== 1) {
    return Buffer.from(segment, 'base64url').toString('utf8');
  }
  problems.push(
    tokenError(
      'malformed',
      field,
      segment === ''
        ? `the ${field} segment is empty`
        : `the ${field} segment is not base64url`,
      'standard base64 (+, / or = padding) was used instead of base64url, the token was URL-encoded twice, or ' +
        'quotes or whitespace came with it when it was copied',
      'encode each segment as base64url without padding (RFC 7515) and pass the token unchanged',
    ),
  );
  return undefined;
}

/** The text parsed as a JSON object, or undefined (and a problem). */
function jsonObject(
  text: string,
  field: string,
  problems: PandiumTokenProblem[],
): PandiumJsonObject | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    problems.push(
      tokenError(
        'malformed',
        field,
        `the ${field} is not JSON`,
        `the ${field} segment was built by hand or encoded from something other than JSON text`,
        `encode the ${field} with JSON.stringify, then base64url`,
      ),
    );
    return undefined;
  }
  return jsonObjectOr(value, problems, (other) =>
    tokenError(
      'malformed',
      field,
      `the ${field} is JSON but not an object (${other === null ? 'null' : Array.isArray(other) ? 'an array' : typeof other})`,
      `the ${field} was serialised from the wrong value`,
      `encode a JSON object as the ${field}`,
    ),
  );
}

/**
 * `value` when it is a JSON object; anything else (null, an array, a string, …) adds the problem `problemOf` makes
 * of it to `problems` and gives undefined.
 *
 * @internal
 */
export function jsonObjectOr(
  value: unknown,
  problems: PandiumTokenProblem[],
  problemOf: (other: unknown) => PandiumTokenProblem,
): PandiumJsonObject | undefined {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return value as PandiumJsonObject;
  }
  problems.push(problemOf(value));
  return undefined;
}
