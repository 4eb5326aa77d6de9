import {
  afterAll,
  afterEach,
  beforeAll,
  describe,
  expect,
  it,
  jest,
} from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { LoopbackServer } from '../core/loopback-server.spec-utils.js';
import { listenOnLoopback } from '../core/loopback-server.spec-utils.js';
import { PandiumSecret } from '../options/pandium.secret.js';
import { PandiumTestClock } from '../testing/pandium-test.clock.js';
import { PandiumTenantStatusSource } from './pandium-tenant-status.source.js';
import { PandiumTenantsClient } from './pandium-tenants.client.js';
import { InMemoryStatusStore } from './in-memory-status.store.js';
import type { PandiumStatusStore } from './pandium-status-store.interface.js';

const API_KEY = 'tenants-spec-key-5d1c';
const TTL_MS = 30_000;

type Handler = (url: URL, response: ServerResponse) => void;

let handler: Handler;
const requests: { url: URL; apiKey: string | string[] | undefined }[] = [];
const server = createServer((request: IncomingMessage, response) => {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  requests.push({ url, apiKey: request.headers['x-api-key'] });
  handler(url, response);
});

function send(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(body);
}

/** `count` live tenants of integrations 1…count. */
const tenants = (count: number) =>
  Array.from({ length: count }, (_, i) => ({
    id: 100 + i,
    integration_id: i + 1,
    archived: false,
    paused: false,
    status: { auth: { connected: true }, last_run: null },
  }));

/** Serves `all` as Pandium pages them. */
const paged =
  (all: unknown[]): Handler =>
  (url, response) => {
    const skip = Number(url.searchParams.get('skip'));
    const limit = Number(url.searchParams.get('limit'));
    send(response, 200, JSON.stringify(all.slice(skip, skip + limit)));
  };

const REFRESH_MS = 5000;

interface SourceSetup {
  pageSize?: number;
  requestTimeoutMs?: number;
  maxPages?: number;
  waitMs?: number;
  store?: PandiumStatusStore;
  clock?: PandiumTestClock;
}

function source({
  pageSize = 500,
  requestTimeoutMs = 2000,
  maxPages = 5,
  waitMs,
  clock = new PandiumTestClock(),
  store = new InMemoryStatusStore(clock),
}: SourceSetup = {}) {
  const client = new PandiumTenantsClient({
    apiKey: PandiumSecret.from(API_KEY),
    apiBaseUrl: `${api.origin}/`,
    pageSize,
    maxPages,
    requestTimeoutMs,
  });
  return {
    clock,
    store,
    statuses: new PandiumTenantStatusSource(client, store, clock, {
      ttlMs: TTL_MS,
      refreshIntervalMs: REFRESH_MS,
      waitMs,
    }),
  };
}

let warn: jest.SpiedFunction<Logger['warn']>;
let error: jest.SpiedFunction<Logger['error']>;

let api: LoopbackServer;

beforeAll(async () => {
  api = await listenOnLoopback(server);
});

afterAll(() => api.close());

beforeEach(() => {
  requests.length = 0;
  warn = jest
    .spyOn(Logger.prototype, 'warn')
    .mockImplementation(() => undefined);
  error = jest
    .spyOn(Logger.prototype, 'error')
    .mockImplementation(() => undefined);
});

afterEach(() => {
  jest.restoreAllMocks();
});

function logged(): string {
  return JSON.stringify([...warn.mock.calls, ...error.mock.calls]);
}

