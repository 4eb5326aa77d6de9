import type { ValidationProblem } from './validation-problems.util.js';

/**
 * Key names every plain object answers without owning them: `Object.prototype`'s members, `__proto__` among them.
 * As an own key of data (`JSON.parse` makes one of any name) each misleads the code that copies it: a copy made by
 * assignment drops `toString` or `__proto__` (the latter even replaces the copy's prototype), and class-transformer
 * takes an own `constructor` for the object's class and throws.
 *
 * @internal
 */
export const INHERITED_KEYS: ReadonlySet<string> = new Set([
  ...Object.getOwnPropertyNames(Object.prototype),
  '__proto__',
]);

/** Beyond this depth the walk stops: the schemas' own depth limits refuse such input anyway. */
const MAX_DEPTH = 32;

const MESSAGE =
  'is named after a member of Object.prototype, which every object inherits, so the key would be lost or misread: use another name';

/**
 * Every own key of `input`'s plain objects (at any depth, through arrays) that is in {@link INHERITED_KEYS}, as a
 * problem whose path names it (`ti.xti.constructor`); none for input without such keys.
 *
 * @internal
 */
export function inheritedKeyProblems(input: unknown): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  walk(input, '', 0, new Set(), (path) =>
    problems.push({ path, message: MESSAGE }),
  );
  return problems;
}

/**
 * A copy of `input` without the keys {@link inheritedKeyProblems} names: plain objects and arrays copied, every other
 * value as it is. For handing the rest of an input to class-transformer, which would throw on them.
 *
 * @internal
 */
export function withoutInheritedKeys(input: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH) {
    return input;
  }
  if (Array.isArray(input)) {
    return input.map((item) => withoutInheritedKeys(item, depth + 1));
  }
  if (!isPlainObject(input)) {
    return input;
  }
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(input)) {
    if (!INHERITED_KEYS.has(key)) {
      copy[key] = withoutInheritedKeys(input[key], depth + 1);
    }
  }
  return copy;
}

function walk(
  value: unknown,
  path: string,
  depth: number,
  seen: Set<object>,
  found: (path: string) => void,
): void {
  if (
    depth > MAX_DEPTH ||
    !(Array.isArray(value) || isPlainObject(value)) ||
    seen.has(value)
  ) {
    return;
  }
  seen.add(value);
  const keys = Array.isArray(value) ? value.keys() : Object.keys(value);
  for (const key of keys) {
    const child = path === '' ? `${key}` : `${path}.${key}`;
    if (typeof key === 'string' && INHERITED_KEYS.has(key)) {
      found(child);
    } else {
      walk(
        (value as Record<string | number, unknown>)[key],
        child,
        depth + 1,
        seen,
        found,
      );
    }
  }
}

/** An object of data: made by a literal or `JSON.parse`, or without a prototype. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
