import type { ValidationProblem } from './validation-problems.util.js';

/**
 * How one wiring option is checked: strategies, guards, hook functions, a clock, modules. These are the host app's
 * classes and instances, so they get a plain presence-and-shape check here instead of class-validator (which would
 * copy them, rebuilding class instances by calling their constructors without arguments). What they do is Nest's
 * and TypeScript's to check.
 *
 * @internal
 */
export interface WiringRule {
  /** A missing value is a problem too. */
  readonly required?: boolean;
  /** What is wrong with the value, or `undefined`; says nothing about the value itself. */
  problem(value: unknown): string | undefined;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/** A class, or exactly one of `{ useClass }`, `{ useExisting }`, `{ useValue }`. */
function isStrategy(value: unknown): boolean {
  return (
    typeof value === 'function' ||
    (isObject(value) &&
      Object.keys(value).length === 1 &&
      (typeof value.useClass === 'function' ||
        value.useExisting !== undefined ||
        'useValue' in value))
  );
}

const STRATEGY_PROBLEM =
  'must be a class, or exactly one of { useClass }, { useExisting }, { useValue }';

/** An optional strategy (see {@link PandiumStrategy}). @internal */
export const STRATEGY_RULE: WiringRule = {
  problem: (value) => (isStrategy(value) ? undefined : STRATEGY_PROBLEM),
};

/** A strategy the module cannot work without. @internal */
export const REQUIRED_STRATEGY_RULE: WiringRule = {
  ...STRATEGY_RULE,
  required: true,
};

/** A list (of guards, of modules); its items are Nest's to check. @internal */
export const LIST_RULE: WiringRule = {
  problem: (value) => (Array.isArray(value) ? undefined : 'must be an array'),
};

/**
 * A function, described in the message by its expected shape (e.g. `(user) => key`).
 *
 * @internal
 */
export function functionRule(shape: string): WiringRule {
  return {
    problem: (value) =>
      typeof value === 'function' ? undefined : `must be a function ${shape}`,
  };
}

/** An object with a `now()` method, such as a {@link PandiumClock}. @internal */
export const CLOCK_RULE: WiringRule = {
  problem: (value) =>
    isObject(value) && typeof value.now === 'function'
      ? undefined
      : 'must be an object with a now() method',
};

/**
 * Checks the wiring options of `options` named in `rules`, each problem under `prefix` + its key. Other keys are
 * left alone: the data options' schema checks them.
 *
 * @internal
 */
export function checkWiring(
  options: object,
  rules: Readonly<Record<string, WiringRule>>,
  prefix = '',
): ValidationProblem[] {
  return Object.entries(rules).flatMap(([key, rule]) => {
    const value = (options as Record<string, unknown>)[key];
    if (value === undefined && rule.required !== true) {
      return [];
    }
    const message = rule.problem(value);
    return message === undefined ? [] : [{ path: `${prefix}${key}`, message }];
  });
}
