/** @jest-environment jsdom */
import { jest } from '@jest/globals';
import { PandiumRequestError } from './pandium-browser.errors.js';
import { createPandiumClient } from './pandium-integrations.client.js';
import type { PandiumClientOptions } from './pandium-integrations.client.js';
import type { PandiumCatalogEntry } from './pandium-catalog-entry.interface.js';
import {
  FAKE_JWT,
  SIGNED_URL,
  deferred,
  fakeFetch,
  jsonResponse,
  textResponse,
} from './pandium-browser.spec-utils.js';

const BASE_URL = 'https://app.example.com/settings/integrations';

const CATALOG: PandiumCatalogEntry[] = [
  {
    id: '1042',
    name: 'hubspot-sync',
    connectorName: 'hubspot',
    displayName: 'HubSpot',
    status: {
      state: 'failing',
      tenantId: 77,
      lastRunAt: '2030-01-01T00:00:00Z',
      lastRunStatus: 'Failed',
    },
  },
  { id: '2077', name: 'shopify', connectorName: 'shopify' },
];

function setup(
  respond: Parameters<typeof fakeFetch>[0],
  options: Partial<PandiumClientOptions> = {},
) {
  const fetch = fakeFetch(respond);
  const client = createPandiumClient({ fetch, baseUrl: BASE_URL, ...options });
  return { client, fetch };
}

async function failure(
  promise: Promise<unknown>,
): Promise<PandiumRequestError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(PandiumRequestError);
  return error as PandiumRequestError;
}

/** The request init every call sends, without the signal. */
const REQUEST = {
  credentials: 'same-origin',
  cache: 'no-store',
  headers: { Accept: 'application/json' },
};

