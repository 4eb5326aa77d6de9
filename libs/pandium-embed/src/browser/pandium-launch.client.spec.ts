/** @jest-environment jsdom */
import { PandiumLaunchError } from './pandium-browser.errors.js';
import { PandiumLaunchClient } from './pandium-launch.client.js';
import type { PandiumLaunchMode } from './pandium-mount-options.interface.js';
import {
  FAKE_JWT,
  PANDIUM_ORIGIN,
  SIGNED_URL,
  fakeFetch,
  jsonResponse,
  textResponse,
  ticketRequestInit,
} from './pandium-browser.spec-utils.js';

const BASE_URL = 'https://app.example.com/settings/integrations';

function setup(
  mode: PandiumLaunchMode,
  respond: Parameters<typeof fakeFetch>[0],
  endpoint = '/pandium',
) {
  const fetch = fakeFetch(respond);
  const client = new PandiumLaunchClient({
    endpoint,
    mode,
    fetch,
    baseUrl: BASE_URL,
  });
  return { client, fetch };
}

const ticketBody = {
  launchUrl: '/pandium/launch/abc123',
  expiresIn: 60,
  expiresAt: '2030-01-01T00:01:00.000Z',
  pandiumOrigin: PANDIUM_ORIGIN,
};

async function failure(promise: Promise<unknown>): Promise<PandiumLaunchError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(PandiumLaunchError);
  return error as PandiumLaunchError;
}

