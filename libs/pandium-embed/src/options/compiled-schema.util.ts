import type { ClassConstructor } from 'class-transformer';
import { plainToInstance } from 'class-transformer';
import type { ValidationArguments } from 'class-validator';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import type { ValidationProblem } from './validation-problems.util.js';
import { INHERITED_KEYS } from './inherited-keys.util.js';
import { explainRefusal, uncheckable } from './schema-refusal.util.js';

/**
 * What a compiled schema answers: a plain copy of the input's schema fields when valid, else every problem.
 *
 * @internal
 */
export type CompiledParseResult<T> =
  | { value: T; problems: [] }
  | { value: undefined; problems: ValidationProblem[] };

/** Checks one value and returns its copy, or {@link INVALID}. */
type ValueCheck = (value: unknown) => unknown;

/** Checks one field of `object` and returns the value's copy, or {@link INVALID}. */
type FieldCheck = (value: unknown, object: object) => unknown;

/** The `object` of a constraint's arguments between calls. */
const NO_OBJECT = Object.freeze({});

/** What a check answers for a value the class-validator schema refuses. */
const INVALID = Symbol('invalid');

type ValidationMetadata = ReturnType<
  ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']
>[number];

/**
 * Compiles a class-validator class once into a function that checks a plain input by the same rules as
 * {@link parseWith} (`whitelist`, unknown keys refused unless `allowUnknownKeys`), for inputs checked on every
 * request. The class stays the one definition of the rules: compiling reads its decorators' metadata once and
 * keeps each constraint's own `validate`, so no request walks the metadata, builds a class instance or a
 * `ValidationError`. A refused input is handed to {@link parseWith} (through {@link explainRefusal}), so the
 * problems (and their messages) are class-validator's own. An own key named after `Object.prototype`'s members is
 * refused anywhere, and a throw while checking (a getter, a proxy) is a problem too: the answer is never an exception.
 *
 * The valid answer is a plain copy of the input's schema fields (arrays and plain objects copied, unknown keys
 * left out), read once, so nothing the caller does to the input afterwards changes what was checked.
 *
 * @internal
 */
export function compileSchema<T extends object>(
  schema: ClassConstructor<T>,
  { allowUnknownKeys = false }: { allowUnknownKeys?: boolean } = {},
): (input: unknown) => CompiledParseResult<T> {
  const check = compileClass(schema, allowUnknownKeys, new Map());
  return (input) => {
    try {
      const copy =
        typeof input === 'object' && input !== null && !Array.isArray(input)
          ? check(input)
          : INVALID;
      return copy === INVALID
        ? explainRefusal(schema, input, allowUnknownKeys)
        : { value: copy as T, problems: [] };
    } catch (thrown) {
      return uncheckable(thrown);
    }
  };
}

function compileClass(
  schema: ClassConstructor<object>,
  allowUnknownKeys: boolean,
  compiled: Map<ClassConstructor<object>, ValueCheck>,
): ValueCheck {
  const known = compiled.get(schema);
  if (known !== undefined) {
    return known;
  }
  // Filled in below; a recursive schema refers to itself through the map.
  let fields: { name: string; check: FieldCheck }[] = [];
  let names = new Set<string>();
  const check: ValueCheck = (input) => {
    if (!(input instanceof Object)) {
      return INVALID;
    }
    const record = input as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      // An unknown key is left out of the copy when allowed, but one named after Object.prototype's members is
      // refused everywhere, so both paths judge it alike (class-transformer throws on `constructor`).
      if (allowUnknownKeys ? INHERITED_KEYS.has(key) : !names.has(key)) {
        return INVALID;
      }
    }
    const copy: Record<string, unknown> = {};
    for (const { name, check: checkField } of fields) {
      // class-transformer copies own enumerable keys only; an inherited one counts as absent, as before.
      const value = Object.hasOwn(record, name) ? record[name] : undefined;
      const checked = checkField(value, record);
      if (checked === INVALID) {
        return INVALID;
      }
      if (checked !== undefined || Object.hasOwn(record, name)) {
        copy[name] = checked;
      }
    }
    return copy;
  };
  compiled.set(schema, check);
  const storage = getMetadataStorage();
  const grouped = storage.groupByPropertyName(
    storage.getTargetValidationMetadatas(schema, '', true, false),
  );
  if (Object.keys(grouped).length === 0) {
    // class-validator refuses a nested object without rules (forbidUnknownValues).
    return () => INVALID;
  }
  fields = Object.entries(grouped)
    .filter(([, metadatas]) =>
      metadatas.some(({ type }) => type !== ValidationTypes.WHITELIST),
    )
    .map(([name, metadatas]) => ({
      name,
      check: compileField(schema, name, metadatas, allowUnknownKeys, compiled),
    }));
  names = new Set(fields.map(({ name }) => name));
  return check;
}

