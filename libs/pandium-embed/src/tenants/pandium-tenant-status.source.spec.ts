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
import type { AddressInfo } from 'node:net';
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
    apiBaseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
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

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

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
