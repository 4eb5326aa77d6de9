import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import { inspect } from 'node:util';
import type { LoopbackServer } from '../core/loopback-server.spec-utils.js';
import { listenOnLoopback } from '../core/loopback-server.spec-utils.js';
import {
  tenantTokenOf,
  verifyPandiumToken,
} from '../../../../test/support/pandium-token.verifier.js';
import type { ClaimsProvider } from '../core/claims-provider.interface.js';
import type {
  PandiumApiCatalogOptions,
  PandiumApiIntegration,
} from './pandium-api-catalog-options.interface.js';
import type { PandiumClock } from '../core/pandium-clock.interface.js';
import type { PandiumIntegration } from '../core/pandium-integration.interface.js';
import type { PandiumUserClaims } from '../core/pandium-claims.interface.js';
import type { TokenProvider } from '../core/token-provider.interface.js';
import { PandiumApiIntegrationCatalog } from './pandium-api-integration.catalog.js';
import { PandiumApiError } from '../errors/pandium-api.error.js';
import { PandiumOptionsError } from '../errors/pandium-options.error.js';
import { PandiumEmbedModule } from '../module/pandium-embed.module.js';
import { PandiumEmbedService } from '../core/pandium-embed.service.js';
import { PandiumTestClock } from '../testing/pandium-test.clock.js';
import { PandiumSecret } from '../options/pandium.secret.js';

interface TestUser {
  id: string;
  plan: 'free' | 'pro';
}

const API_KEY = 'pk_test_api-key-that-must-never-leak-0123456789';
const SECRET = 'api-catalog-spec-secret-that-must-never-leak-0123';
const TTL_MS = 300_000;
const RETRY_MS = 30_000;
const alice: TestUser = { id: 'alice', plan: 'pro' };

/** Pandium's list as the fake API serves it. */
const netsuite = {
  id: 1042,
  name: 'netsuite-orders',
  long_name: 'NetSuite orders',
  connectors: [{ name: 'netsuite', id: 7 }, { name: 'shopify' }],
  created_date: '2030-01-01T00:00:00Z',
};
const shopify = { id: '2001', name: 'shopify-sync', connectors: ['shopify'] };
const hubspot = {
  id: 3003,
  name: 'hubspot-contacts',
  long_name: null,
  connectors: ['hubspot'],
};

/** What the catalog makes of them. */
const mapped: Record<string, PandiumIntegration> = {
  netsuite: {
    id: '1042',
    name: 'netsuite-orders',
    connectorName: 'netsuite',
    displayName: 'NetSuite orders',
  },
  shopify: { id: '2001', name: 'shopify-sync', connectorName: 'shopify' },
  hubspot: { id: '3003', name: 'hubspot-contacts', connectorName: 'hubspot' },
};

/** `count` valid items with ids 1…count. */
const numbered = (count: number): Record<string, unknown>[] =>
  Array.from({ length: count }, (_, i) => ({
    id: i + 1,
    name: `integration-${i + 1}`,
    connectors: ['connector'],
  }));

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

interface RecordedRequest {
  method: string | undefined;
  path: string;
  limit: string | null;
  skip: string | null;
  apiKey: string | string[] | undefined;
}

/** A stand-in for Pandium's REST API on 127.0.0.1: records every request and answers with `handler`. */
class FakePandiumApi {
  readonly requests: RecordedRequest[] = [];

  handler: Handler = (request, response) =>
    this.servePaged([])(request, response);

  private readonly server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    this.requests.push({
      method: request.method,
      path: url.pathname,
      limit: url.searchParams.get('limit'),
      skip: url.searchParams.get('skip'),
      apiKey: request.headers['x-api-key'],
    });
    this.handler(request, response);
  });

  private listening: LoopbackServer | undefined;

  get baseUrl(): string {
    return this.listening!.origin;
  }

  async start(): Promise<void> {
    this.listening = await listenOnLoopback(this.server);
  }

  async stop(): Promise<void> {
    await this.listening?.close();
  }

  /** Serves `items` as the real API would page them, as a bare array or inside `envelope`. */
  servePaged(items: unknown[], envelope?: string): Handler {
    return (request, response) => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const skip = Number(url.searchParams.get('skip') ?? 0);
      const limit = Number(url.searchParams.get('limit') ?? items.length);
      const page = items.slice(skip, skip + limit);
      json(response, envelope === undefined ? page : { [envelope]: page });
    };
  }

  /** Serves `items` (all of them, on every page) and sets the handler. */
  serve(items: unknown[]): void {
    this.handler = this.servePaged(items);
  }
}

