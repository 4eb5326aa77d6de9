import { describe, expect, it } from '@jest/globals';
import { PandiumSecret, withWrappedSecret } from './pandium.secret.js';

const SECRET = 'wrapped-secret-spec-0123456789abcdef';
const API_KEY = 'wrapped-api-key-spec';

describe('withWrappedSecret', () => {
  it('should wrap a string sharedSecret and apiKey, keeping the other options', () => {
    const wrapped = withWrappedSecret({
      account: 'acme',
      sharedSecret: SECRET,
      apiKey: API_KEY,
    }) as { account: string; sharedSecret: unknown; apiKey: unknown };

    expect(wrapped.account).toBe('acme');
    expect(wrapped.sharedSecret).toBeInstanceOf(PandiumSecret);
    expect(wrapped.apiKey).toBeInstanceOf(PandiumSecret);
    expect((wrapped.apiKey as PandiumSecret).reveal()).toBe(API_KEY);
    expect(JSON.stringify(wrapped)).not.toContain(API_KEY);
  });

  it('should add no apiKey when none was given', () => {
    expect(
      withWrappedSecret({ account: 'acme', sharedSecret: SECRET }),
    ).not.toHaveProperty('apiKey');
  });

  it('should return options holding no string secret as they are', () => {
    const options = {
      account: 'acme',
      sharedSecret: PandiumSecret.from(SECRET),
    };

    expect(withWrappedSecret(options)).toBe(options);
  });
});