function compileField(
  schema: ClassConstructor<object>,
  name: string,
  metadatas: ValidationMetadata[],
  allowUnknownKeys: boolean,
  compiled: Map<ClassConstructor<object>, ValueCheck>,
): FieldCheck {
  const storage = getMetadataStorage();
  const ofType = (type: string): ValidationMetadata[] =>
    metadatas.filter((metadata) => metadata.type === type);
  const conditions = ofType(ValidationTypes.CONDITIONAL_VALIDATION);
  const constraints = [
    ...ofType(ValidationTypes.IS_DEFINED),
    ...ofType(ValidationTypes.CUSTOM_VALIDATION),
  ].flatMap((metadata) =>
    storage
      .getTargetValidatorConstraints(metadata.constraintCls)
      .map(({ instance }) =>
        constraintCheck(
          metadata,
          (value, args) =>
            (
              instance as {
                validate(value: unknown, args: ValidationArguments): unknown;
              }
            ).validate(value, args) === true,
        ),
      ),
  );
  const nested =
    ofType(ValidationTypes.NESTED_VALIDATION).length > 0
      ? nestedCheck(nestedSchemaOf(schema, name), allowUnknownKeys, compiled)
      : undefined;
  return (value, object) => {
    for (const condition of conditions) {
      // `@IsOptional()` and its kind: a false condition skips every other rule of the field.
      if (
        !(
          condition.constraints[0] as (
            object: object,
            value: unknown,
          ) => boolean
        )(object, value)
      ) {
        return value;
      }
    }
    for (const constraint of constraints) {
      if (!constraint(value, name, object)) {
        return INVALID;
      }
    }
    return nested === undefined ? copyPlain(value) : nested(value);
  };
}

/** One constraint of a field, as class-validator applies it (to each item under `each`). */
function constraintCheck(
  metadata: ValidationMetadata,
  validate: (value: unknown, args: ValidationArguments) => boolean,
): (value: unknown, property: string, object: object) => boolean {
  // One arguments object per constraint, refilled per call: the checks are synchronous and never re-entered.
  const args: ValidationArguments = {
    targetName: '',
    property: '',
    object: NO_OBJECT,
    value: undefined,
    constraints: metadata.constraints as unknown[],
  };
  return (value, property, object) => {
    args.targetName = object.constructor?.name ?? '';
    args.property = property;
    args.object = object;
    args.value = value;
    const valid =
      metadata.each === true && value instanceof Array
        ? value.every((item) => validate(item, args))
        : validate(value, args);
    // Let go of the input: nothing here should keep a strategy's output alive.
    args.object = NO_OBJECT;
    args.value = undefined;
    return valid;
  };
}

/**
 * `@ValidateNested()`: undefined passes, an object is checked by the nested class, an array item by item. Rarer
 * shapes class-validator also walks (a Set, a Map, arrays in arrays) are left to it: refused here, so
 * {@link parseWith} decides.
 */
function nestedCheck(
  nestedSchema: ClassConstructor<object> | undefined,
  allowUnknownKeys: boolean,
  compiled: Map<ClassConstructor<object>, ValueCheck>,
): ValueCheck {
  const checkObject: ValueCheck =
    nestedSchema === undefined
      ? () => INVALID
      : compileClass(nestedSchema, allowUnknownKeys, compiled);
  const isObject = (value: unknown): boolean =>
    value instanceof Object &&
    !Array.isArray(value) &&
    !(value instanceof Set) &&
    !(value instanceof Map);
  return (value) => {
    if (value === undefined) {
      return undefined;
    }
    if (!Array.isArray(value)) {
      return isObject(value) ? checkObject(value) : INVALID;
    }
    const copies: unknown[] = [];
    for (const item of value) {
      const copy = isObject(item) ? checkObject(item) : INVALID;
      if (copy === INVALID) {
        return INVALID;
      }
      copies.push(copy);
    }
    return copies;
  };
}

/** The class `@Type()` gives a nested field, found as class-transformer itself finds it. */
function nestedSchemaOf(
  schema: ClassConstructor<object>,
  name: string,
): ClassConstructor<object> | undefined {
  for (const probe of [{}, [{}]]) {
    const made = (
      plainToInstance(schema, { [name]: probe }) as Record<string, unknown>
    )[name];
    const item = Array.isArray(made) ? (made[0] as unknown) : made;
    if (
      item instanceof Object &&
      item.constructor !== Object &&
      item.constructor !== Array
    ) {
      return item.constructor as ClassConstructor<object>;
    }
  }
  return undefined;
}

/**
 * A copy of a value made of arrays and plain objects; anything else as it is. {@link INVALID} when a plain object
 * owns a key named after `Object.prototype`'s members: the copy would lose it (`copy.__proto__ = …` even replaces
 * the copy's prototype), and the token would be signed without it.
 */
function copyPlain(value: unknown): unknown {
  if (Array.isArray(value)) {
    const copies = value.map(copyPlain);
    return copies.includes(INVALID) ? INVALID : copies;
  }
  if (
    typeof value === 'object' &&
    value !== null &&
    Object.getPrototypeOf(value) === Object.prototype
  ) {
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const item = INHERITED_KEYS.has(key)
        ? INVALID
        : copyPlain((value as Record<string, unknown>)[key]);
      if (item === INVALID) {
        return INVALID;
      }
      copy[key] = item;
    }
    return copy;
  }
  return value;
}