describe('createPandiumClient', () => {
  describe('listIntegrations', () => {
    it('should GET <endpoint>/integrations with credentials, no-store, Accept and the signal', async () => {
      const { client, fetch } = setup(() => jsonResponse(200, CATALOG));
      const signal = new AbortController().signal;

      await expect(client.listIntegrations(signal)).resolves.toEqual(CATALOG);

      expect(fetch).toHaveBeenCalledTimes(1);
      const [url, init] = fetch.mock.calls[0];
      expect(url).toBe('https://app.example.com/pandium/integrations');
      expect(init).toEqual({ method: 'GET', ...REQUEST, signal });
    });

    it("should take an absolute endpoint with a trailing slash and credentials: 'include'", async () => {
      const { client, fetch } = setup(() => jsonResponse(200, []), {
        endpoint: 'https://api.example.com/pandium/',
        credentials: 'include',
      });

      await client.listIntegrations();

      const [url, init] = fetch.mock.calls[0];
      expect(url).toBe('https://api.example.com/pandium/integrations');
      expect(init).toMatchObject({ credentials: 'include' });
    });

    it('should resolve a relative endpoint against document.baseURI by default', async () => {
      const fetch = fakeFetch(() => jsonResponse(200, []));
      const client = createPandiumClient({ fetch, endpoint: '/api/pandium' });

      await client.listIntegrations();

      expect(fetch.mock.calls[0][0]).toBe(
        'http://localhost/api/pandium/integrations',
      );
    });

    it('should use the global fetch when none is given', async () => {
      const globalFetch = fakeFetch(() => jsonResponse(200, []));
      const saved = globalThis.fetch;
      globalThis.fetch = globalFetch;
      try {
        await createPandiumClient().listIntegrations();
      } finally {
        globalThis.fetch = saved;
      }

      expect(globalFetch).toHaveBeenCalledTimes(1);
    });

    it.each([
      ['an object', { entries: [] }],
      ['not JSON', undefined],
    ])(
      'should refuse a catalog that is %s as an invalid response',
      async (_case, body) => {
        const { client } = setup(() =>
          body === undefined
            ? textResponse(200, '<html>app shell</html>')
            : jsonResponse(200, body),
        );

        const error = await failure(client.listIntegrations());
        expect(error.reason).toBe('invalid-response');
        expect(error.message).toContain('the catalog is not a list');
      },
    );
  });

  describe('runIntegration', () => {
    it('should POST <endpoint>/integrations/:id/sync with the id encoded and answer the triggerId', async () => {
      const { client, fetch } = setup(() =>
        jsonResponse(202, { triggerId: 'trg-9' }),
      );

      await expect(client.runIntegration('a b/c?d')).resolves.toEqual({
        triggerId: 'trg-9',
      });

      const [url, init] = fetch.mock.calls[0];
      expect(url).toBe(
        'https://app.example.com/pandium/integrations/a%20b%2Fc%3Fd/sync',
      );
      expect(init).toMatchObject({ method: 'POST', ...REQUEST });
    });

    it.each([
      ['missing', {}],
      ['not a string', { triggerId: 42 }],
    ])('should refuse an answer whose triggerId is %s', async (_case, body) => {
      const { client } = setup(() => jsonResponse(202, body));

      const error = await failure(client.runIntegration('1042'));
      expect(error.reason).toBe('invalid-response');
      expect(error.message).toContain('triggerId');
    });

    it.each(['', ' ', '.', '..'])(
      'should reject the id %j with a TypeError and no request (URLs drop dot segments)',
      async (id) => {
        const { client, fetch } = setup(() =>
          jsonResponse(202, { triggerId: 't' }),
        );

        await expect(client.runIntegration(id)).rejects.toBeInstanceOf(
          TypeError,
        );
        await expect(client.uninstallIntegration(id)).rejects.toBeInstanceOf(
          TypeError,
        );
        expect(fetch).not.toHaveBeenCalled();
      },
    );
  });

  describe('uninstallIntegration', () => {
    it('should DELETE <endpoint>/integrations/:id/tenant and free the body of the 204', async () => {
      const cancel = jest.fn(() => Promise.resolve());
      const { client, fetch } = setup(
        () =>
          ({
            ...jsonResponse(204, undefined),
            body: { cancel },
          }) as unknown as Response,
      );

      await expect(client.uninstallIntegration('10 42')).resolves.toBe(
        undefined,
      );

      const [url, init] = fetch.mock.calls[0];
      expect(url).toBe(
        'https://app.example.com/pandium/integrations/10%2042/tenant',
      );
      expect(init).toMatchObject({ method: 'DELETE', ...REQUEST });
      expect(cancel).toHaveBeenCalledTimes(1);
    });
  });

  describe('refreshStatuses', () => {
    it('should POST <endpoint>/integrations/refresh', async () => {
      const { client, fetch } = setup(() => jsonResponse(204, undefined));

      await expect(client.refreshStatuses()).resolves.toBe(undefined);

      const [url, init] = fetch.mock.calls[0];
      expect(url).toBe('https://app.example.com/pandium/integrations/refresh');
      expect(init).toMatchObject({ method: 'POST', ...REQUEST });
    });
  });

  describe('failures', () => {
    it('should carry status, message, code and correlationId of an error answer', async () => {
      const { client } = setup(() =>
        jsonResponse(502, {
          statusCode: 502,
          error: 'Bad Gateway',
          message: 'Pandium did not answer.',
          code: 'PANDIUM_API_UNAVAILABLE',
          correlationId: 'c0ffee',
        }),
      );

      const error = await failure(client.runIntegration('1042'));
      expect(error).toMatchObject({
        name: 'PandiumRequestError',
        reason: 'http',
        status: 502,
        message: 'Pandium did not answer.',
        code: 'PANDIUM_API_UNAVAILABLE',
        correlationId: 'c0ffee',
      });
      expect(error.retryAfterSeconds).toBeUndefined();
    });

    it('should give a 404 the code of a missing tenant', async () => {
      const { client } = setup(() =>
        jsonResponse(404, {
          statusCode: 404,
          error: 'Not Found',
          message: 'You have no tenant of this integration.',
          code: 'PANDIUM_TENANT_NOT_FOUND',
        }),
      );

      const error = await failure(client.uninstallIntegration('1042'));
      expect(error).toMatchObject({
        status: 404,
        code: 'PANDIUM_TENANT_NOT_FOUND',
      });
    });

    it.each([
      [429, { 'Retry-After': '7' }, 7],
      [503, { 'retry-after': '0' }, 0],
      [503, { 'Retry-After': 'soon' }, undefined],
      [503, {}, undefined],
    ])(
      'should read retryAfterSeconds from a %i with %j',
      async (status, headers, expected) => {
        const { client } = setup(() =>
          jsonResponse(status, { statusCode: status }, headers),
        );

        const error = await failure(client.listIntegrations());
        expect(error.status).toBe(status);
        expect(error.retryAfterSeconds).toBe(expected);
      },
    );

    it('should read a Retry-After HTTP date as the seconds left until it', async () => {
      jest
        .useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] })
        .setSystemTime(new Date('2030-01-01T00:00:00Z'));
      try {
        const { client } = setup(() =>
          jsonResponse(
            503,
            {},
            { 'Retry-After': 'Tue, 01 Jan 2030 00:00:30 GMT' },
          ),
        );

        const error = await failure(client.listIntegrations());
        expect(error.retryAfterSeconds).toBe(30);
      } finally {
        jest.useRealTimers();
      }
    });

    it.each([
      [401, 'Sign in'],
      [403, 'not allowed'],
      [404, 'not installed'],
      [429, 'Too many requests'],
      [504, 'HTTP 504'],
    ])(
      'should fall back to a message by status for a %i without JSON',
      async (status, expected) => {
        const { client } = setup(() =>
          textResponse(status, '<html>Gateway</html>'),
        );

        const error = await failure(client.listIntegrations());
        expect(error).toMatchObject({ reason: 'http', status });
        expect(error.message).toContain(expected);
        expect(error.code).toBeUndefined();
      },
    );

    it('should ignore a code or correlationId that is not a short string', async () => {
      const { client } = setup(() =>
        jsonResponse(500, { code: 42, correlationId: 'x'.repeat(500) }),
      );

      const error = await failure(client.listIntegrations());
      expect(error.code).toBeUndefined();
      expect(error.correlationId).toBeUndefined();
    });

    it('should redact a token-like server message', async () => {
      const { client } = setup(() =>
        jsonResponse(502, { message: `upstream said ${SIGNED_URL}` }),
      );

      const error = await failure(client.runIntegration('1042'));
      expect(`${error.message} ${error.stack}`).not.toContain(FAKE_JWT);
      expect(error.message).toContain('tenant=[redacted]');
    });

    it('should report a fetch that throws as a network failure', async () => {
      const cause = new TypeError('Failed to fetch');
      const { client } = setup(() => {
        throw cause;
      });

      const error = await failure(client.refreshStatuses());
      expect(error.reason).toBe('network');
      expect(error.cause).toBe(cause);
      expect(error.status).toBeUndefined();
    });

    it('should keep a token in a body that is not JSON out of the error', async () => {
      const { client } = setup(() =>
        textResponse(200, `{"triggerId":"${FAKE_JWT}"`),
      );

      const error = await failure(client.runIntegration('1042'));
      expect(error.reason).toBe('invalid-response');
      expect(error.cause).toBeUndefined();
      expect(`${error.message} ${error.stack}`).not.toContain(FAKE_JWT);
    });
  });

  describe('abort', () => {
    it('should pass the abort error of fetch through untouched', async () => {
      const controller = new AbortController();
      const abort = new DOMException('aborted', 'AbortError');
      const { client } = setup(() => {
        controller.abort();
        throw abort;
      });

      await expect(client.listIntegrations(controller.signal)).rejects.toBe(
        abort,
      );
    });

    it("should reject with the signal's reason when the abort comes while the body is read", async () => {
      const controller = new AbortController();
      const { client } = setup(() => ({
        ...jsonResponse(200, CATALOG),
        json: () => {
          controller.abort();
          return Promise.reject(controller.signal.reason as Error);
        },
      }));

      const error = await client
        .listIntegrations(controller.signal)
        .catch((reason: unknown) => reason);

      expect(controller.signal.aborted).toBe(true);
      expect(error).toBe(controller.signal.reason);
    });

    it('should reject with the reason when fetch ignores the signal and answers after the abort', async () => {
      const controller = new AbortController();
      const pending = deferred<Response>();
      const { client } = setup(() => pending.promise);

      const listed = client.listIntegrations(controller.signal);
      controller.abort();
      pending.resolve(jsonResponse(200, CATALOG));

      await expect(listed).rejects.toBe(controller.signal.reason);
    });
  });
});
