import { HttpException, HttpStatus } from '@nestjs/common';
import {
  PANDIUM_HTTP_ERROR_CODES,
  PANDIUM_HTTP_ERRORS,
  PandiumHttpException,
} from './pandium-http.exception.js';
import type { PandiumHttpServerErrorCode } from './pandium-http.exception.js';
import { PandiumErrorCode } from './pandium-error.codes.js';
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

const CORRELATION_ID = '7f1c2b9e-4a3d-4e5f-9a8b-0c1d2e3f4a5b';

describe('PandiumHttpException', () => {
  describe.each([
    [
      'requestInvalid',
      () => PandiumHttpException.requestInvalid('This route takes no body.'),
      HttpStatus.BAD_REQUEST,
      'Bad Request',
      'This route takes no body.',
      'PANDIUM_REQUEST_INVALID',
    ],
    [
      'of(UNAUTHENTICATED)',
      () => PandiumHttpException.of(PandiumErrorCode.UNAUTHENTICATED),
      HttpStatus.UNAUTHORIZED,
      'Unauthorized',
      UNAUTHENTICATED_MESSAGE,
      'PANDIUM_UNAUTHENTICATED',
    ],
    [
      'of(INTEGRATION_NOT_FOUND)',
      () => PandiumHttpException.of(PandiumErrorCode.INTEGRATION_NOT_FOUND),
      HttpStatus.NOT_FOUND,
      'Not Found',
      INTEGRATION_NOT_FOUND_MESSAGE,
      'PANDIUM_INTEGRATION_NOT_FOUND',
    ],
    [
      'of(LAUNCH_TICKET_NOT_FOUND)',
      () => PandiumHttpException.of(PandiumErrorCode.LAUNCH_TICKET_NOT_FOUND),
      HttpStatus.NOT_FOUND,
      'Not Found',
      LAUNCH_TICKET_NOT_FOUND_MESSAGE,
      'PANDIUM_LAUNCH_TICKET_NOT_FOUND',
    ],
    [
      'of(LAUNCH_METHOD_NOT_ALLOWED)',
      () => PandiumHttpException.of(PandiumErrorCode.LAUNCH_METHOD_NOT_ALLOWED),
      HttpStatus.METHOD_NOT_ALLOWED,
      'Method Not Allowed',
      LAUNCH_METHOD_NOT_ALLOWED_MESSAGE,
      'PANDIUM_LAUNCH_METHOD_NOT_ALLOWED',
    ],
    [
      'of(LAUNCH_TICKET_USED)',
      () => PandiumHttpException.of(PandiumErrorCode.LAUNCH_TICKET_USED),
      HttpStatus.GONE,
      'Gone',
      LAUNCH_TICKET_USED_MESSAGE,
      'PANDIUM_LAUNCH_TICKET_USED',
    ],
    [
      'of(LAUNCH_TICKET_EXPIRED)',
      () => PandiumHttpException.of(PandiumErrorCode.LAUNCH_TICKET_EXPIRED),
      HttpStatus.GONE,
      'Gone',
      LAUNCH_TICKET_EXPIRED_MESSAGE,
      'PANDIUM_LAUNCH_TICKET_EXPIRED',
    ],
    [
      'of(RATE_LIMIT_EXCEEDED)',
      () => PandiumHttpException.of(PandiumErrorCode.RATE_LIMIT_EXCEEDED),
      HttpStatus.TOO_MANY_REQUESTS,
      'Too Many Requests',
      RATE_LIMITED_MESSAGE,
      'PANDIUM_RATE_LIMIT_EXCEEDED',
    ],
  ])('%s', (_, create, status, error, message, code) => {
    it(`should answer ${status} with exactly statusCode, error, message and code ${code}`, () => {
      const exception = create();

      expect(exception).toBeInstanceOf(HttpException);
      expect(exception.name).toBe('PandiumHttpException');
      expect(exception.getStatus()).toBe(status);
      expect(exception.getResponse()).toStrictEqual({
        statusCode: status,
        error,
        message,
        code,
      });
      expect(exception.message).toBe(message);
      expect(exception.code).toBe(code);
      expect(exception.correlationId).toBeUndefined();
      expect(exception.cause).toBeUndefined();
    });
  });

  describe.each([
    [
      PandiumErrorCode.STRATEGY_FAILED,
      HttpStatus.BAD_GATEWAY,
      'Bad Gateway',
      STRATEGY_FAILED_MESSAGE,
    ],
    [
      PandiumErrorCode.STRATEGY_TIMEOUT,
      HttpStatus.GATEWAY_TIMEOUT,
      'Gateway Timeout',
      STRATEGY_TIMEOUT_MESSAGE,
    ],
    [
      PandiumErrorCode.RATE_LIMIT_UNAVAILABLE,
      HttpStatus.SERVICE_UNAVAILABLE,
      'Service Unavailable',
      RATE_LIMIT_UNAVAILABLE_MESSAGE,
    ],
    [
      PandiumErrorCode.LAUNCH_UNAVAILABLE,
      HttpStatus.SERVICE_UNAVAILABLE,
      'Service Unavailable',
      LAUNCH_UNAVAILABLE_MESSAGE,
    ],
    [
      PandiumErrorCode.LAUNCH_FAILED,
      HttpStatus.INTERNAL_SERVER_ERROR,
      'Internal Server Error',
      LAUNCH_FAILED_MESSAGE,
    ],
  ] as const)('of(%s, correlationId)', (code, status, error, message) => {
    const create = (id: string) => PandiumHttpException.of(code, id);

    it(`should answer ${status} with exactly statusCode, error, message, code and correlationId`, () => {
      const exception = create(CORRELATION_ID);

      expect(exception).toBeInstanceOf(HttpException);
      expect(exception.name).toBe('PandiumHttpException');
      expect(exception.getStatus()).toBe(status);
      expect(exception.getResponse()).toStrictEqual({
        statusCode: status,
        error,
        message,
        code,
        correlationId: CORRELATION_ID,
      });
      expect(Object.keys(exception.getResponse())).toEqual([
        'statusCode',
        'error',
        'message',
        'code',
        'correlationId',
      ]);
      expect(exception.message).toBe(message);
      expect(exception.code).toBe(code);
      expect(exception.cause).toBeUndefined();
    });

    it('should expose the correlation id for the server log line', () => {
      expect(create(CORRELATION_ID).correlationId).toBe(CORRELATION_ID);
    });

    it('should carry each request’s own correlation id', () => {
      expect(create('other-id').getResponse()).toMatchObject({
        correlationId: 'other-id',
      });
    });
  });

  it('should take a correlation id for exactly the 5xx codes, and no code whose message names the problem', () => {
    // Checked by the type checker (npm run typecheck); the calls only build exceptions.
    // @ts-expect-error a 5xx code needs the correlation id of its log line
    PandiumHttpException.of(PandiumErrorCode.STRATEGY_FAILED);
    // @ts-expect-error a 4xx answer carries no correlation id
    PandiumHttpException.of(PandiumErrorCode.UNAUTHENTICATED, CORRELATION_ID);
    // @ts-expect-error a 400 names its problem: requestInvalid(message)
    PandiumHttpException.of(PandiumErrorCode.REQUEST_INVALID);

    const fiveHundreds = PANDIUM_HTTP_ERROR_CODES.filter(
      (code) =>
        PANDIUM_HTTP_ERRORS[code].status >= HttpStatus.INTERNAL_SERVER_ERROR,
    );
    expect(fiveHundreds.sort()).toEqual([
      PandiumErrorCode.API_BUSY,
      PandiumErrorCode.API_FAILED,
      PandiumErrorCode.API_KEY_MISSING,
      PandiumErrorCode.API_TIMEOUT,
      PandiumErrorCode.LAUNCH_FAILED,
      PandiumErrorCode.LAUNCH_UNAVAILABLE,
      PandiumErrorCode.RATE_LIMIT_UNAVAILABLE,
      PandiumErrorCode.STRATEGY_FAILED,
      PandiumErrorCode.STRATEGY_TIMEOUT,
    ] satisfies PandiumHttpServerErrorCode[]);
  });

  describe('requestInvalid', () => {
    it('should keep a list of messages as a list', () => {
      const exception = PandiumHttpException.requestInvalid([
        'integrationId must match the pattern',
        'kind must be one of install, marketplace',
      ]);

      expect(exception.getResponse()).toMatchObject({
        message: [
          'integrationId must match the pattern',
          'kind must be one of install, marketplace',
        ],
      });
    });
  });

  it("should give Nest's errorCode the same code, for filters written against Nest's error codes", () => {
    expect(
      PandiumHttpException.of(PandiumErrorCode.UNAUTHENTICATED).errorCode,
    ).toBe('PANDIUM_UNAUTHENTICATED');
  });

  it('should list every code it may carry once', () => {
    expect(new Set(PANDIUM_HTTP_ERROR_CODES).size).toBe(22);
    expect(PANDIUM_HTTP_ERROR_CODES).toContain('PANDIUM_LAUNCH_FAILED');
  });
});