describe('PandiumTenantStatusSource', () => {
  it("should ask for the user's live tenants with the key in X-API-KEY, and map them", async () => {
    handler = paged(tenants(1));
    const { statuses } = source();

    expect(await statuses.statusesFor('jane@acme')).toEqual(
      new Map([['1', { state: 'installed', tenantId: 100 }]]),
    );
    expect(requests).toHaveLength(1);
    const [{ url, apiKey }] = requests;
    expect(url.pathname).toBe('/v2/tenants');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      user_name: 'jane@acme',
      archived: 'false',
      limit: '500',
      skip: '0',
    });
    expect(apiKey).toBe(API_KEY);
  });

  it('should read pages until one comes back shorter than the limit', async () => {
    handler = paged(tenants(5));
    const { statuses } = source({ pageSize: 2 });

    expect((await statuses.statusesFor('jane'))?.size).toBe(5);
    expect(requests.map(({ url }) => url.searchParams.get('skip'))).toEqual([
      '0',
      '2',
      '4',
    ]);
  });

  it('should read one more, empty page when the list fills its last page', async () => {
    handler = paged(tenants(4));
    const { statuses } = source({ pageSize: 2 });

    expect((await statuses.statusesFor('jane'))?.size).toBe(4);
    expect(requests).toHaveLength(3);
  });

  it('should call Pandium once per user per TTL', async () => {
    handler = paged(tenants(1));
    const { clock, statuses } = source();

    await statuses.statusesFor('jane');
    await statuses.statusesFor('jane');
    expect(requests).toHaveLength(1);
    clock.advance(TTL_MS);
    await statuses.statusesFor('jane');
    expect(requests).toHaveLength(2);
  });

  it('should read again after forget(), and after a refresh() honoured at most once per interval per user', async () => {
    handler = paged(tenants(1));
    const { clock, statuses } = source();

    await statuses.statusesFor('jane');
    await statuses.forget('jane');
    await statuses.statusesFor('jane');
    expect(requests).toHaveLength(2);

    expect(await statuses.refresh('jane')).toBe(true);
    await statuses.statusesFor('jane');
    expect(await statuses.refresh('jane')).toBe(false);
    expect(await statuses.refresh('raj')).toBe(true);
    await statuses.statusesFor('jane');
    expect(requests).toHaveLength(3);
    clock.advance(REFRESH_MS);
    expect(await statuses.refresh('jane')).toBe(true);
    await statuses.statusesFor('jane');
    expect(requests).toHaveLength(4);
  });

  it('should know which user a tenant it has listed belongs to', async () => {
    handler = paged(tenants(2));
    const { statuses } = source();

    expect(await statuses.userOfTenant(100)).toBeUndefined();
    await statuses.statusesFor('jane');
    expect(await statuses.userOfTenant(100)).toBe('jane');
    expect(await statuses.userOfTenant(101)).toBe('jane');
    expect(await statuses.userOfTenant(999)).toBeUndefined();
  });

  it.each([401, 403])(
    'should give undefined on %i, with one error naming PANDIUM_API_KEY and never the key',
    async (status) => {
      handler = (_url, response) => send(response, status, '{"message":"no"}');
      const { statuses } = source();

      expect(await statuses.statusesFor('jane')).toBeUndefined();
      expect(error).toHaveBeenCalledTimes(1);
      expect(warn).not.toHaveBeenCalled();
      expect(String(error.mock.calls[0][0])).toMatch(
        /answered \d{3}.*PANDIUM_API_KEY.*\[correlationId [0-9a-f-]{36}\]$/,
      );
      expect(logged()).not.toContain(API_KEY);
    },
  );

  it.each([
    [
      'a 5xx',
      (_url: URL, response: ServerResponse) => send(response, 503, '{}'),
      /answered 503/,
    ],
    [
      'malformed JSON',
      (_url: URL, response: ServerResponse) => send(response, 200, '[{'),
      /malformed JSON/,
    ],
    [
      'an object instead of a list',
      (_url: URL, response: ServerResponse) =>
        send(response, 200, '{"data":[]}'),
      /a list of tenants/,
    ],
  ])(
    'should give undefined on %s, with one warning and a correlation id',
    async (_name, answer, cause) => {
      handler = answer;
      const { statuses } = source();

      expect(await statuses.statusesFor('jane')).toBeUndefined();
      expect(warn).toHaveBeenCalledTimes(1);
      expect(error).not.toHaveBeenCalled();
      expect(String(warn.mock.calls[0][0])).toMatch(cause);
      expect(String(warn.mock.calls[0][0])).toMatch(
        /statuses are unknown\. \[correlationId [0-9a-f-]{36}\]$/,
      );
      expect(logged()).not.toContain(API_KEY);
    },
  );

  it('should give undefined when Pandium does not answer in time', async () => {
    handler = () => undefined;
    const { statuses } = source({ requestTimeoutMs: 100 });

    expect(await statuses.statusesFor('jane')).toBeUndefined();
    expect(String(warn.mock.calls[0][0])).toMatch(/timed out/);
  });

  it('should serve the last statuses read when a later read fails', async () => {
    handler = paged(tenants(1));
    const { clock, statuses } = source();
    const first = await statuses.statusesFor('jane');
    clock.advance(TTL_MS);
    handler = (_url, response) => send(response, 500, '{}');

    expect(await statuses.statusesFor('jane')).toEqual(first);
    expect(String(warn.mock.calls[0][0])).toMatch(
      /serving the last statuses read/,
    );
  });
});

