import type { ClassConstructor } from 'class-transformer';
import { describeThrown } from '../errors/describe-thrown.util.js';
import {
  inheritedKeyProblems,
  withoutInheritedKeys,
} from './inherited-keys.util.js';
import type { ValidationProblem } from './validation-problems.util.js';
import { parseWith } from './validation-problems.util.js';

/**
 * What {@link parseWith} says of an input a compiled schema refused. Own keys named after `Object.prototype`'s
 * members are named first and left out of what class-transformer sees, as it would throw on `constructor` and drop
 * the others without a word.
 *
 * @internal
 */
export function explainRefusal<T extends object>(
  schema: ClassConstructor<T>,
  input: unknown,
  allowUnknownKeys: boolean,
):
  | { value: T; problems: [] }
  | { value: undefined; problems: ValidationProblem[] } {
  const inherited = inheritedKeyProblems(input);
  if (inherited.length === 0) {
    return parseWith(schema, input, { allowUnknownKeys });
  }
  const { problems } = parseWith(schema, withoutInheritedKeys(input), {
    allowUnknownKeys,
  });
  return { value: undefined, problems: [...inherited, ...problems] };
}

/**
 * The answer for an input whose checking threw (a getter that throws, a proxy, a shape class-transformer cannot
 * take): one problem that says what was thrown, so the caller refuses the input as it refuses any invalid one.
 *
 * @internal
 */
export function uncheckable(thrown: unknown): {
  value: undefined;
  problems: ValidationProblem[];
} {
  return {
    value: undefined,
    problems: [
      {
        path: '(root)',
        message: `could not be checked (${describeThrown(thrown)})`,
      },
    ],
  };
}
