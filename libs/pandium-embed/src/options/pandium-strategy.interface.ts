import type { InjectionToken, Type } from '@nestjs/common';

/**
 * A strategy the host app supplies: a class to instantiate, or an existing provider (by token) to reuse,
 * or a ready value.
 *
 * @publicApi
 */
export type PandiumStrategy<T> =
  | Type<T>
  | { useClass: Type<T> }
  | { useExisting: InjectionToken }
  | { useValue: T };
