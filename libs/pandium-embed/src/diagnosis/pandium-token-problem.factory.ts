import type {
  PandiumTokenProblem,
  PandiumTokenProblemCode,
} from './pandium-token-diagnosis.interface.js';

/** Builds a problem of one severity from its code, field and the three texts a person reads. @internal */
export type PandiumTokenProblemFactory = (
  code: PandiumTokenProblemCode,
  field: string | undefined,
  message: string,
  cause: string,
  fix: string,
) => PandiumTokenProblem;

function problemsOf(
  severity: PandiumTokenProblem['severity'],
): PandiumTokenProblemFactory {
  return (code, field, message, cause, fix) => ({
    code,
    severity,
    field,
    message,
    cause,
    fix,
  });
}

/** A problem that refuses the token. @internal */
export const tokenError: PandiumTokenProblemFactory = problemsOf('error');

/** A problem worth a look that does not refuse the token. @internal */
export const tokenWarning: PandiumTokenProblemFactory = problemsOf('warning');

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
