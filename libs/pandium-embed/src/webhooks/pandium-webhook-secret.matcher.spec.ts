import { PandiumSecret } from '../options/pandium.secret.js';
import { PandiumWebhookSecretMatcher } from './pandium-webhook-secret.matcher.js';

const NEW = 'n'.repeat(40);
const OLD = 'o'.repeat(40);

describe('PandiumWebhookSecretMatcher', () => {
  describe('matches', () => {
    it('should accept each of the configured secrets, and nothing else', () => {
      const matcher = new PandiumWebhookSecretMatcher([
        PandiumSecret.from(NEW),
        PandiumSecret.from(OLD),
      ]);

      expect(matcher.matches(NEW)).toBe(true);
      expect(matcher.matches(OLD)).toBe(true);
      expect(matcher.matches(NEW.slice(1))).toBe(false);
      expect(matcher.matches(`${NEW}x`)).toBe(false);
      expect(matcher.matches('')).toBe(false);
    });

    it('should accept nothing without a secret', () => {
      expect(new PandiumWebhookSecretMatcher([]).matches(NEW)).toBe(false);
    });
  });
});