describe('PandiumLaunchClient', () => {
  describe('ticket mode', () => {
    it('should POST an install ticket request with JSON headers, no-store and same-origin credentials', async () => {
      const { client, fetch } = setup('ticket', () =>
        jsonResponse(201, ticketBody),
      );
      const signal = new AbortController().signal;

      await client.launch({ kind: 'install', integrationId: '1042' }, signal);

      expect(fetch).toHaveBeenCalledTimes(1);
      const [url, init] = fetch.mock.calls[0];
      expect(url).toBe('https://app.example.com/pandium/launch-tickets');
      expect(init).toEqual({
        ...ticketRequestInit({ kind: 'install', integrationId: '1042' }),
        signal,
      });
    });

    it('should send { kind: "marketplace" } for the marketplace', async () => {
      const { client, fetch } = setup('ticket', () =>
        jsonResponse(201, ticketBody),
      );

      await client.launch({ kind: 'marketplace' });

      expect(JSON.parse(fetch.mock.calls[0][1]!.body as string)).toEqual({
        kind: 'marketplace',
      });
    });

    it('should resolve launchUrl against the endpoint and trust pandiumOrigin', async () => {
      const { client } = setup('ticket', () => jsonResponse(201, ticketBody));

      await expect(client.launch({ kind: 'marketplace' })).resolves.toEqual({
        src: 'https://app.example.com/pandium/launch/abc123',
        trustedOrigin: PANDIUM_ORIGIN,
      });
    });

    it('should resolve a relative launchUrl against an absolute endpoint', async () => {
      const { client, fetch } = setup(
        'ticket',
        () => jsonResponse(201, ticketBody),
        'https://api.example.com/pandium/',
      );

      const launch = await client.launch({ kind: 'marketplace' });

      expect(fetch.mock.calls[0][0]).toBe(
        'https://api.example.com/pandium/launch-tickets',
      );
      expect(launch.src).toBe('https://api.example.com/pandium/launch/abc123');
    });

    it.each([
      ['missing', undefined],
      ['a path', `${PANDIUM_ORIGIN}/acme`],
      ['not http(s)', 'javascript:alert(1)'],
      ['opaque', 'null'],
    ])(
      'should refuse a pandiumOrigin that is %s',
      async (_case, pandiumOrigin) => {
        const { client } = setup('ticket', () =>
          jsonResponse(201, { ...ticketBody, pandiumOrigin }),
        );

        const error = await failure(client.launch({ kind: 'marketplace' }));
        expect(error.reason).toBe('invalid-response');
        expect(error.message).toContain('pandiumOrigin');
      },
    );

    it.each([
      ['protocol-relative', '//evil.example/pandium/launch/abc123'],
      ['absolute on another origin', 'https://evil.example/launch/abc123'],
      ['backslash', '/\\evil.example/launch/abc123'],
      ['on Pandium itself', `${PANDIUM_ORIGIN}/acme/tenants/create/1042`],
    ])(
      'should refuse a launchUrl that is %s (it must be on the endpoint origin)',
      async (_case, launchUrl) => {
        const { client } = setup('ticket', () =>
          jsonResponse(201, { ...ticketBody, launchUrl }),
        );

        const error = await failure(client.launch({ kind: 'marketplace' }));
        expect(error.reason).toBe('invalid-response');
        expect(error.message).toContain('launchUrl');
        expect(error.message).not.toContain('evil');
      },
    );

    it('should refuse a javascript: launchUrl', async () => {
      const { client } = setup('ticket', () =>
        jsonResponse(201, { ...ticketBody, launchUrl: 'javascript:alert(1)' }),
      );

      const error = await failure(client.launch({ kind: 'marketplace' }));
      expect(error.message).toContain('launchUrl');
    });
  });

  describe('url mode', () => {
    it('should GET the install URL with the id encoded and trust the URL origin', async () => {
      const { client, fetch } = setup('url', () =>
        jsonResponse(200, {
          url: SIGNED_URL,
          expiresAt: '2030-01-01T00:05:00.000Z',
          expiresIn: 300,
          integrationId: 'a b/c',
        }),
      );

      const launch = await client.launch({
        kind: 'install',
        integrationId: 'a b/c',
      });

      const [url, init] = fetch.mock.calls[0];
      expect(url).toBe(
        'https://app.example.com/pandium/integrations/a%20b%2Fc/install-url',
      );
      expect(init).toMatchObject({
        method: 'GET',
        credentials: 'same-origin',
        cache: 'no-store',
        headers: { Accept: 'application/json' },
        body: undefined,
      });
      expect(launch).toEqual({
        src: SIGNED_URL,
        trustedOrigin: PANDIUM_ORIGIN,
      });
    });

    it('should GET the marketplace URL', async () => {
      const { client, fetch } = setup('url', () =>
        jsonResponse(200, { url: SIGNED_URL }),
      );

      await client.launch({ kind: 'marketplace' });

      expect(fetch.mock.calls[0][0]).toBe(
        'https://app.example.com/pandium/marketplace-url',
      );
    });

    it.each([
      ['missing', {}],
      ['relative', { url: '/acme/tenants' }],
      ['not http(s)', { url: 'javascript:alert(1)' }],
      ['not a string', { url: 42 }],
    ])('should refuse a url that is %s', async (_case, body) => {
      const { client } = setup('url', () => jsonResponse(200, body));

      const error = await failure(client.launch({ kind: 'marketplace' }));
      expect(error.reason).toBe('invalid-response');
      expect(error.message).toContain('url is missing');
    });
  });

  describe('failures', () => {
    it('should carry the server message and status of an error answer', async () => {
      const { client } = setup('ticket', () =>
        jsonResponse(401, {
          statusCode: 401,
          error: 'Unauthorized',
          message: 'Sign in to open Pandium.',
        }),
      );

      const error = await failure(client.launch({ kind: 'marketplace' }));
      expect(error).toMatchObject({
        name: 'PandiumLaunchError',
        reason: 'http',
        status: 401,
        message: 'Sign in to open Pandium.',
      });
    });

    it('should carry the correlationId of a 5xx answer', async () => {
      const { client } = setup('ticket', () =>
        jsonResponse(502, {
          statusCode: 502,
          error: 'Bad Gateway',
          message: 'The Pandium link could not be prepared.',
          correlationId: 'c0ffee',
        }),
      );

      const error = await failure(client.launch({ kind: 'marketplace' }));
      expect(error).toMatchObject({ status: 502, correlationId: 'c0ffee' });
    });

    it('should join a list of validation messages', async () => {
      const { client } = setup('ticket', () =>
        jsonResponse(400, {
          statusCode: 400,
          message: ['kind must be one of install, marketplace', 'bad id'],
        }),
      );

      const error = await failure(client.launch({ kind: 'marketplace' }));
      expect(error.message).toBe(
        'kind must be one of install, marketplace; bad id',
      );
    });

    it.each([
      [429, 'Too many attempts'],
      [503, 'HTTP 503'],
      [504, 'HTTP 504'],
    ])(
      'should fall back to a message by status for a %i without JSON',
      async (status, expected) => {
        const { client } = setup('ticket', () =>
          textResponse(status, '<html>Gateway</html>'),
        );

        const error = await failure(client.launch({ kind: 'marketplace' }));
        expect(error.status).toBe(status);
        expect(error.message).toContain(expected);
      },
    );

    it('should report a fetch that throws as a network failure', async () => {
      const cause = new TypeError('Failed to fetch');
      const { client } = setup('ticket', () => {
        throw cause;
      });

      const error = await failure(client.launch({ kind: 'marketplace' }));
      expect(error.reason).toBe('network');
      expect(error.cause).toBe(cause);
    });

    it('should pass an abort through untouched', async () => {
      const controller = new AbortController();
      const abort = new DOMException('aborted', 'AbortError');
      const { client } = setup('ticket', () => {
        controller.abort();
        throw abort;
      });

      await expect(
        client.launch({ kind: 'marketplace' }, controller.signal),
      ).rejects.toBe(abort);
    });

    it('should keep the token out of the error when the answer is not JSON', async () => {
      const { client } = setup('url', () =>
        textResponse(200, `{"url":"${SIGNED_URL}"`),
      );

      const error = await failure(client.launch({ kind: 'marketplace' }));
      expect(error.reason).toBe('invalid-response');
      expect(error.cause).toBeUndefined();
      expect(`${error.message} ${error.stack}`).not.toContain(FAKE_JWT);
    });
  });
});
