import {
  BadGatewayException,
  GatewayTimeoutException,
  HttpStatus,
  ServiceUnavailableException,
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
export const STRATEGY_TIMEOUT_MESSAGE =
  'The Pandium link could not be prepared in time because a server-side provider did not answer. Try again later.';
/** @internal */
export const RATE_LIMIT_UNAVAILABLE_MESSAGE =
  'The Pandium link could not be prepared because the request budget could not be checked. Try again later.';
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
    /** `timeout` answers 504; the others 502. */
    readonly reason: 'failed' | 'invalid-output' | 'timeout',
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }

  /** The strategy did not answer in time. */
  static timedOut(strategy: string, timeoutMs: number): PandiumStrategyError {
    return new PandiumStrategyError(
      strategy,
      'timeout',
      `${strategy} did not answer within ${timeoutMs} ms (strategyTimeoutMs). Check what it waits on.`,
    );
  }

  /** The strategy threw or rejected. */
  static failed(strategy: string, cause: unknown): PandiumStrategyError {
    const reason =
      cause instanceof Error
        ? `${cause.name}: ${cause.message}`
        : 'a non-Error value was thrown';
    return new PandiumStrategyError(
      strategy,
      'failed',
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
      'invalid-output',
      `${strategy} returned invalid output: ${formatProblems(problems).join('; ')}. Fix the ${strategy} implementation.`,
    );
  }
}

/**
 * The signed token is larger than `maxTokenBytes`: a URL that long gets cut by proxies and browsers.
 * Logged server-side; the client sees a {@link PandiumStrategyFailedException} (502).
 *
 * @publicApi
 */
export class PandiumTokenTooLargeError extends PandiumEmbedError {
  static over(bytes: number, maxBytes: number): PandiumTokenTooLargeError {
    return new PandiumTokenTooLargeError(
      `The signed token is ${bytes} bytes, over maxTokenBytes (${maxBytes}): a URL that long gets cut by proxies. ` +
        'Send fewer or shorter xti extras or ili entries, or a shorter connector token.',
    );
  }
}

/** The JSON body of a 5xx answer: a fixed message and the id of the server log line. @internal */
function problemBody(
  status: HttpStatus,
  error: string,
  message: string,
  correlationId: string,
): object {
  return { statusCode: status, error, message, correlationId };
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
 * 502: a strategy failed or returned invalid output; the details are in the server log line that carries the
 * same `correlationId`, not in the response.
 *
 * @publicApi
 */
export class PandiumStrategyFailedException extends BadGatewayException {
  constructor(readonly correlationId: string) {
    super(
      problemBody(
        HttpStatus.BAD_GATEWAY,
        'Bad Gateway',
        STRATEGY_FAILED_MESSAGE,
        correlationId,
      ),
    );
  }
}

/**
 * 504: a strategy did not answer within `strategyTimeoutMs`.
 *
 * @publicApi
 */
export class PandiumStrategyTimeoutException extends GatewayTimeoutException {
  constructor(readonly correlationId: string) {
    super(
      problemBody(
        HttpStatus.GATEWAY_TIMEOUT,
        'Gateway Timeout',
        STRATEGY_TIMEOUT_MESSAGE,
        correlationId,
      ),
    );
  }
}

/**
 * 503: the rate-limit store failed (e.g. a shared store is unreachable), so no token is signed unchecked.
 *
 * @publicApi
 */
export class PandiumRateLimitUnavailableException extends ServiceUnavailableException {
  constructor(readonly correlationId: string) {
    super(
      problemBody(
        HttpStatus.SERVICE_UNAVAILABLE,
        'Service Unavailable',
        RATE_LIMIT_UNAVAILABLE_MESSAGE,
        correlationId,
      ),
    );
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
