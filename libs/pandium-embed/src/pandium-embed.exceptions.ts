import {
  BadGatewayException,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import type { ValidationProblem } from './utils/validation-problems.util.js';
import { formatProblems } from './utils/validation-problems.util.js';

/** @internal */
export const INTEGRATION_NOT_FOUND_MESSAGE =
  'No integration with this id is available to you.';
/** @internal */
export const STRATEGY_FAILED_MESSAGE =
  'The Pandium link could not be prepared because a server-side provider failed. Try again later.';
/** @internal */
export const UNAUTHENTICATED_MESSAGE = 'Sign in to open Pandium.';

/**
 * Base class of the library's non-HTTP errors (bad options at boot, failing strategies).
 * Messages name fields and strategies, never a secret, a signed token or a connector token.
 *
 * @publicApi
 */
export class PandiumEmbedError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * Bad module options or environment variables. Thrown at start-up; lists every problem with its field.
 *
 * @publicApi
 */
export class PandiumOptionsError extends PandiumEmbedError {
  /** The problems found, each naming its field. */
  readonly problems: readonly string[];

  private constructor(message: string, problems: string[]) {
    super(message);
    this.problems = problems;
  }

  /**
   * @param source what was checked, e.g. `PandiumEmbedModule options` or `environment`.
   * @param problems what is wrong, each naming its field.
   */
  static invalid(
    source: string,
    problems: ValidationProblem[],
  ): PandiumOptionsError {
    const lines = formatProblems(problems);
    return new PandiumOptionsError(
      `Invalid ${source}:\n${lines.map((line) => `  - ${line}`).join('\n')}`,
      lines,
    );
  }
}

/**
 * A host app strategy (`ClaimsProvider`, `TokenProvider`, `IntegrationCatalog`) threw or returned invalid
 * output. Logged server-side; the client sees a {@link PandiumStrategyFailedException} (502).
 *
 * @publicApi
 */
export class PandiumStrategyError extends PandiumEmbedError {
  private constructor(
    readonly strategy: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }

  /** The strategy threw or rejected. */
  static failed(strategy: string, cause: unknown): PandiumStrategyError {
    const reason =
      cause instanceof Error
        ? `${cause.name}: ${cause.message}`
        : 'a non-Error value was thrown';
    return new PandiumStrategyError(
      strategy,
      `${strategy} failed (${reason}).`,
      { cause },
    );
  }

  /** The strategy's output does not fit Pandium's claims; each problem names the field. */
  static invalidOutput(
    strategy: string,
    problems: ValidationProblem[],
  ): PandiumStrategyError {
    return new PandiumStrategyError(
      strategy,
      `${strategy} returned invalid output: ${formatProblems(problems).join('; ')}. Fix the ${strategy} implementation.`,
    );
  }
}

/**
 * 404: the integration id is not in this user's catalog.
 *
 * @publicApi
 */
export class PandiumIntegrationNotFoundException extends NotFoundException {
  constructor() {
    super(INTEGRATION_NOT_FOUND_MESSAGE);
  }
}

/**
 * 502: a strategy failed; the details are in the server log, not in the response.
 *
 * @publicApi
 */
export class PandiumStrategyFailedException extends BadGatewayException {
  constructor() {
    super(STRATEGY_FAILED_MESSAGE);
  }
}

/**
 * 401: the request carries no authenticated user.
 *
 * @publicApi
 */
export class PandiumUnauthenticatedException extends UnauthorizedException {
  constructor() {
    super(UNAUTHENTICATED_MESSAGE);
  }
}
