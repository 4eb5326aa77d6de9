import { PandiumEmbedError } from './pandium-embed.error.js';
import { PandiumStrategyError } from './pandium-strategy.error.js';

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

    it('should have the reason failed and the code PANDIUM_STRATEGY_FAILED', () => {
      const error = PandiumStrategyError.failed(
        'ClaimsProvider',
        new Error('x'),
      );

      expect(error.reason).toBe('failed');
      expect(error.code).toBe('PANDIUM_STRATEGY_FAILED');
    });
  });

  describe('timedOut', () => {
    it('should name the strategy, the time limit and the option, with the reason timeout', () => {
      const error = PandiumStrategyError.timedOut('TokenProvider', 5000);

      expect(error.reason).toBe('timeout');
      expect(error.code).toBe('PANDIUM_STRATEGY_TIMEOUT');
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
      expect(error.code).toBe('PANDIUM_STRATEGY_OUTPUT_INVALID');
    });
  });

  describe('unknownInstance', () => {
    it('should name the instance and say how to register it, with the code PANDIUM_INSTANCE_UNKNOWN', () => {
      const error = PandiumStrategyError.unknownInstance('apac');

      expect(error.message).toBe(
        'PandiumInstanceSelector chose instance "apac", but no PandiumEmbedModule is registered with that name. ' +
          'Register it with forRoot({ name }) or forRootAsync({ name }), or fix the selector.',
      );
      expect(error.strategy).toBe('PandiumInstanceSelector');
      expect(error.reason).toBe('failed');
      expect(error.code).toBe('PANDIUM_INSTANCE_UNKNOWN');
    });
  });
});
