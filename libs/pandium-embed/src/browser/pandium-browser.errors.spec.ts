/** @jest-environment jsdom */
import {
  PandiumBrowserError,
  PandiumLaunchError,
  PandiumMountOptionsError,
} from './pandium-browser.errors.js';
import { FAKE_JWT } from './pandium-browser.spec-utils.js';

describe('PandiumLaunchError', () => {
  describe('http', () => {
    it('should redact JWTs, tenant parameters and launch tickets from a server message', () => {
      const error = PandiumLaunchError.http(502, {
        message: `Upstream said ${FAKE_JWT} for https://imp.pandium.com/a?tenant=abc.def and /pandium/launch/t1ck3t`,
      });

      expect(error.message).not.toContain(FAKE_JWT);
      expect(error.message).not.toContain('abc.def');
      expect(error.message).not.toContain('t1ck3t');
      expect(error.message).toContain('tenant=[redacted]');
      expect(error.message).toContain('/launch/[redacted]');
    });

    it('should cap a long server message', () => {
      const error = PandiumLaunchError.http(400, { message: 'x'.repeat(5000) });

      expect(error.message.length).toBeLessThanOrEqual(300);
    });

    it('should ignore a correlationId that is not a short string', () => {
      expect(
        PandiumLaunchError.http(502, { correlationId: 42 }).correlationId,
      ).toBeUndefined();
    });

    it('should fall back to a message by status', () => {
      expect(PandiumLaunchError.http(401, undefined).message).toBe(
        'Sign in to open Pandium.',
      );
    });
  });

  it('should name itself after its class and extend PandiumBrowserError', () => {
    const error = PandiumLaunchError.network(new TypeError('Failed to fetch'));

    expect(error).toBeInstanceOf(PandiumBrowserError);
    expect(error.name).toBe('PandiumLaunchError');
  });
});

describe('PandiumMountOptionsError', () => {
  it('should name the option and the rule', () => {
    const error = PandiumMountOptionsError.invalid(
      'integrationId',
      'must be a non-empty string',
    );

    expect(error.option).toBe('integrationId');
    expect(error.name).toBe('PandiumMountOptionsError');
    expect(error.message).toBe(
      'Invalid Pandium mount option: integrationId must be a non-empty string.',
    );
  });
});
