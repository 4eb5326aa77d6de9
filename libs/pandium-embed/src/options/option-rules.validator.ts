import { applyDecorators } from '@nestjs/common';
import { IsInt, Max, Min, ValidateBy } from 'class-validator';

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
 * A function, described in the message by its expected shape (e.g. `(user) => key`).
 *
 * @internal
 */
export function IsFunctionOption(shape: string): PropertyDecorator {
  return ValidateBy({
    name: 'isFunction',
    validator: {
      validate: (value: unknown) => typeof value === 'function',
      defaultMessage: () => `must be a function ${shape}`,
    },
  });
}
