import {
  BadGatewayException,
  GatewayTimeoutException,
  GoneException,
  HttpStatus,
  ServiceUnavailableException,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import { types } from 'node:util';
import type { ValidationProblem } from '../options/validation-problems.util.js';
import { formatProblems } from '../options/validation-problems.util.js';

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
/** @internal */
export const LAUNCH_TICKET_NOT_FOUND_MESSAGE =
  'This Pandium link is not valid. Open it again from the app.';
/** @internal */
export const LAUNCH_TICKET_USED_MESSAGE =
  'This Pandium link has already been used: each link opens Pandium once. Open it again from the app.';
/** @internal */
export const LAUNCH_TICKET_EXPIRED_MESSAGE =
  'This Pandium link has expired. Open it again from the app.';
/** @internal */
export const LAUNCH_UNAVAILABLE_MESSAGE =
  'Pandium cannot be opened right now because the launch ticket store is unavailable. Try again later.';

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

  /** Two registrations in one app carry the same `name`. */
  static duplicateInstanceName(name: string): PandiumOptionsError {
    const line = `name: "${name}" is registered more than once; give each PandiumEmbedModule instance its own name`;
    return new PandiumOptionsError(
      `Invalid PandiumEmbedModule options:\n  - ${line}. To use one instance in several modules, register it once ` +
        'and import that module (or set isGlobal).',
      [line],
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
    return new PandiumStrategyError(
      strategy,
      'failed',
      `${strategy} failed (${describeThrown(cause)}).`,
      { cause },
    );
  }

  /** The {@link PandiumInstanceSelector} chose a name that no `PandiumEmbedModule` instance has. */
  static unknownInstance(name: string): PandiumStrategyError {
    return new PandiumStrategyError(
      'PandiumInstanceSelector',
      'failed',
      `PandiumInstanceSelector chose instance "${name}", but no PandiumEmbedModule is registered with that name. ` +
        'Register it with forRoot({ name }) or forRootAsync({ name }), or fix the selector.',
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

/**
 * Loading the catalog from Pandium's REST API failed. {@link PandiumApiIntegrationCatalog} logs it as a warning
 * and keeps serving its last good copy; with no good copy yet, `listIntegrations` rejects with it (a logged 502).
 * Messages name the request and the cause (status code, time-out, malformed JSON), never the API key.
 *
 * @publicApi
 */
export class PandiumApiError extends PandiumEmbedError {
  /** The HTTP status Pandium answered, for `reason: 'status'`. */
  readonly status: number | undefined;

  private constructor(
    /** Why the load failed. */
    readonly reason:
      | 'status'
      | 'timeout'
      | 'network'
      | 'malformed-json'
      | 'invalid-response'
      | 'too-many-pages'
      | 'shut-down',
    message: string,
    options?: ErrorOptions,
    status?: number,
  ) {
    super(message, options);
    this.status = status;
  }

  /** Pandium answered with a status other than 2xx. */
  static badStatus(request: string, status: number): PandiumApiError {
    const advice =
      status === 401 || status === 403
        ? 'Check apiKey, and that it belongs to this environment.'
        : status >= 500 || status === 429
          ? 'Pandium may be unavailable; the catalog tries again later.'
          : 'Check environment and apiBaseUrl.';
    return new PandiumApiError(
      'status',
      `Pandium's API answered ${status} to ${request}. ${advice}`,
      undefined,
      status,
    );
  }

  /** No full answer within `requestTimeoutMs`. */
  static timedOut(request: string, timeoutMs: number): PandiumApiError {
    return new PandiumApiError(
      'timeout',
      `${request} timed out: Pandium's API did not answer within ${timeoutMs} ms (requestTimeoutMs).`,
    );
  }

  /** The request did not reach Pandium (DNS, refused connection, TLS, a redirect). */
  static network(request: string, cause: unknown): PandiumApiError {
    return new PandiumApiError(
      'network',
      `${request} failed (${describeWithCause(cause)}). Check apiBaseUrl and the network.`,
      { cause },
    );
  }

  /** The body is not JSON. */
  static malformedJson(request: string): PandiumApiError {
    return new PandiumApiError(
      'malformed-json',
      `Pandium's API answered ${request} with malformed JSON.`,
    );
  }

  /** The body is JSON, but holds no list of integrations. */
  static invalidResponse(request: string): PandiumApiError {
    return new PandiumApiError(
      'invalid-response',
      `Pandium's API answered ${request} with an unexpected shape: ` +
        'expected a list of integrations, or an object holding one under data, results or items.',
    );
  }

  /** The list did not end within the page cap (an API that ignores `skip` would repeat a page forever). */
  static tooManyPages(maxPages: number, pageSize: number): PandiumApiError {
    return new PandiumApiError(
      'too-many-pages',
      `Pandium's API listed more than ${maxPages} pages of ${pageSize} integrations; ` +
        'stopped reading, as the API may be ignoring skip.',
    );
  }

  /** The application shut down: a load under way was aborted, and no new one starts. */
  static shutDown(): PandiumApiError {
    return new PandiumApiError(
      'shut-down',
      "The integration catalog has shut down: it no longer loads from Pandium's API.",
    );
  }
}

/**
 * What was thrown, for a log line: an error's name and message, or that it was no error at all.
 *
 * @internal
 */
export function describeThrown(thrown: unknown): string {
  // isNativeError as well as instanceof: errors may come from another realm (fetch's, a test runner's VM context).
  return thrown instanceof Error || types.isNativeError(thrown)
    ? `${thrown.name}: ${thrown.message}`
    : 'a non-Error value was thrown';
}

/** {@link describeThrown}, plus the underlying cause that Node's `fetch failed` carries. */
function describeWithCause(error: unknown): string {
  const own = describeThrown(error);
  return types.isNativeError(error) && types.isNativeError(error.cause)
    ? `${own}: ${error.cause.message}`
    : own;
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
 * 404: a launch ticket this app did not issue: malformed, tampered with, or made with another shared secret.
 *
 * @publicApi
 */
export class PandiumLaunchTicketNotFoundException extends NotFoundException {
  constructor() {
    super(LAUNCH_TICKET_NOT_FOUND_MESSAGE);
  }
}

/**
 * 410: a launch ticket this app issued that can no longer be redeemed: it was used (`reason: 'used'`; tickets work
 * once) or it expired (`reason: 'expired'`).
 *
 * @publicApi
 */
export class PandiumLaunchTicketGoneException extends GoneException {
  constructor(readonly reason: 'used' | 'expired') {
    super(
      reason === 'used'
        ? LAUNCH_TICKET_USED_MESSAGE
        : LAUNCH_TICKET_EXPIRED_MESSAGE,
    );
  }
}

/**
 * 503: the launch ticket store failed (e.g. Redis is unreachable), so no ticket is issued or redeemed; the
 * JSON URL routes do not use the store.
 *
 * @publicApi
 */
export class PandiumLaunchUnavailableException extends ServiceUnavailableException {
  constructor(readonly correlationId: string) {
    super(
      problemBody(
        HttpStatus.SERVICE_UNAVAILABLE,
        'Service Unavailable',
        LAUNCH_UNAVAILABLE_MESSAGE,
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
