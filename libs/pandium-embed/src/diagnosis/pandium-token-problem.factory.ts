import type {
  PandiumTokenProblem,
  PandiumTokenProblemCode,
} from './pandium-token-diagnosis.interface.js';

/** A problem that refuses the token. @internal */
export function tokenError(
  code: PandiumTokenProblemCode,
  field: string | undefined,
  message: string,
  cause: string,
  fix: string,
): PandiumTokenProblem {
  return { code, severity: 'error', field, message, cause, fix };
}

/** A problem worth a look that does not refuse the token. @internal */
export function tokenWarning(
  code: PandiumTokenProblemCode,
  field: string | undefined,
  message: string,
  cause: string,
  fix: string,
): PandiumTokenProblem {
  return { code, severity: 'warning', field, message, cause, fix };
}

/** A JSON value's kind, for messages ("a string", "an array", "null"): never the value itself. @internal */
export function jsonTypeOf(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'an array';
  }
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
