import { HttpException, HttpStatus } from '@nestjs/common';
import {
  PandiumEmbedError,
  PandiumIntegrationNotFoundException,
  PandiumOptionsError,
  PandiumStrategyError,
  PandiumStrategyFailedException,
  PandiumStrategyTimeoutException,
  PandiumTokenTooLargeError,
  PandiumUnauthenticatedException,
} from './pandium-embed.exceptions.js';

const CORRELATION_ID = '7f1c2b9e-4a3d-4e5f-9a8b-0c1d2e3f4a5b';

describe('PandiumOptionsError', () => {
  describe('invalid', () => {
    it('should list every problem with its field under one prefix', () => {
      const error = PandiumOptionsError.invalid('PandiumEmbedModule options', [
        { path: 'account', message: 'must be your Pandium account slug' },
        { path: 'integrations.1.id', message: 'must be 1–128 letters' },
      ]);

      expect(error.message).toBe(
        'Invalid PandiumEmbedModule options:\n' +
          '  - account must be your Pandium account slug\n' +
          '  - integrations.1.id must be 1–128 letters',
      );
      expect(error.problems).toEqual([
        'account must be your Pandium account slug',
        'integrations.1.id must be 1–128 letters',
      ]);
    });

    it('should be a PandiumEmbedError named PandiumOptionsError', () => {
      const error = PandiumOptionsError.invalid('environment', [
        { path: 'PANDIUM_ACCOUNT', message: 'is required' },
      ]);

      expect(error).toBeInstanceOf(PandiumOptionsError);
      expect(error).toBeInstanceOf(PandiumEmbedError);
      expect(error).toBeInstanceOf(Error);
      expect(error.name).toBe('PandiumOptionsError');
      expect(String(error)).toMatch(
        /^PandiumOptionsError: Invalid environment:/,
      );
      expect(error.stack).toMatch(/^PandiumOptionsError: /);
    });
  });
});

describe('PandiumStrategyError', () => {
  describe('failed', () => {
    it('should name the strategy and the cause, and keep the cause', () => {
      const cause = new TypeError('user.id is undefined');

      const error = PandiumStrategyError.failed('ClaimsProvider', cause);

      expect(error.message).toBe(
        'ClaimsProvider failed (TypeError: user.id is undefined).',
      );
      expect(error.strategy).toBe('ClaimsProvider');
      expect(error.cause).toBe(cause);
      expect(error.name).toBe('PandiumStrategyError');
      expect(error).toBeInstanceOf(PandiumEmbedError);
    });

    it('should not copy a thrown non-Error value into the message, but keep it as the cause', () => {
      const thrown = 'connector-token-that-must-not-be-logged';

      const error = PandiumStrategyError.failed('TokenProvider', thrown);

      expect(error.message).toBe(
        'TokenProvider failed (a non-Error value was thrown).',
      );
      expect(error.message).not.toContain(thrown);
      expect(error.cause).toBe(thrown);
    });

    it('should have the reason failed', () => {
      expect(
        PandiumStrategyError.failed('ClaimsProvider', new Error('x')).reason,
      ).toBe('failed');
    });
  });

  describe('timedOut', () => {
    it('should name the strategy, the time limit and the option, with the reason timeout', () => {
      const error = PandiumStrategyError.timedOut('TokenProvider', 5000);

      expect(error.reason).toBe('timeout');
      expect(error.strategy).toBe('TokenProvider');
      expect(error.message).toBe(
        'TokenProvider did not answer within 5000 ms (strategyTimeoutMs). Check what it waits on.',
      );
      expect(error.cause).toBeUndefined();
      expect(error.name).toBe('PandiumStrategyError');
      expect(error).toBeInstanceOf(PandiumEmbedError);
    });
  });

  describe('invalidOutput', () => {
    it('should name the strategy and every bad field, and say what to fix', () => {
      const error = PandiumStrategyError.invalidOutput('ClaimsProvider', [
        { path: 'ti.uem', message: 'must be an email address' },
        { path: 'sub', message: 'must be a string' },
      ]);

      expect(error.message).toBe(
        'ClaimsProvider returned invalid output: ti.uem must be an email address; sub must be a string. ' +
          'Fix the ClaimsProvider implementation.',
      );
      expect(error.strategy).toBe('ClaimsProvider');
      expect(error.cause).toBeUndefined();
      expect(error.name).toBe('PandiumStrategyError');
      expect(error.reason).toBe('invalid-output');
    });
  });
});

