import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { LoopbackServer } from '../core/loopback-server.spec-utils.js';
import { listenOnLoopback } from '../core/loopback-server.spec-utils.js';
import { PandiumApiBusyGate } from '../core/pandium-api-busy.gate.js';
import { PandiumApiError } from '../errors/pandium-api.error.js';
import { PandiumSecret } from '../options/pandium.secret.js';
import { PandiumTestClock } from '../testing/pandium-test.clock.js';
import { PandiumTenantsClient } from './pandium-tenants.client.js';

type Handler = (method: string, url: URL, response: ServerResponse) => void;

let handler: Handler;
const requests: { method: string; url: URL }[] = [];
const server = createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const method = request.method ?? '';
  requests.push({ method, url });
  handler(method, url, response);
});
let api: LoopbackServer;
let origin: string;

beforeAll(async () => {
  api = await listenOnLoopback(server);
  origin = api.origin;
});

afterAll(() => api.close());

function send(response: ServerResponse, status: number, body = ''): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(body);
}

const signal = new AbortController().signal;

function client(pageSize = 2, gate?: PandiumApiBusyGate) {
  requests.length = 0;
  return new PandiumTenantsClient({
    apiKey: PandiumSecret.from('tenants-client-spec-key'),
    apiBaseUrl: `${origin}/proxy`,
    pageSize,
    maxPages: 5,
    requestTimeoutMs: 2000,
    gate,
  });
}

const tenant = (id: unknown, integrationId: unknown, archived = false) => ({
  id,
  integration_id: integrationId,
  archived,
});

describe('PandiumTenantsClient', () => {
  describe('findLiveTenant', () => {
    it('should ask for this user and integration, page by page, and give the newest live tenant of that integration', async () => {
      const all = [
        tenant(5, 1042),
        tenant(9, 2318),
        tenant(11, 1042, true),
        tenant('12', 1042),
        tenant(7, '1042'),
      ];
      handler = (_method, url, response) => {
        const skip = Number(url.searchParams.get('skip'));
        send(response, 200, JSON.stringify(all.slice(skip, skip + 2)));
      };
      const tenants = client();

      expect(await tenants.findLiveTenant('jane', '1042', signal)).toBe(7);
      expect(requests).toHaveLength(3);
      const [first] = requests;
      expect(first.method).toBe('GET');
      expect(first.url.pathname).toBe('/proxy/v2/tenants');
      expect(Object.fromEntries(first.url.searchParams)).toEqual({
        user_name: 'jane',
        integration_id: '1042',
        archived: 'false',
        limit: '2',
        skip: '0',
      });
    });

    it('should give undefined when no listed tenant is of that integration', async () => {
      handler = (_method, _url, response) =>
        send(response, 200, JSON.stringify([tenant(9, 2318), null, 'x']));
      expect(await client(5).findLiveTenant('jane', '1042', signal)).toBe(
        undefined,
      );
    });

    it('should not ask Pandium for an id that is not an integer', async () => {
      const tenants = client();
      expect(await tenants.findLiveTenant('jane', 'crm-sync', signal)).toBe(
        undefined,
      );
      expect(requests).toHaveLength(0);
    });
  });

  describe('sync', () => {
    it.each([
      [12, '12'],
      ['abc-1', 'abc-1'],
    ])(
      'should POST a normal run and give the trigger id %p as a string',
      async (triggerId, expected) => {
        handler = (_method, _url, response) =>
          send(response, 202, JSON.stringify({ trigger_id: triggerId }));
        expect(await client().sync(7, signal)).toBe(expected);
        expect(requests[0].method).toBe('POST');
        expect(requests[0].url.pathname).toBe('/proxy/v2/tenants/7/sync');
        expect(requests[0].url.search).toBe('?mode=normal');
      },
    );

    it.each(['{}', '{"trigger_id":""}', '{"trigger_id":null}', ''])(
      'should refuse an answer without a trigger id (%p)',
      async (body) => {
        handler = (_method, _url, response) => send(response, 202, body);
        const error = await client()
          .sync(7, signal)
          .catch((thrown: unknown) => thrown);
        expect(error).toBeInstanceOf(PandiumApiError);
        expect((error as PandiumApiError).reason).toBe('invalid-response');
      },
    );
  });

  describe('archive', () => {
    it('should DELETE the tenant, whatever 2xx body comes back', async () => {
      handler = (_method, _url, response) => send(response, 200, '{"id":7}');
      await client().archive(7, signal);
      handler = (_method, _url, response) => send(response, 204);
      await client().archive(8, signal);
      expect(requests.map(({ method, url }) => [method, url.pathname])).toEqual(
        [['DELETE', '/proxy/v2/tenants/8']],
      );
    });
  });

  it('should send nothing more after a 429 until its Retry-After has passed', async () => {
    const clock = new PandiumTestClock();
    const tenants = client(2, new PandiumApiBusyGate(clock));
    handler = (_method, _url, response) => {
      response.writeHead(429, { 'retry-after': '5' });
      response.end();
    };
    for (const call of [
      () => tenants.sync(7, signal),
      () => tenants.archive(7, signal),
      () => tenants.findLiveTenant('jane', '1042', signal),
    ]) {
      const error = (await call().catch(
        (thrown: unknown) => thrown,
      )) as PandiumApiError;
      expect(error.status).toBe(429);
      expect(error.retryAfterSeconds).toBe(5);
    }
    expect(requests).toHaveLength(1);
    clock.advance(5000);
    handler = (_method, _url, response) => send(response, 204);
    await tenants.archive(7, signal);
    expect(requests).toHaveLength(2);
  });
});
