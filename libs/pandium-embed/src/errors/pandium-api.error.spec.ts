import { PandiumApiError } from './pandium-api.error.js';
import { PandiumEmbedError } from './pandium-embed.error.js';

const REQUEST = 'GET /v2/integrations';

describe('PandiumApiError', () => {
  it.each([
    [
      'badStatus',
      () => PandiumApiError.badStatus(REQUEST, 401),
      'status',
      'PANDIUM_API_BAD_STATUS',
    ],
    [
      'timedOut',
      () => PandiumApiError.timedOut(REQUEST, 5000),
      'timeout',
      'PANDIUM_API_TIMEOUT',
    ],
    [
      'network',
      () => PandiumApiError.network(REQUEST, new Error('fetch failed')),
      'network',
      'PANDIUM_API_UNREACHABLE',
    ],
    [
      'malformedJson',
      () => PandiumApiError.malformedJson(REQUEST),
      'malformed-json',
      'PANDIUM_API_MALFORMED_JSON',
    ],
    [
      'invalidResponse',
      () => PandiumApiError.invalidResponse(REQUEST),
      'invalid-response',
      'PANDIUM_API_INVALID_RESPONSE',
    ],
    [
      'tooManyPages',
      () => PandiumApiError.tooManyPages(100, 50),
      'too-many-pages',
      'PANDIUM_API_TOO_MANY_PAGES',
    ],
    [
      'shutDown',
      () => PandiumApiError.shutDown(),
      'shut-down',
      'PANDIUM_API_SHUT_DOWN',
    ],
  ])(
    '%s should have its reason and its own code',
    (_, create, reason, code) => {
      const error = create();

      expect(error).toBeInstanceOf(PandiumEmbedError);
      expect(error.name).toBe('PandiumApiError');
      expect(error.reason).toBe(reason);
      expect(error.code).toBe(code);
    },
  );

  describe('badStatus', () => {
    it.each([
      [401, 'Check apiKey, and that it belongs to this environment.'],
      [503, 'Pandium may be unavailable; the catalog tries again later.'],
      [404, 'Check environment and apiBaseUrl.'],
    ])('should say what to do about a %d', (status, advice) => {
      const error = PandiumApiError.badStatus(REQUEST, status);

      expect(error.message).toBe(
        `Pandium's API answered ${status} to ${REQUEST}. ${advice}`,
      );
      expect(error.status).toBe(status);
    });
  });

  describe('network', () => {
    it('should name the underlying cause that fetch carries, and keep the error', () => {
      const cause = new TypeError('fetch failed', {
        cause: new Error('getaddrinfo ENOTFOUND api.pandium.invalid'),
      });

      const error = PandiumApiError.network(REQUEST, cause);

      expect(error.message).toBe(
        `${REQUEST} failed (TypeError: fetch failed: getaddrinfo ENOTFOUND api.pandium.invalid). ` +
          'Check apiBaseUrl and the network.',
      );
      expect(error.cause).toBe(cause);
    });
  });
});