/** Every line logged so far: each has a correlation id, and none holds the key. */
function expectCorrelatedLinesWithoutKey(): void {
  const lines = [...warn.mock.calls, ...error.mock.calls].map(([line]) =>
    String(line),
  );
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) {
    expect(line).toMatch(/\[correlationId [0-9a-f-]{36}\]$/);
    expect(line).not.toContain(API_KEY);
  }
}

/** A store whose every call rejects, as a Redis that is down. */
const downStore: PandiumStatusStore = {
  get: () => Promise.reject(new Error('connect ECONNREFUSED')),
  set: () => Promise.reject(new Error('connect ECONNREFUSED')),
  delete: () => Promise.reject(new Error('connect ECONNREFUSED')),
  markRefresh: () => Promise.reject(new Error('connect ECONNREFUSED')),
  userOfTenant: () => Promise.reject(new Error('connect ECONNREFUSED')),
};

describe('PandiumTenantStatusSource faults', () => {
  it.each([
    [
      '404',
      (_url: URL, response: ServerResponse) =>
        send(response, 404, '{"message":"Not Found"}'),
      /answered 404/,
    ],
    [
      "422 with Pandium's detail body",
      (_url: URL, response: ServerResponse) =>
        send(
          response,
          422,
          JSON.stringify({
            detail: [
              {
                loc: ['query', 'limit'],
                msg: 'ensure this value is less than or equal to 500',
                type: 'value_error.number.not_le',
              },
            ],
          }),
        ),
      /answered 422/,
    ],
    [
      'a list that never ends (maxPages)',
      (_url: URL, response: ServerResponse) =>
        send(response, 200, JSON.stringify(tenants(2))),
      /more than 5 pages of 2 tenants/,
    ],
  ])(
    'should give undefined on %s, with one warning that has a correlation id and no key',
    async (_name, answer, cause) => {
      handler = answer;
      const { statuses } = source({ pageSize: 2 });

      expect(await statuses.statusesFor('jane')).toBeUndefined();
      expect(warn).toHaveBeenCalledTimes(1);
      expect(error).not.toHaveBeenCalled();
      expect(String(warn.mock.calls[0][0])).toMatch(cause);
      expectCorrelatedLinesWithoutKey();
    },
  );

  it("should not echo the 422's detail body into the log", async () => {
    handler = (_url, response) =>
      send(response, 422, '{"detail":[{"msg":"secret-ish echo"}]}');
    const { statuses } = source();

    await statuses.statusesFor('jane');
    expect(String(warn.mock.calls[0][0])).not.toContain('secret-ish echo');
  });

  it('should skip odd items of the list (non-objects, missing or non-numeric ids), keeping the others', async () => {
    handler = (_url, response) =>
      send(
        response,
        200,
        JSON.stringify([
          null,
          42,
          'tenant',
          [],
          { integration_id: 1 },
          { id: 5 },
          { id: '6', integration_id: 2 },
          { id: 7, integration_id: '3' },
          ...tenants(1),
        ]),
      );
    const { statuses } = source();

    expect(await statuses.statusesFor('jane')).toEqual(
      new Map([['1', { state: 'installed', tenantId: 100 }]]),
    );
    expect(warn).not.toHaveBeenCalled();
  });

  it('should read more than one page of tenants into one map', async () => {
    handler = paged(tenants(7));
    const { statuses } = source({ pageSize: 3 });

    const read = await statuses.statusesFor('jane');
    expect([...(read?.keys() ?? [])]).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
    ]);
    expect(requests).toHaveLength(3);
  });
});

