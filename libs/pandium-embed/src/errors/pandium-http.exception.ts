import { HttpException, HttpStatus } from '@nestjs/common';
import type { PandiumHttpErrorCode } from './pandium-error.codes.js';
import {
  API_BUSY_MESSAGE,
  API_FAILED_MESSAGE,
  API_KEY_MISSING_MESSAGE,
  API_TIMEOUT_MESSAGE,
  CROSS_SITE_REQUEST_MESSAGE,
  INTEGRATION_NOT_FOUND_MESSAGE,
  TENANT_NOT_FOUND_MESSAGE,
  LAUNCH_FAILED_MESSAGE,
  LAUNCH_METHOD_NOT_ALLOWED_MESSAGE,
  LAUNCH_TICKET_EXPIRED_MESSAGE,
  LAUNCH_TICKET_NOT_FOUND_MESSAGE,
  LAUNCH_TICKET_USED_MESSAGE,
  LAUNCH_WRONG_BROWSER_MESSAGE,
  LAUNCH_UNAVAILABLE_MESSAGE,
  LAUNCH_USER_NOT_FOUND_MESSAGE,
  RATE_LIMIT_UNAVAILABLE_MESSAGE,
  RATE_LIMITED_MESSAGE,
  REQUEST_TOO_LARGE_MESSAGE,
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
  PANDIUM_REQUEST_TOO_LARGE: {
    status: HttpStatus.PAYLOAD_TOO_LARGE,
    message: REQUEST_TOO_LARGE_MESSAGE,
  },
  PANDIUM_UNAUTHENTICATED: {
    status: HttpStatus.UNAUTHORIZED,
    message: UNAUTHENTICATED_MESSAGE,
  },
  PANDIUM_INTEGRATION_NOT_FOUND: {
    status: HttpStatus.NOT_FOUND,
    message: INTEGRATION_NOT_FOUND_MESSAGE,
  },
  PANDIUM_TENANT_NOT_FOUND: {
    status: HttpStatus.NOT_FOUND,
    message: TENANT_NOT_FOUND_MESSAGE,
  },
  PANDIUM_CROSS_SITE_REQUEST: {
    status: HttpStatus.FORBIDDEN,
    message: CROSS_SITE_REQUEST_MESSAGE,
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
  PANDIUM_LAUNCH_WRONG_BROWSER: {
    status: HttpStatus.FORBIDDEN,
    message: LAUNCH_WRONG_BROWSER_MESSAGE,
  },
  PANDIUM_LAUNCH_USER_NOT_FOUND: {
    status: HttpStatus.NOT_FOUND,
    message: LAUNCH_USER_NOT_FOUND_MESSAGE,
  },
  PANDIUM_RATE_LIMIT_EXCEEDED: {
    status: HttpStatus.TOO_MANY_REQUESTS,
    message: RATE_LIMITED_MESSAGE,
  },
  PANDIUM_LAUNCH_FAILED: {
    status: HttpStatus.INTERNAL_SERVER_ERROR,
    message: LAUNCH_FAILED_MESSAGE,
  },
  PANDIUM_API_KEY_MISSING: {
    status: HttpStatus.NOT_IMPLEMENTED,
    message: API_KEY_MISSING_MESSAGE,
  },
  PANDIUM_STRATEGY_FAILED: {
    status: HttpStatus.BAD_GATEWAY,
    message: STRATEGY_FAILED_MESSAGE,
  },
  PANDIUM_API_FAILED: {
    status: HttpStatus.BAD_GATEWAY,
    message: API_FAILED_MESSAGE,
  },
  PANDIUM_RATE_LIMIT_UNAVAILABLE: {
    status: HttpStatus.SERVICE_UNAVAILABLE,
    message: RATE_LIMIT_UNAVAILABLE_MESSAGE,
  },
  PANDIUM_LAUNCH_UNAVAILABLE: {
    status: HttpStatus.SERVICE_UNAVAILABLE,
    message: LAUNCH_UNAVAILABLE_MESSAGE,
  },
  PANDIUM_API_BUSY: {
    status: HttpStatus.SERVICE_UNAVAILABLE,
    message: API_BUSY_MESSAGE,
  },
  PANDIUM_STRATEGY_TIMEOUT: {
    status: HttpStatus.GATEWAY_TIMEOUT,
    message: STRATEGY_TIMEOUT_MESSAGE,
  },
  PANDIUM_API_TIMEOUT: {
    status: HttpStatus.GATEWAY_TIMEOUT,
    message: API_TIMEOUT_MESSAGE,
  },
};

/**
 * The 5xx codes: each answer carries the `correlationId` of the server log line that holds the cause, so
 * {@link PandiumHttpException.of} requires one.
 *
 * @internal
 */
export type PandiumHttpServerErrorCode = Extract<
  PandiumHttpErrorCode,
  | 'PANDIUM_LAUNCH_FAILED'
  | 'PANDIUM_STRATEGY_FAILED'
  | 'PANDIUM_RATE_LIMIT_UNAVAILABLE'
  | 'PANDIUM_LAUNCH_UNAVAILABLE'
  | 'PANDIUM_STRATEGY_TIMEOUT'
  | 'PANDIUM_API_KEY_MISSING'
  | 'PANDIUM_API_FAILED'
  | 'PANDIUM_API_BUSY'
  | 'PANDIUM_API_TIMEOUT'
>;

/**
 * The 4xx codes with a fixed message: every HTTP code but the 5xx ones and `PANDIUM_REQUEST_INVALID`, whose
 * message names the problem ({@link PandiumHttpException.requestInvalid}).
 *
 * @internal
 */
export type PandiumHttpClientErrorCode = Exclude<
  PandiumHttpErrorCode,
  PandiumHttpServerErrorCode | 'PANDIUM_REQUEST_INVALID'
>;

/** The body's `error`: the reason phrase of each status the library answers, as Nest's exceptions give it. */
const REASON_PHRASES: Partial<Record<HttpStatus, string>> = {
  [HttpStatus.BAD_REQUEST]: 'Bad Request',
  [HttpStatus.UNAUTHORIZED]: 'Unauthorized',
  [HttpStatus.FORBIDDEN]: 'Forbidden',
  [HttpStatus.NOT_FOUND]: 'Not Found',
  [HttpStatus.METHOD_NOT_ALLOWED]: 'Method Not Allowed',
  [HttpStatus.PAYLOAD_TOO_LARGE]: 'Payload Too Large',
  [HttpStatus.GONE]: 'Gone',
  [HttpStatus.TOO_MANY_REQUESTS]: 'Too Many Requests',
  [HttpStatus.INTERNAL_SERVER_ERROR]: 'Internal Server Error',
  [HttpStatus.NOT_IMPLEMENTED]: 'Not Implemented',
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
 * Made by {@link PandiumHttpException.of} from a code alone (its status and message come from
 * {@link PANDIUM_HTTP_ERRORS}; a 5xx code also takes the correlation id), or by
 * {@link PandiumHttpException.requestInvalid} for a 400 whose message names the problem.
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
    /**
     * `PANDIUM_API_BUSY` only: the seconds Pandium asked to wait, which the routes send as `Retry-After` (not in
     * the body).
     */
    readonly retryAfterSeconds?: number,
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

  /**
   * The exception for a code whose message is fixed (see {@link PandiumErrorCode} for what each means):
   * `PandiumHttpException.of(PandiumErrorCode.INTEGRATION_NOT_FOUND)`.
   */
  static of(code: PandiumHttpClientErrorCode): PandiumHttpException;
  /**
   * The exception for a 5xx code, with the `correlationId` of the server log line that holds the cause (the
   * response says nothing more): `PandiumHttpException.of(PandiumErrorCode.STRATEGY_FAILED, correlationId)`.
   */
  static of(
    code: PandiumHttpServerErrorCode,
    correlationId: string,
  ): PandiumHttpException;
  static of(
    code: PandiumHttpClientErrorCode | PandiumHttpServerErrorCode,
    correlationId?: string,
  ): PandiumHttpException {
    return new PandiumHttpException(code, correlationId);
  }

  /**
   * 503 `PANDIUM_API_BUSY`: Pandium's API answered 429 (now or to an earlier request, whose wait has not passed).
   *
   * @param retryAfterSeconds how long Pandium asked to wait: the routes' `Retry-After`.
   */
  static apiBusy(
    correlationId: string,
    retryAfterSeconds: number,
  ): PandiumHttpException {
    return new PandiumHttpException(
      'PANDIUM_API_BUSY',
      correlationId,
      undefined,
      retryAfterSeconds,
    );
  }

  /**
   * 400 `PANDIUM_REQUEST_INVALID`, whose message names the problem: input on a route that takes none, or input
   * that fails validation (Nest's list of messages stays a list).
   */
  static requestInvalid(message: string | string[]): PandiumHttpException {
    return new PandiumHttpException(
      'PANDIUM_REQUEST_INVALID',
      undefined,
      message,
    );
  }
}
