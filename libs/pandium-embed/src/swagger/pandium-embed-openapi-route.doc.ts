import type { Type } from '@nestjs/common';
import type {
  ApiBodyOptions,
  ApiParamOptions,
  ApiResponseOptions,
} from '@nestjs/swagger';

/**
 * The route handlers of a controller class: its public methods. A route added to one of the library's controllers
 * is a compile error in {@link PANDIUM_CONTROLLER_DOCS} until it is documented there.
 *
 * @internal
 */
export type PandiumRouteName<C> = {
  [K in keyof C]: C[K] extends (...args: never[]) => unknown ? K : never;
}[keyof C];

/** The error statuses the library's own guards, pipes, filter and service answer. @internal */
export type PandiumErrorStatus =
  400 | 401 | 403 | 404 | 410 | 413 | 429 | 501 | 502 | 503 | 504;

/** The OpenAPI description of one route. @internal */
export interface PandiumRouteDoc {
  summary: string;
  description: string;
  /** The answer when all goes well, with its status. */
  success: ApiResponseOptions & { status: number };
  /** What each error status means on this route (the host app's guards may add their own, e.g. 403). */
  errors: Partial<Record<PandiumErrorStatus, string>>;
  /**
   * How errors answer: a JSON `PandiumErrorResponseDto`, or an HTML page (the launch routes are an iframe's `src`,
   * so the iframe shows it).
   *
   * @default 'json'
   */
  errorBody?: 'json' | 'html';
  /** Path parameters that no DTO describes. */
  params?: ApiParamOptions[];
  /** Whether a 503 carries `Retry-After` (Pandium's API was busy), as every 429 does. */
  retryAfterOn503?: boolean;
  /** A request body that no DTO describes. */
  body?: ApiBodyOptions;
}

/** The OpenAPI description of one of the library's controllers. @internal */
export interface PandiumControllerDoc {
  controller: Type;
  /** Whether its routes run the host app's guards, and so take the `security` option. */
  authenticated: boolean;
  routes: Record<string, PandiumRouteDoc>;
}

/** A controller's doc, type-checked against its route handlers. @internal */
export function describeController<C>(
  controller: Type<C>,
  authenticated: boolean,
  routes: Record<PandiumRouteName<C>, PandiumRouteDoc>,
): PandiumControllerDoc {
  return { controller, authenticated, routes };
}
