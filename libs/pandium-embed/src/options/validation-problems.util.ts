import type { ClassConstructor } from 'class-transformer';
import { plainToInstance } from 'class-transformer';
import type { ValidationError } from 'class-validator';
import { validateSync } from 'class-validator';

/**
 * One thing wrong with an input: the field's dotted path, and what is wrong with it (no value, ever).
 *
 * @internal
 */
export interface ValidationProblem {
  path: string;
  message: string;
}

/**
 * Validates a plain object against a class-validator class: the typed instance when valid, else every problem.
 * Messages never carry the value, so a secret cannot leak through them. Unknown keys are problems, or are
 * stripped from the instance with `allowUnknownKeys`.
 *
 * @internal
 */
export function parseWith<T extends object>(
  schema: ClassConstructor<T>,
  input: unknown,
  { allowUnknownKeys = false }: { allowUnknownKeys?: boolean } = {},
):
  | { value: T; problems: [] }
  | { value: undefined; problems: ValidationProblem[] } {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return {
      value: undefined,
      problems: [{ path: '(root)', message: 'must be an object' }],
    };
  }
  const instance = plainToInstance(schema, input);
  const problems = flatten(
    validateSync(instance, {
      forbidUnknownValues: true,
      // Unknown keys are mistakes (a misspelt option, a claim Pandium does not read): name them, unless allowed.
      forbidNonWhitelisted: !allowUnknownKeys,
      whitelist: true,
      validationError: { target: false, value: false },
    }),
  );
  return problems.length === 0
    ? { value: instance, problems: [] }
    : { value: undefined, problems };
}

/** @internal */
export function formatProblems(problems: ValidationProblem[]): string[] {
  return problems.map(({ path, message }) => `${path} ${message}`);
}

/** Renames problem paths, e.g. option names to the environment variables they came from. @internal */
export function renamePaths(
  problems: ValidationProblem[],
  names: Record<string, string>,
): ValidationProblem[] {
  return problems.map((problem) => {
    const [head, ...rest] = problem.path.split('.');
    const renamed = names[head] ?? head;
    return { ...problem, path: [renamed, ...rest].join('.') };
  });
}

function flatten(errors: ValidationError[], parent = ''): ValidationProblem[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      path,
      // class-validator's default messages start with the property name; the path replaces it.
      message: message.startsWith(`${error.property} `)
        ? message.slice(error.property.length + 1)
        : message,
    }));
    return [...own, ...flatten(error.children ?? [], path)];
  });
}

/** Puts problems under a parent option, e.g. `controller.` + `rateLimit.limit`. @internal */
export function prefixPaths(
  problems: ValidationProblem[],
  prefix: string,
): ValidationProblem[] {
  return prefix === ''
    ? problems
    : problems.map((problem) => ({
        ...problem,
        path: `${prefix}${problem.path}`,
      }));
}

/**
 * A shallow copy of `options` without `keys`: the data options, with the wiring options (checked apart) left out.
 *
 * @internal
 */
export function withoutKeys(
  options: object,
  keys: readonly string[],
): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(options).filter(([key]) => !keys.includes(key)),
  );
}