describe('PandiumTokenTooLargeError', () => {
  describe('over', () => {
    it('should give the token’s size, the budget and the option to change', () => {
      const error = PandiumTokenTooLargeError.over(7000, 6144);

      expect(error.message).toMatch(/\b7000 bytes\b/);
      expect(error.message).toContain('maxTokenBytes (6144)');
      expect(error.message).toMatch(/^The signed token is 7000 bytes, over /);
    });

    it('should say what to send less of', () => {
      expect(PandiumTokenTooLargeError.over(7000, 6144).message).toMatch(
        /xti extras[\s\S]*connector token/,
      );
    });

    it('should be a PandiumEmbedError named PandiumTokenTooLargeError', () => {
      const error = PandiumTokenTooLargeError.over(2048, 1024);

      expect(error).toBeInstanceOf(PandiumTokenTooLargeError);
      expect(error).toBeInstanceOf(PandiumEmbedError);
      expect(error.name).toBe('PandiumTokenTooLargeError');
      expect(String(error)).toMatch(
        /^PandiumTokenTooLargeError: The signed token is 2048 bytes/,
      );
    });
  });
});

describe('HTTP exceptions', () => {
  it.each([
    [
      'PandiumIntegrationNotFoundException',
      () => new PandiumIntegrationNotFoundException(),
      HttpStatus.NOT_FOUND,
      'Not Found',
      'No integration with this id is available to you.',
    ],
    [
      'PandiumUnauthenticatedException',
      () => new PandiumUnauthenticatedException(),
      HttpStatus.UNAUTHORIZED,
      'Unauthorized',
      'Sign in to open Pandium.',
    ],
  ])(
    'should give %s a fixed status and a body with only its message',
    (name, create, status, error, message) => {
      const exception = create();

      expect(exception).toBeInstanceOf(HttpException);
      expect(exception.name).toBe(name);
      expect(exception.getStatus()).toBe(status);
      expect(exception.getResponse()).toEqual({
        message,
        error,
        statusCode: status,
      });
      expect(exception.cause).toBeUndefined();
    },
  );

  describe.each([
    [
      'PandiumStrategyFailedException',
      (id: string) => new PandiumStrategyFailedException(id),
      HttpStatus.BAD_GATEWAY,
      'Bad Gateway',
      'The Pandium link could not be prepared because a server-side provider failed. Try again later.',
    ],
    [
      'PandiumStrategyTimeoutException',
      (id: string) => new PandiumStrategyTimeoutException(id),
      HttpStatus.GATEWAY_TIMEOUT,
      'Gateway Timeout',
      'The Pandium link could not be prepared in time because a server-side provider did not answer. Try again later.',
    ],
  ])('%s', (name, create, status, error, message) => {
    it(`should answer ${status} with exactly statusCode, error, message and correlationId`, () => {
      const exception = create(CORRELATION_ID);

      expect(exception).toBeInstanceOf(HttpException);
      expect(exception.name).toBe(name);
      expect(exception.getStatus()).toBe(status);
      expect(exception.getResponse()).toStrictEqual({
        statusCode: status,
        error,
        message,
        correlationId: CORRELATION_ID,
      });
      expect(Object.keys(exception.getResponse())).toEqual([
        'statusCode',
        'error',
        'message',
        'correlationId',
      ]);
      expect(exception.message).toBe(message);
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
});
