import { HttpException, HttpStatus } from '@nestjs/common';
import type { PandiumHttpErrorCode } from './pandium-error.codes.js';
import {
  INTEGRATION_NOT_FOUND_MESSAGE,
  LAUNCH_FAILED_MESSAGE,
  LAUNCH_METHOD_NOT_ALLOWED_MESSAGE,
  LAUNCH_TICKET_EXPIRED_MESSAGE,
  LAUNCH_TICKET_NOT_FOUND_MESSAGE,
  LAUNCH_TICKET_USED_MESSAGE,
  LAUNCH_UNAVAILABLE_MESSAGE,
  RATE_LIMIT_UNAVAILABLE_MESSAGE,
  RATE_LIMITED_MESSAGE,
  STRATEGY_FAILED_MESSAGE,
  STRATEGY_TIMEOUT_MESSAGE,
  UNAUTHENTICATED_MESSAGE,
} from './pandium-error.messages.js';

/**
 * The status each code answers, and its fixed message (a 400 names the problem itself): a code always answers the
 * same status.
 *
 * @internal
 */
export const PANDIUM_HTTP_ERRORS: Readonly<
  Record<PandiumHttpErrorCode, { status: HttpStatus; message?: string }>
> = {
  PANDIUM_REQUEST_INVALID: { status: HttpStatus.BAD_REQUEST },
  PANDIUM_UNAUTHENTICATED: {
    status: HttpStatus.UNAUTHORIZED,
    message: UNAUTHENTICATED_MESSAGE,
  },
  PANDIUM_INTEGRATION_NOT_FOUND: {
    status: HttpStatus.NOT_FOUND,
    message: INTEGRATION_NOT_FOUND_MESSAGE,
  },
  PANDIUM_LAUNCH_TICKET_NOT_FOUND: {
    status: HttpStatus.NOT_FOUND,
    message: LAUNCH_TICKET_NOT_FOUND_MESSAGE,
  },
  PANDIUM_LAUNCH_METHOD_NOT_ALLOWED: {
    status: HttpStatus.METHOD_NOT_ALLOWED,
    message: LAUNCH_METHOD_NOT_ALLOWED_MESSAGE,
  },
  PANDIUM_LAUNCH_TICKET_USED: {
    status: HttpStatus.GONE,
    message: LAUNCH_TICKET_USED_MESSAGE,
  },
  PANDIUM_LAUNCH_TICKET_EXPIRED: {
    status: HttpStatus.GONE,
    message: LAUNCH_TICKET_EXPIRED_MESSAGE,
  },
  PANDIUM_RATE_LIMIT_EXCEEDED: {
    status: HttpStatus.TOO_MANY_REQUESTS,
    message: RATE_LIMITED_MESSAGE,
  },
  PANDIUM_LAUNCH_FAILED: {
    status: HttpStatus.INTERNAL_SERVER_ERROR,
    message: LAUNCH_FAILED_MESSAGE,
  },
  PANDIUM_STRATEGY_FAILED: {
    status: HttpStatus.BAD_GATEWAY,
    message: STRATEGY_FAILED_MESSAGE,
  },
  PANDIUM_RATE_LIMIT_UNAVAILABLE: {
    status: HttpStatus.SERVICE_UNAVAILABLE,
    message: RATE_LIMIT_UNAVAILABLE_MESSAGE,
  },
  PANDIUM_LAUNCH_UNAVAILABLE: {
    status: HttpStatus.SERVICE_UNAVAILABLE,
    message: LAUNCH_UNAVAILABLE_MESSAGE,
  },
  PANDIUM_STRATEGY_TIMEOUT: {
    status: HttpStatus.GATEWAY_TIMEOUT,
    message: STRATEGY_TIMEOUT_MESSAGE,
  },
};

/** The body's `error`: the reason phrase of each status the library answers, as Nest's exceptions give it. */
const REASON_PHRASES: Partial<Record<HttpStatus, string>> = {
  [HttpStatus.BAD_REQUEST]: 'Bad Request',
  [HttpStatus.UNAUTHORIZED]: 'Unauthorized',
  [HttpStatus.NOT_FOUND]: 'Not Found',
  [HttpStatus.METHOD_NOT_ALLOWED]: 'Method Not Allowed',
  [HttpStatus.GONE]: 'Gone',
  [HttpStatus.TOO_MANY_REQUESTS]: 'Too Many Requests',
  [HttpStatus.INTERNAL_SERVER_ERROR]: 'Internal Server Error',
  [HttpStatus.BAD_GATEWAY]: 'Bad Gateway',
  [HttpStatus.SERVICE_UNAVAILABLE]: 'Service Unavailable',
  [HttpStatus.GATEWAY_TIMEOUT]: 'Gateway Timeout',
};

/**
 * Every code a {@link PandiumHttpException} may carry, in status order (the enum of the error body's `code`).
 *
 * @internal
 */
export const PANDIUM_HTTP_ERROR_CODES = Object.keys(
  PANDIUM_HTTP_ERRORS,
) as PandiumHttpErrorCode[];

/**
 * The JSON body of a {@link PandiumHttpException}: Nest's usual `statusCode`, `error` and `message`, the stable
 * `code`, and on a 5xx the `correlationId` of the server log line that holds the details.
 *
 * @internal
 */
export interface PandiumHttpExceptionBody {
  statusCode: number;
  error: string;
  message: string | string[];
  code: PandiumHttpErrorCode;
  correlationId?: string;
}