function json(response: ServerResponse, body: unknown, status = 200): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

/** Answers 200 with a body that is not JSON. */
const malformedJson: Handler = (_request, response) => {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end('[{"id": 1042, "name": ');
};

/** Never answers: the request hangs until the client gives up. */
const hang: Handler = () => undefined;

/** Answers with a status and an error body that echoes the key, as a careless server might. */
const status =
  (code: number): Handler =>
  (request, response) =>
    json(
      response,
      { error: 'denied', key: request.headers['x-api-key'] },
      code,
    );

describe('PandiumApiIntegrationCatalog', () => {
  let api: FakePandiumApi;
  let clock: PandiumTestClock;
  let warn: jest.SpiedFunction<Logger['warn']>;
  let logs: jest.SpiedFunction<Logger['log']>[];

  beforeEach(async () => {
    api = new FakePandiumApi();
    await api.start();
    clock = new PandiumTestClock();
    warn = jest
      .spyOn(Logger.prototype, 'warn')
      .mockImplementation(() => undefined);
    logs = (['log', 'error', 'debug', 'verbose', 'fatal'] as const).map(
      (level) =>
        jest.spyOn(Logger.prototype, level).mockImplementation(() => undefined),
    );
  });

  afterEach(async () => {
    jest.restoreAllMocks();
    await api.stop();
  });

  /** A catalog reading the fake API, on the test clock. */
  function catalogOf(
    options: Partial<PandiumApiCatalogOptions<TestUser>> = {},
  ): PandiumApiIntegrationCatalog<TestUser> {
    return new PandiumApiIntegrationCatalog<TestUser>({
      apiKey: API_KEY,
      apiBaseUrl: api.baseUrl,
      clock,
      ...options,
    });
  }

  /** Every argument of every log call, at every level, as one string. */
  const allLoggedText = (): string =>
    JSON.stringify([warn.mock.calls, ...logs.map((spy) => spy.mock.calls)]);

  /** The warnings logged, one string each. */
  const warnings = (): string[] =>
    warn.mock.calls.map((call) => call.map(String).join(' '));

  const idsOf = (integrations: PandiumIntegration[]): string[] =>
    integrations.map(({ id }) => id);

  describe('constructor', () => {
    /** The PandiumOptionsError that building with these options throws. */
    function optionsError(
      options: Record<string, unknown>,
    ): PandiumOptionsError {
      try {
        new PandiumApiIntegrationCatalog(
          options as unknown as PandiumApiCatalogOptions,
        );
      } catch (error) {
        expect(error).toBeInstanceOf(PandiumOptionsError);
        return error as PandiumOptionsError;
      }
      throw new Error('expected the options to be refused');
    }

    it.each([
      ['apiKey', { apiKey: '' }],
      ['apiKey', { apiKey: 42 }],
      ['apiKey', { apiKey: undefined }],
      ['environment', { environment: 'staging' }],
      ['apiBaseUrl', { apiBaseUrl: 'http://api.example.com' }],
      ['apiBaseUrl', { apiBaseUrl: 'https://api.example.com/?x=1' }],
      ['ttlSeconds', { ttlSeconds: 0 }],
      ['ttlSeconds', { ttlSeconds: 86401 }],
      ['requestTimeoutMs', { requestTimeoutMs: 99 }],
      ['requestTimeoutMs', { requestTimeoutMs: 60001 }],
      ['pageSize', { pageSize: 0 }],
      ['pageSize', { pageSize: 501 }],
      ['pageSize', { pageSize: 2.5 }],
      ['connectorName', { connectorName: '' }],
      ['connectorName', { connectorName: 42 }],
      ['filter', { filter: 'pro-only' }],
      ['clock', { clock: { now: 42 } }],
      ['clock', { clock: () => 42 }],
      ['unknownOption', { unknownOption: true }],
    ])('should refuse a bad %s, naming it', (field, bad) => {
      const error = optionsError({ apiKey: API_KEY, ...bad });

      expect(error.message).toContain('PandiumApiIntegrationCatalog options');
      expect(error.problems).toHaveLength(1);
      expect(error.problems[0]).toMatch(new RegExp(`^${field} `));
    });

    it('should never put the API key in the message', () => {
      const error = optionsError({
        apiKey: `${API_KEY}\n`,
        environment: API_KEY,
        ttlSeconds: API_KEY,
      });

      expect(error.problems[0]).toMatch(/^apiKey .*white space/);
      expect(error.problems.join('\n')).toMatch(/^environment /m);
      expect(error.problems.join('\n')).toMatch(/^ttlSeconds /m);
      expect(error.message).not.toContain(API_KEY);
    });

    it('should accept a clock that is a class instance, and use it as given', async () => {
      class InjectedClock implements PandiumClock {
        constructor(private readonly source: PandiumTestClock) {
          // A class-transformer copy would call this without arguments.
          if (!(source instanceof PandiumTestClock)) {
            throw new Error('InjectedClock needs a PandiumTestClock');
          }
        }

        now(): number {
          return this.source.now();
        }
      }
      api.serve([shopify]);
      const catalog = catalogOf({ clock: new InjectedClock(clock) });

      await catalog.listIntegrations(alice);
      clock.advance(TTL_MS);
      await catalog.listIntegrations(alice);
      await catalog.refresh();

      expect(api.requests).toHaveLength(2);
    });
  });

  describe('requests', () => {
    it('should send the API key as X-API-KEY on GET /v2/integrations', async () => {
      api.serve([netsuite]);

      await catalogOf().listIntegrations(alice);

      expect(api.requests).toEqual([
        {
          method: 'GET',
          path: '/v2/integrations',
          limit: '500',
          skip: '0',
          apiKey: API_KEY,
        },
      ]);
    });

    it('should send an API key given as a PandiumSecret', async () => {
      api.serve([netsuite]);

      await catalogOf({ apiKey: PandiumSecret.from(API_KEY) }).listIntegrations(
        alice,
      );

      expect(api.requests.map(({ apiKey }) => apiKey)).toEqual([API_KEY]);
    });

    it('should never show the API key when the catalog is inspected or serialised', () => {
      const catalog = catalogOf();

      expect(inspect(catalog, { depth: 10, showHidden: true })).not.toContain(
        API_KEY,
      );
      expect(JSON.stringify(catalog)).not.toContain(API_KEY);
    });

    it('should page with limit and skip until a page is short, keeping the order', async () => {
      api.serve(numbered(5));

      const integrations = await catalogOf({ pageSize: 2 }).listIntegrations(
        alice,
      );

      expect(api.requests.map(({ limit, skip }) => [limit, skip])).toEqual([
        ['2', '0'],
        ['2', '2'],
        ['2', '4'],
      ]);
      expect(idsOf(integrations)).toEqual(['1', '2', '3', '4', '5']);
    });

    it('should stop at an empty page when the list fills its last page', async () => {
      api.serve(numbered(4));

      const integrations = await catalogOf({ pageSize: 2 }).listIntegrations(
        alice,
      );

      expect(api.requests.map(({ skip }) => skip)).toEqual(['0', '2', '4']);
      expect(integrations).toHaveLength(4);
    });

    it('should take a page longer than limit as the whole list', async () => {
      api.handler = (_request, response) => json(response, numbered(3));

      const integrations = await catalogOf({ pageSize: 2 }).listIntegrations(
        alice,
      );

      expect(api.requests).toHaveLength(1);
      expect(integrations).toHaveLength(3);
    });

    it('should stop after 100 full pages and fail, when the API ignores skip', async () => {
      api.handler = (_request, response) => json(response, numbered(1));
      const catalog = catalogOf({ pageSize: 1 });

      await expect(catalog.listIntegrations(alice)).rejects.toMatchObject({
        reason: 'too-many-pages',
      });
      expect(api.requests).toHaveLength(100);
      expect(warnings().join('\n')).toMatch(/more than 100 pages/);
    });

    it('should keep a base URL path in front of /v2/integrations', async () => {
      api.serve([shopify]);

      await catalogOf({
        apiBaseUrl: `${api.baseUrl}/pandium-proxy/`,
      }).listIntegrations(alice);

      expect(api.requests[0].path).toBe('/pandium-proxy/v2/integrations');
    });

    it.each([
      ['production', 'https://api.pandium.io/v2/integrations'],
      ['sandbox', 'https://api.sandbox.pandium.com/v2/integrations'],
      ['demo', 'https://api.sandbox.pandium.com/v2/integrations'],
      [undefined, 'https://api.sandbox.pandium.com/v2/integrations'],
    ] as const)(
      'should read the %s environment from its API host',
      async (environment, expected) => {
        // Stubbed: these hosts are never contacted from a test.
        const fetchSpy = jest
          .spyOn(globalThis, 'fetch')
          .mockResolvedValue(Response.json([shopify]));
        const catalog = new PandiumApiIntegrationCatalog({
          apiKey: API_KEY,
          environment,
        });

        await catalog.listIntegrations(alice);

        const [url, init] = fetchSpy.mock.calls[0];
        expect(url).toBeInstanceOf(URL);
        expect((url as URL).href).toBe(`${expected}?limit=500&skip=0`);
        expect(init?.headers).toMatchObject({ 'X-API-KEY': API_KEY });
        expect(init?.redirect).toBe('error');
      },
    );

    it('should not follow a redirect, so the key goes nowhere else', async () => {
      api.handler = (_request, response) => {
        response.writeHead(302, { location: 'http://localhost:9/steal' });
        response.end();
      };

      await expect(catalogOf().listIntegrations(alice)).rejects.toMatchObject({
        reason: 'network',
      });
      expect(api.requests).toHaveLength(1);
    });
  });

  describe('answer shape', () => {
    it.each(['data', 'results', 'items'])(
      'should read the list under %s',
      async (envelope) => {
        api.handler = api.servePaged([netsuite, shopify], envelope);

        const integrations = await catalogOf().listIntegrations(alice);

        expect(integrations).toEqual([mapped.netsuite, mapped.shopify]);
      },
    );

    it.each([
      ['an object without a list', { integrations: [netsuite] }],
      ['a string', 'netsuite'],
      ['null', null],
    ])('should fail on %s, warning about the shape', async (_label, body) => {
      api.handler = (_request, response) => json(response, body);

      await expect(catalogOf().listIntegrations(alice)).rejects.toMatchObject({
        reason: 'invalid-response',
      });
      expect(warnings().join('\n')).toMatch(/unexpected shape/);
    });
  });

  describe('mapping', () => {
    it('should map id, name, long_name and the first connector', async () => {
      api.serve([netsuite, shopify, hubspot]);

      const integrations = await catalogOf().listIntegrations(alice);

      expect(integrations).toStrictEqual([
        mapped.netsuite,
        mapped.shopify,
        mapped.hubspot,
      ]);
    });

    it('should leave out an empty long_name', async () => {
      api.serve([{ ...shopify, long_name: '' }]);

      const [integration] = await catalogOf().listIntegrations(alice);

      expect(integration).not.toHaveProperty('displayName');
    });

    it('should use a connectorName string for every integration', async () => {
      api.serve([netsuite, shopify]);

      const integrations = await catalogOf({
        connectorName: 'acme-app',
      }).listIntegrations(alice);

      expect(integrations.map(({ connectorName }) => connectorName)).toEqual([
        'acme-app',
        'acme-app',
      ]);
    });

    it('should call a connectorName function with Pandium’s whole record', async () => {
      api.serve([netsuite, shopify]);
      const seen: PandiumApiIntegration[] = [];

      const integrations = await catalogOf({
        connectorName: (integration) => {
          seen.push(integration);
          return `${integration.name}-connector`;
        },
      }).listIntegrations(alice);

      expect(integrations.map(({ connectorName }) => connectorName)).toEqual([
        'netsuite-orders-connector',
        'shopify-sync-connector',
      ]);
      expect(seen[0]).toEqual(netsuite);
    });

    it('should let a connectorName function do without connectors', async () => {
      api.serve([{ id: 9, name: 'bare' }]);

      const integrations = await catalogOf({
        connectorName: () => 'acme-app',
      }).listIntegrations(alice);

      expect(integrations).toEqual([
        { id: '9', name: 'bare', connectorName: 'acme-app' },
      ]);
    });

    it('should leave out archived integrations, without a warning', async () => {
      api.serve([
        { ...netsuite, archived: true },
        { ...shopify, archived: false },
        { id: 'not-even-valid', archived: true },
      ]);

      const integrations = await catalogOf().listIntegrations(alice);

      expect(integrations).toEqual([mapped.shopify]);
      expect(warn).not.toHaveBeenCalled();
    });

    it.each([
      ['name', { ...shopify, id: 17, name: 42 }, 'item 2 (id 17): name'],
      ['id', { ...shopify, id: 'abc' }, 'item 2: id'],
      ['id', { ...shopify, id: -3 }, 'item 2: id'],
      ['long_name', { ...shopify, id: 17, long_name: 7 }, 'long_name'],
      ['connectors', { ...shopify, id: 17, connectors: [{}] }, 'connectors'],
      ['connectors', { ...shopify, id: 17, connectors: [] }, 'connectors'],
      ['connectors', { id: 17, name: 'no-connectors' }, 'connectors'],
      ['(root)', 'shopify', 'item 2: (root)'],
      [
        'id',
        { ...netsuite, long_name: 'Again' },
        'item 2 (id 1042): id is listed twice',
      ],
    ])(
      'should leave out an item with a bad %s, with one warning naming it',
      async (_field, item, named) => {
        api.serve([netsuite, item, hubspot]);

        const integrations = await catalogOf().listIntegrations(alice);

        expect(integrations).toEqual([mapped.netsuite, mapped.hubspot]);
        expect(warn).toHaveBeenCalledTimes(1);
        expect(warnings()[0]).toContain('Left out 1 of 3 integrations');
        expect(warnings()[0]).toContain(named);
      },
    );

    it.each([
      [
        'the item',
        '{"constructor": "Integration"}',
        'item 2 (id 17): constructor',
      ],
      ['the item', '{"__proto__": {"id": 1}}', 'item 2 (id 17): __proto__'],
      ['the item', '{"toString": "x"}', 'item 2 (id 17): toString'],
      [
        'a connector',
        '{"connectors": [{"name": "shopify", "constructor": {"name": "x"}}]}',
        'item 2 (id 17): connectors.0.constructor',
      ],
    ])(
      'should leave out an item with a key named after an Object.prototype member in %s, with one warning naming it',
      async (_where, fields, named) => {
        // JSON.parse makes an own key of any name, as the API's answer would.
        const item = { ...shopify, id: 17, ...JSON.parse(fields) };
        api.serve([netsuite, item, hubspot]);

        const integrations = await catalogOf().listIntegrations(alice);

        expect(integrations).toEqual([mapped.netsuite, mapped.hubspot]);
        expect(warn).toHaveBeenCalledTimes(1);
        expect(warnings()[0]).toContain('Left out 1 of 3 integrations');
        expect(warnings()[0]).toContain(`${named} is named after`);
      },
    );

    it('should keep an item with a deeply nested field it does not read, and leave out an invalid one', async () => {
      // Written out by hand: JSON.stringify gives up at such depths, JSON.parse does not (nor does the API's answer).
      const deep = `${'['.repeat(20_000)}0${']'.repeat(20_000)}`;
      const withDeep = (item: object): string =>
        `${JSON.stringify(item).slice(0, -1)},"metadata":${deep}}`;
      api.handler = (_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(
          `[${JSON.stringify(netsuite)},${withDeep(shopify)},${withDeep({ ...hubspot, name: '' })}]`,
        );
      };

      const integrations = await catalogOf().listIntegrations(alice);

      expect(integrations).toEqual([mapped.netsuite, mapped.shopify]);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warnings()[0]).toContain('Left out 1 of 3 integrations');
      expect(warnings()[0]).toContain('item 3 (id 3003)');
    });

    it.each([
      ['returns an empty name', () => ''],
      ['returns a non-string', () => 42 as unknown as string],
      [
        'throws',
        () => {
          throw new TypeError('no connector');
        },
      ],
    ])(
      'should leave out an item whose connectorName function %s',
      async (_label, connectorName) => {
        api.serve([shopify]);

        const integrations = await catalogOf({
          connectorName,
        }).listIntegrations(alice);

        expect(integrations).toEqual([]);
        expect(warnings()).toEqual([
          expect.stringMatching(/item 1 \(id 2001\): connectorName option/),
        ]);
      },
    );

    it('should describe at most 10 left-out items and count the rest', async () => {
      api.serve([
        ...numbered(12).map((item) => ({ ...item, name: '' })),
        shopify,
      ]);

      const integrations = await catalogOf().listIntegrations(alice);

      expect(integrations).toEqual([mapped.shopify]);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warnings()[0]).toContain('Left out 12 of 13');
      expect(warnings()[0]).toContain('item 10 (id 10)');
      expect(warnings()[0]).not.toContain('item 11 (id 11)');
      expect(warnings()[0]).toContain('and 2 more');
    });
  });

  describe('cache', () => {
    it('should answer from memory within the TTL', async () => {
      api.serve([netsuite]);
      const catalog = catalogOf();

      await catalog.listIntegrations(alice);
      api.serve([shopify]);
      clock.advance(TTL_MS - 1);
      const again = await catalog.listIntegrations(alice);

      expect(api.requests).toHaveLength(1);
      expect(again).toEqual([mapped.netsuite]);
    });

    it('should use ttlSeconds as the TTL', async () => {
      api.serve([netsuite]);
      const catalog = catalogOf({ ttlSeconds: 10 });

      await catalog.listIntegrations(alice);
      clock.advance(9_999);
      await catalog.listIntegrations(alice);
      expect(api.requests).toHaveLength(1);
      clock.advance(1);
      await catalog.listIntegrations(alice);
      await catalog.refresh();

      expect(api.requests).toHaveLength(2);
    });

    it('should make one request for concurrent first calls', async () => {
      api.serve([netsuite, shopify]);
      const catalog = catalogOf();

      const answers = await Promise.all(
        Array.from({ length: 5 }, () => catalog.listIntegrations(alice)),
      );

      expect(api.requests).toHaveLength(1);
      for (const answer of answers) {
        expect(answer).toEqual([mapped.netsuite, mapped.shopify]);
      }
    });

    it('should answer the stale copy at once after the TTL, and the next call the new one', async () => {
      api.serve([netsuite]);
      const catalog = catalogOf();
      await catalog.listIntegrations(alice);
      clock.advance(TTL_MS);
      // The refresh is held until released, to show the stale answer does not wait for it.
      let release = (): void => undefined;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      api.handler = (request, response) => {
        void held.then(() => api.servePaged([shopify])(request, response));
      };

      const stale = await catalog.listIntegrations(alice);
      expect(stale).toEqual([mapped.netsuite]);
      await until(() => api.requests.length === 2);

      release();
      await catalog.refresh();
      expect(await catalog.listIntegrations(alice)).toEqual([mapped.shopify]);
      expect(api.requests).toHaveLength(2);
    });

    it('should run one background refresh at a time for concurrent stale calls', async () => {
      api.serve([netsuite]);
      const catalog = catalogOf();
      await catalog.listIntegrations(alice);
      clock.advance(TTL_MS);
      api.serve([shopify]);

      const answers = await Promise.all(
        Array.from({ length: 5 }, () => catalog.listIntegrations(alice)),
      );
      await catalog.refresh();

      expect(answers).toEqual(Array(5).fill([mapped.netsuite]));
      expect(api.requests).toHaveLength(2);
    });

    it('should not let a caller change the cache', async () => {
      api.serve([netsuite]);
      const catalog = catalogOf();

      const first = await catalog.listIntegrations(alice);
      first[0].name = 'changed';
      first.push(mapped.shopify);

      expect(await catalog.listIntegrations(alice)).toEqual([mapped.netsuite]);
    });
  });

  describe('when a refresh fails', () => {
    it.each([
      ['a time-out', hang, /timed out.*within 100 ms/],
      ['a 401', status(401), /answered 401 .*Check apiKey/],
      ['a 500', status(500), /answered 500 /],
      ['malformed JSON', malformedJson, /malformed JSON/],
    ])(
      'should keep serving the last good copy after %s, and warn with the cause',
      async (_label, failure, cause) => {
        api.serve([netsuite]);
        const catalog = catalogOf({ requestTimeoutMs: 100 });
        await catalog.listIntegrations(alice);
        clock.advance(TTL_MS);
        api.handler = failure;

        const stale = await catalog.listIntegrations(alice);
        await expect(catalog.refresh()).rejects.toBeInstanceOf(PandiumApiError);

        expect(stale).toEqual([mapped.netsuite]);
        expect(await catalog.listIntegrations(alice)).toEqual([
          mapped.netsuite,
        ]);
        expect(warn).toHaveBeenCalledTimes(1);
        expect(warnings()[0]).toMatch(cause);
        expect(warnings()[0]).toContain('Serving the list loaded before');
        expect(allLoggedText()).not.toContain(API_KEY);
      },
    );

    it('should wait 30 s (at most the TTL) before trying again', async () => {
      api.serve([netsuite]);
      const catalog = catalogOf();
      await catalog.listIntegrations(alice);
      clock.advance(TTL_MS);
      api.handler = status(503);
      await catalog.listIntegrations(alice);
      await expect(catalog.refresh()).rejects.toThrow(/503/);
      expect(api.requests).toHaveLength(2);

      clock.advance(RETRY_MS - 1);
      await catalog.listIntegrations(alice);
      expect(api.requests).toHaveLength(2);

      api.serve([shopify]);
      clock.advance(1);
      await catalog.listIntegrations(alice);
      await catalog.refresh();
      expect(await catalog.listIntegrations(alice)).toEqual([mapped.shopify]);
      expect(api.requests).toHaveLength(3);
    });

    it.each([
      ['a time-out', hang, 'timeout', 'PANDIUM_API_TIMEOUT'],
      ['a 401', status(401), 'status', 'PANDIUM_API_BAD_STATUS'],
      [
        'malformed JSON',
        malformedJson,
        'malformed-json',
        'PANDIUM_API_MALFORMED_JSON',
      ],
    ])(
      'should reject with a PandiumApiError after %s when no copy was ever loaded, and try again on the next call',
      async (_label, failure, reason, code) => {
        api.handler = failure;
        const catalog = catalogOf({ requestTimeoutMs: 100 });

        await expect(catalog.listIntegrations(alice)).rejects.toMatchObject({
          name: 'PandiumApiError',
          reason,
          code,
        });
        expect(warnings()).toEqual([
          expect.stringContaining('No integration list was loaded yet'),
        ]);

        api.serve([netsuite]);
        expect(await catalog.listIntegrations(alice)).toEqual([
          mapped.netsuite,
        ]);
        expect(api.requests).toHaveLength(2);
        expect(allLoggedText()).not.toContain(API_KEY);
      },
    );

    it('should name the cause when the API cannot be reached', async () => {
      const baseUrl = api.baseUrl;
      await api.stop();
      const catalog = new PandiumApiIntegrationCatalog({
        apiKey: API_KEY,
        apiBaseUrl: baseUrl,
      });

      await expect(catalog.listIntegrations(alice)).rejects.toMatchObject({
        reason: 'network',
      });
      expect(warnings()[0]).toMatch(/ECONNREFUSED/);
      await api.start();
    });
  });

  describe('filter', () => {
    it('should get the cached list and the user, and answer what it returns', async () => {
      api.serve([netsuite, shopify]);
      const filter = jest.fn(
        (integrations: PandiumIntegration[], user: TestUser) =>
          user.plan === 'pro' ? integrations : integrations.slice(1),
      );
      const catalog = catalogOf({ filter });

      const forAlice = await catalog.listIntegrations(alice);
      const forBob = await catalog.listIntegrations({
        id: 'bob',
        plan: 'free',
      });

      expect(filter).toHaveBeenNthCalledWith(
        1,
        [mapped.netsuite, mapped.shopify],
        alice,
      );
      expect(forAlice).toEqual([mapped.netsuite, mapped.shopify]);
      expect(forBob).toEqual([mapped.shopify]);
      expect(api.requests).toHaveLength(1);
    });

    it('should await an async filter, and not let it change the cache', async () => {
      api.serve([netsuite, shopify]);
      let calls = 0;
      const catalog = catalogOf({
        filter: (integrations) => {
          calls += 1;
          if (calls === 1) {
            integrations[0].displayName = 'Renamed';
            integrations.pop();
          }
          return Promise.resolve(integrations);
        },
      });

      expect(await catalog.listIntegrations(alice)).toEqual([
        { ...mapped.netsuite, displayName: 'Renamed' },
      ]);
      expect(await catalog.listIntegrations(alice)).toEqual([
        mapped.netsuite,
        mapped.shopify,
      ]);
    });
  });

  describe('onApplicationShutdown', () => {
    it('should abort the request under way, without a warning, and load nothing more', async () => {
      api.handler = hang;
      const catalog = catalogOf({ requestTimeoutMs: 60_000 });
      const started = Date.now();

      const listing = catalog.listIntegrations(alice);
      await until(() => api.requests.length === 1);
      catalog.onApplicationShutdown();

      await expect(listing).rejects.toMatchObject({ reason: 'shut-down' });
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(warn).not.toHaveBeenCalled();
      await expect(catalog.listIntegrations(alice)).rejects.toMatchObject({
        reason: 'shut-down',
      });
      expect(api.requests).toHaveLength(1);
    });
  });

  describe('in PandiumEmbedModule', () => {
    class AppClaimsProvider implements ClaimsProvider<TestUser> {
      getClaims(user: TestUser): PandiumUserClaims {
        return {
          sub: `user-${user.id}`,
          ti: { udn: 'Acme', ufn: 'Alice', uem: 'alice@acme.test' },
        };
      }
    }

    class AppTokenProvider implements TokenProvider<TestUser> {
      getToken(): string {
        return 'connector-token';
      }
    }

    async function setup(catalog: PandiumApiIntegrationCatalog<TestUser>) {
      const moduleRef = await Test.createTestingModule({
        imports: [
          PandiumEmbedModule.forRoot({
            account: 'acme',
            sharedSecret: SECRET,
            claimsProvider: AppClaimsProvider,
            tokenProvider: AppTokenProvider,
            integrationCatalog: { useValue: catalog },
            controller: false,
          }),
        ],
      }).compile();
      return {
        moduleRef,
        service:
          moduleRef.get<PandiumEmbedService<TestUser>>(PandiumEmbedService),
      };
    }

    it('should sign an install URL for an integration listed by the API', async () => {
      api.serve([netsuite, shopify]);
      const { moduleRef, service } = await setup(catalogOf());

      const { url, integrationId } = await service.createInstallUrl(
        alice,
        '1042',
      );

      expect(integrationId).toBe('1042');
      expect(url).toMatch(
        /^https:\/\/imp\.sandbox\.pandium\.com\/acme\/tenants\/create\/1042\?tenant=/,
      );
      const { payload } = await verifyPandiumToken(tenantTokenOf(url), SECRET);
      expect(payload.ti).toMatchObject({
        xti: expect.objectContaining({
          integration_name: 'netsuite-orders',
          connector_name: 'netsuite',
        }),
      });
      await expect(
        service.createInstallUrl(alice, '9999'),
      ).rejects.toMatchObject({ code: 'PANDIUM_INTEGRATION_NOT_FOUND' });
      expect(api.requests).toHaveLength(1);
      await moduleRef.close();
    });

    it('should answer 502 while the API has never answered, without the key in any log line', async () => {
      api.handler = status(401);
      const { moduleRef, service } = await setup(catalogOf());

      await expect(
        service.createInstallUrl(alice, '1042'),
      ).rejects.toMatchObject({ code: 'PANDIUM_STRATEGY_FAILED' });
      expect(allLoggedText()).toContain('answered 401');
      expect(allLoggedText()).not.toContain(API_KEY);
      await moduleRef.close();
    });

    it('should abort the request under way when the application shuts down', async () => {
      api.handler = hang;
      const catalog = catalogOf({ requestTimeoutMs: 60_000 });
      const { moduleRef } = await setup(catalog);

      const listing = catalog.listIntegrations(alice);
      await until(() => api.requests.length === 1);
      await moduleRef.close();

      await expect(listing).rejects.toMatchObject({ reason: 'shut-down' });
    });
  });
});

/** Waits until `condition` holds, checking every few milliseconds. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