describe('PandiumTenantStatusSource with waitMs (the strategy deadline)', () => {
  /** Responses the fake server holds until the test lets them go. */
  const held: ServerResponse[] = [];
  const release = (body: unknown[]) => {
    for (const response of held.splice(0)) {
      send(response, 200, JSON.stringify(body));
    }
  };

  afterEach(() => release([]));

  it('should answer undefined when Pandium is slow, log one warning, and fill the cache once Pandium answers', async () => {
    handler = (_url, response) => void held.push(response);
    const { statuses } = source({ waitMs: 50 });

    const reads = await Promise.all([
      statuses.statusesFor('jane'),
      statuses.statusesFor('jane'),
    ]);
    expect(reads).toEqual([undefined, undefined]);
    expect(held).toHaveLength(1);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toMatch(
      /took longer than 50 ms; statuses are unknown meanwhile/,
    );
    expectCorrelatedLinesWithoutKey();

    const joined = statuses.statusesFor('jane');
    release(tenants(1));
    expect(await joined).toEqual(
      new Map([['1', { state: 'installed', tenantId: 100 }]]),
    );
    expect(await statuses.statusesFor('jane')).toEqual(
      new Map([['1', { state: 'installed', tenantId: 100 }]]),
    );
    expect(requests).toHaveLength(1);
  });

  it('should answer the stale copy when Pandium is slow past the TTL', async () => {
    handler = paged(tenants(1));
    const { clock, statuses } = source({ waitMs: 50 });
    const first = await statuses.statusesFor('jane');
    clock.advance(TTL_MS);
    handler = (_url, response) => void held.push(response);

    expect(await statuses.statusesFor('jane')).toEqual(first);
    expect(String(warn.mock.calls[0][0])).toMatch(
      /serving the last statuses read meanwhile/,
    );
  });
});

describe('PandiumTenantStatusSource on a shared store (two instances)', () => {
  function fleet() {
    const clock = new PandiumTestClock();
    const store = new InMemoryStatusStore(clock);
    return {
      clock,
      one: source({ clock, store }).statuses,
      two: source({ clock, store }).statuses,
    };
  }

  it('should call Pandium once per user per TTL across both', async () => {
    handler = paged(tenants(1));
    const { clock, one, two } = fleet();

    await one.statusesFor('jane');
    expect(await two.statusesFor('jane')).toEqual(
      new Map([['1', { state: 'installed', tenantId: 100 }]]),
    );
    await two.statusesFor('raj');
    await one.statusesFor('raj');
    expect(requests).toHaveLength(2);
    clock.advance(TTL_MS);
    await two.statusesFor('jane');
    await one.statusesFor('jane');
    expect(requests).toHaveLength(3);
  });

  it("should make both instances' next read fresh after a refresh on one, and hold the refresh limit across both", async () => {
    handler = paged(tenants(1));
    const { one, two } = fleet();
    await one.statusesFor('jane');

    expect(await one.refresh('jane')).toBe(true);
    expect(await two.refresh('jane')).toBe(false);
    handler = paged([]);
    expect(await two.statusesFor('jane')).toEqual(new Map());
    expect(await one.statusesFor('jane')).toEqual(new Map());
    expect(requests).toHaveLength(2);
  });

  it('should know a tenant listed by the other instance', async () => {
    handler = paged(tenants(1));
    const { one, two } = fleet();

    await one.statusesFor('jane');
    expect(await two.userOfTenant(100)).toBe('jane');
  });
});

describe('PandiumTenantStatusSource on a store that fails', () => {
  it('should read Pandium as if nothing were cached, with one warning per read', async () => {
    handler = paged(tenants(1));
    const { statuses } = source({ store: downStore });

    expect(await statuses.statusesFor('jane')).toEqual(
      new Map([['1', { state: 'installed', tenantId: 100 }]]),
    );
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toMatch(
      /status store failed \(Error: connect ECONNREFUSED\); statuses are read from Pandium as if nothing were cached/,
    );
    await statuses.statusesFor('jane');
    expect(requests).toHaveLength(2);
    expect(warn).toHaveBeenCalledTimes(2);
    expectCorrelatedLinesWithoutKey();
  });

  it('should resolve forget, refresh (not done) and userOfTenant, each with a warning', async () => {
    const { statuses } = source({ store: downStore });

    await expect(statuses.forget('jane')).resolves.toBeUndefined();
    await expect(statuses.refresh('jane')).resolves.toBe(false);
    await expect(statuses.userOfTenant(100)).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalledTimes(3);
    expectCorrelatedLinesWithoutKey();
  });
});
