import type { ValidationArguments } from 'class-validator';
import { ValidateBy } from 'class-validator';
import { MIN_SECRET_BYTES } from '../signing/pandium-jwt.constants.js';

/**
 * White space at either end, zero-width characters included: U+200B, U+200C, U+200D and U+2060 are invisible when a
 * secret is pasted, and `String.prototype.trim` keeps them.
 */
const SURROUNDING_SPACE = /^[\s\u200B-\u200D\u2060]|[\s\u200B-\u200D\u2060]$/u;

/** Why a shared secret is refused, or undefined. Never says anything about its content. */
function secretProblem(
  value: unknown,
  allowShort: boolean,
): string | undefined {
  if (typeof value !== 'string') {
    return 'must be the shared secret Pandium issued, as a string';
  }
  if (value.length === 0) {
    return 'must not be empty: set it to the shared secret Pandium issued';
  }
  if (SURROUNDING_SPACE.test(value)) {
    return (
      'has leading or trailing white space (a pasted secret often ends with a newline): remove it; ' +
      'it is not trimmed for you, since white space could be part of a real secret'
    );
  }
  if (!allowShort && Buffer.byteLength(value, 'utf8') < MIN_SECRET_BYTES) {
    return (
      `must be at least ${MIN_SECRET_BYTES} bytes (HS256 needs a 256-bit key); ` +
      'if Pandium issued a shorter one, set allowShortSecret'
    );
  }
  return undefined;
}

const allowsShort = (args?: ValidationArguments): boolean =>
  (args?.object as { allowShortSecret?: unknown } | undefined)
    ?.allowShortSecret === true;

/**
 * A usable HS256 shared secret: a non-empty string without surrounding white space, at least 32 bytes unless
 * the options also say `allowShortSecret: true`.
 *
 * @internal
 */
export function IsPandiumSecret(): PropertyDecorator {
  return ValidateBy({
    name: 'isPandiumSecret',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) =>
        secretProblem(value, allowsShort(args)) === undefined,
      defaultMessage: (args?: ValidationArguments) =>
        secretProblem(args?.value, allowsShort(args)) ?? 'is invalid',
    },
  });
}