/**
 * Every HTTP error the library's routes answer: one class, a fixed status per {@link PandiumErrorCode}, a message
 * for people and no internals. A 5xx carries the `correlationId` of the server log line that explains it. An
 * exception filter catches this one class and switches on `code`:
 *
 * ```ts
 * @Catch(PandiumHttpException)
 * class PandiumErrors implements ExceptionFilter {
 *   catch(exception: PandiumHttpException, host: ArgumentsHost) {
 *     if (exception.code === PandiumErrorCode.STRATEGY_FAILED) { … }
 *   }
 * }
 * ```
 *
 * The body is {@link PandiumHttpExceptionBody}. On Nest 12 the exception's `errorCode` carries the code too, as
 * Nest's machine-readable error codes do.
 *
 * @publicApi
 */
export class PandiumHttpException extends HttpException {
  private constructor(
    /** The stable code of this failure. */
    readonly code: PandiumHttpErrorCode,
    /** 5xx only: the id of the server log line with the details. */
    readonly correlationId?: string,
    message: string | string[] = PANDIUM_HTTP_ERRORS[code].message ?? '',
  ) {
    const { status } = PANDIUM_HTTP_ERRORS[code];
    const body: PandiumHttpExceptionBody = {
      statusCode: status,
      error: REASON_PHRASES[status] ?? 'Error',
      message,
      code,
      ...(correlationId === undefined ? {} : { correlationId }),
    };
    super(body, status, { errorCode: code });
  }

  /** 400 `PANDIUM_REQUEST_INVALID`: input on a route that takes none, or input that fails validation. */
  static requestInvalid(message: string | string[]): PandiumHttpException {
    return new PandiumHttpException(
      'PANDIUM_REQUEST_INVALID',
      undefined,
      message,
    );
  }

  /** 401 `PANDIUM_UNAUTHENTICATED`: the request carries no authenticated user. */
  static unauthenticated(): PandiumHttpException {
    return new PandiumHttpException('PANDIUM_UNAUTHENTICATED');
  }

  /** 404 `PANDIUM_INTEGRATION_NOT_FOUND`: the integration id is not in this user's catalog. */
  static integrationNotFound(): PandiumHttpException {
    return new PandiumHttpException('PANDIUM_INTEGRATION_NOT_FOUND');
  }

  /** 429 `PANDIUM_RATE_LIMIT_EXCEEDED`: over the user's budget (the guard sets `Retry-After`). */
  static rateLimitExceeded(): PandiumHttpException {
    return new PandiumHttpException('PANDIUM_RATE_LIMIT_EXCEEDED');
  }

  /** 503 `PANDIUM_RATE_LIMIT_UNAVAILABLE`: the rate-limit store failed; no token is signed unchecked. */
  static rateLimitUnavailable(correlationId: string): PandiumHttpException {
    return new PandiumHttpException(
      'PANDIUM_RATE_LIMIT_UNAVAILABLE',
      correlationId,
    );
  }

  /**
   * 502 `PANDIUM_STRATEGY_FAILED`: a strategy failed or returned invalid output, or the token is too large; the
   * details are in the server log line with the same `correlationId`, not in the response.
   */
  static strategyFailed(correlationId: string): PandiumHttpException {
    return new PandiumHttpException('PANDIUM_STRATEGY_FAILED', correlationId);
  }

  /** 504 `PANDIUM_STRATEGY_TIMEOUT`: a strategy did not answer within `strategyTimeoutMs`. */
  static strategyTimeout(correlationId: string): PandiumHttpException {
    return new PandiumHttpException('PANDIUM_STRATEGY_TIMEOUT', correlationId);
  }

  /**
   * 404 `PANDIUM_LAUNCH_TICKET_NOT_FOUND`: a launch ticket this app did not issue: malformed, tampered with, or
   * made with another shared secret.
   */
  static launchTicketNotFound(): PandiumHttpException {
    return new PandiumHttpException('PANDIUM_LAUNCH_TICKET_NOT_FOUND');
  }

  /**
   * 410: a launch ticket this app issued that can no longer be redeemed: `PANDIUM_LAUNCH_TICKET_USED` (tickets
   * work once) or `PANDIUM_LAUNCH_TICKET_EXPIRED`.
   */
  static launchTicketGone(reason: 'used' | 'expired'): PandiumHttpException {
    return new PandiumHttpException(
      reason === 'used'
        ? 'PANDIUM_LAUNCH_TICKET_USED'
        : 'PANDIUM_LAUNCH_TICKET_EXPIRED',
    );
  }

  /**
   * 405 `PANDIUM_LAUNCH_METHOD_NOT_ALLOWED`: a `HEAD` for a launch link (the route sets `Allow: GET`); a link
   * checker must not use up the ticket.
   */
  static launchMethodNotAllowed(): PandiumHttpException {
    return new PandiumHttpException('PANDIUM_LAUNCH_METHOD_NOT_ALLOWED');
  }

  /**
   * 503 `PANDIUM_LAUNCH_UNAVAILABLE`: the launch ticket store failed (e.g. Redis is unreachable), so no ticket is
   * issued or redeemed; the JSON URL routes do not use the store.
   */
  static launchUnavailable(correlationId: string): PandiumHttpException {
    return new PandiumHttpException(
      'PANDIUM_LAUNCH_UNAVAILABLE',
      correlationId,
    );
  }

  /**
   * 500 `PANDIUM_LAUNCH_FAILED`: something that is not an HTTP error failed on a launch route; the launch error
   * page shows this, and the server log line with the same `correlationId` has the cause.
   */
  static launchFailed(correlationId: string): PandiumHttpException {
    return new PandiumHttpException('PANDIUM_LAUNCH_FAILED', correlationId);
  }
}
