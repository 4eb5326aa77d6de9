import { PandiumEmbedError } from './pandium-embed.error.js';
import { PandiumTokenTooLargeError } from './pandium-token-too-large.error.js';

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

    it('should be a PandiumEmbedError named PandiumTokenTooLargeError, with the code PANDIUM_TOKEN_TOO_LARGE', () => {
      const error = PandiumTokenTooLargeError.over(2048, 1024);

      expect(error).toBeInstanceOf(PandiumTokenTooLargeError);
      expect(error).toBeInstanceOf(PandiumEmbedError);
      expect(error.name).toBe('PandiumTokenTooLargeError');
      expect(error.code).toBe('PANDIUM_TOKEN_TOO_LARGE');
      expect(String(error)).toMatch(
        /^PandiumTokenTooLargeError: The signed token is 2048 bytes/,
      );
    });
  });
});
