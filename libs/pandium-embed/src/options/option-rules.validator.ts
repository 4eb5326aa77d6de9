import { applyDecorators } from '@nestjs/common';
import type { ClassConstructor } from 'class-transformer';
import { Type } from 'class-transformer';
import {
  IsInt,
  IsObject,
  IsOptional,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

/**
 * A whole number from `min` to `max` `unit`, with messages that say so: `must be a whole number of <unit>`,
 * `must be from <min> to <max> <unit>`.
 *
 * @internal
 */
export function IsWholeNumberFrom(
  min: number,
  max: number,
  unit: string,
): PropertyDecorator {
  const range = `must be from ${min} to ${max} ${unit}`;
  return applyDecorators(
    IsInt({ message: `must be a whole number of ${unit}` }),
    Min(min, { message: range }),
    Max(max, { message: range }),
  );
}

/**
 * A route path of URL-safe segments (`pandium`, `/api/pandium/`), e.g. `controller.path` and `webhooks.path`.
 *
 * @internal
 */
export function IsRoutePath(): PropertyDecorator {
  // Each segment must end in `/` except the last, so the pattern cannot backtrack exponentially on a bad path.
  return Matches(/^\/?([A-Za-z0-9._~-]+\/)*[A-Za-z0-9._~-]*$/, {
    message: 'must be a route path of letters, digits, "-", "_", "." and "/"',
  });
}

/**
 * `false`, or an object checked against `schema` (its problems under this option's path), e.g. `rateLimit`.
 *
 * @param message what the option must be, e.g. `must be false or { limit, windowSeconds }`.
 * @internal
 */
export function IsFalseOr(
  schema: () => ClassConstructor<object>,
  message: string,
): PropertyDecorator {
  return (target, property) => {
    for (const decorate of [
      ValidateIf(
        (settings: Record<string | symbol, unknown>) =>
          settings[property] !== false,
      ),
      IsObject({ message }),
      ValidateNested(),
      Type(schema),
    ]) {
      decorate(target, property);
    }
  };
}

/**
 * Declares a schema's optional options, each with its rule: a missing option passes, a given one must satisfy it.
 * One table per schema, so the optional options and their bounds read at a glance.
 *
 * @example
 * @OptionalOptions({ environment: IsPandiumEnvironment(), ttlSeconds: IsWholeNumberFrom(1, 86400, 'seconds') })
 * class CatalogOptionsSchema {}
 * @internal
 */
export function OptionalOptions(
  rules: Readonly<Record<string, PropertyDecorator>>,
): ClassDecorator {
  return (schema) => {
    for (const [option, rule] of Object.entries(rules)) {
      IsOptional()(schema.prototype as object, option);
      rule(schema.prototype as object, option);
    }
  };
}
