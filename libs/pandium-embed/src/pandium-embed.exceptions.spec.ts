import { HttpException, HttpStatus } from '@nestjs/common';
import {
  PandiumEmbedError,
  PandiumIntegrationNotFoundException,
  PandiumOptionsError,
  PandiumStrategyError,
  PandiumStrategyFailedException,
  PandiumUnauthenticatedException,
} from './pandium-embed.exceptions.js';

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
      'PandiumStrategyFailedException',
      () => new PandiumStrategyFailedException(),
      HttpStatus.BAD_GATEWAY,
      'Bad Gateway',
      'The Pandium link could not be prepared because a server-side provider failed. Try again later.',
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
});
