import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
  jest,
} from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { LoopbackServer } from '../core/loopback-server.spec-utils.js';
import { listenOnLoopback } from '../core/loopback-server.spec-utils.js';
import { PandiumApiBusyGate } from '../core/pandium-api-busy.gate.js';
import type { PandiumStatusSource } from '../core/pandium-integration-status.interface.js';
import { PandiumHttpException } from '../errors/pandium-http.exception.js';
import { PandiumSecret } from '../options/pandium.secret.js';
import { PandiumTestClock } from '../testing/pandium-test.clock.js';
import { PandiumTenantActions } from './pandium-tenant.actions.js';
import { PandiumTenantsClient } from './pandium-tenants.client.js';

const API_KEY = 'actions-spec-key-93be';
const SUB = 'jane@acme.test';

type Handler = (method: string, url: URL, response: ServerResponse) => void;

let handler: Handler;
const requests: { method: string; url: URL }[] = [];
const server = createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  requests.push({ method: request.method ?? '', url });
  handler(request.method ?? '', url, response);
});
let api: LoopbackServer;
let origin: string;

beforeAll(async () => {
  api = await listenOnLoopback(server);
  origin = api.origin;
});

afterAll(() => api.close());

function send(
  response: ServerResponse,
  status: number,
  body = '',
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, {
    'content-type': 'application/json',
    ...headers,
  });
  response.end(body);
}

/** Lists jane's tenant 7 of integration 1042; answers the action with `status` and `body`. */
function pandium(status: number, body = '', headers = {}): Handler {
  return (method, _url, response) => {
    if (method === 'GET') {
      send(response, 200, '[{"id":7,"integration_id":1042,"archived":false}]');
    } else {
      send(response, status, body, headers);
    }
  };
}

class CountingStatusSource implements PandiumStatusSource {
  readonly forgotten: string[] = [];
  statusesFor(): Promise<undefined> {
    return Promise.resolve(undefined);
  }
  forget(userName: string): Promise<void> {
    this.forgotten.push(userName);
    return Promise.resolve();
  }
  refresh(): Promise<boolean> {
    return Promise.resolve(true);
  }
  userOfTenant(): Promise<undefined> {
    return Promise.resolve(undefined);
  }
}

let logs: jest.SpiedFunction<Logger['log']>;
let errors: jest.SpiedFunction<Logger['error']>;

beforeEach(() => {
  requests.length = 0;
  logs = jest
    .spyOn(Logger.prototype, 'log')
    .mockImplementation(() => undefined);
  errors = jest
    .spyOn(Logger.prototype, 'error')
    .mockImplementation(() => undefined);
});

afterEach(() => {
  jest.restoreAllMocks();
});

function setup(requestTimeoutMs = 2000) {
  const clock = new PandiumTestClock();
  const statuses = new CountingStatusSource();
  const apiKey = PandiumSecret.from(API_KEY);
  const actions = new PandiumTenantActions(
    new PandiumTenantsClient({
      apiKey,
      apiBaseUrl: origin,
      pageSize: 500,
      maxPages: 2,
      requestTimeoutMs,
      gate: new PandiumApiBusyGate(clock),
    }),
    statuses,
    apiKey,
  );
  return { actions, statuses, clock };
}

/** Every line logged at any level, as one string. */
const logged = () => JSON.stringify([logs.mock.calls, errors.mock.calls]);

async function httpFailure(
  call: Promise<unknown>,
): Promise<PandiumHttpException> {
  const error = await call.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(PandiumHttpException);
  return error as PandiumHttpException;
}

describe('PandiumTenantActions', () => {
  it("should run the user's tenant, forget their statuses and log one audit line without the sub", async () => {
    handler = pandium(202, '{"trigger_id":31}');
    const { actions, statuses } = setup();

    expect(await actions.sync(SUB, '1042')).toEqual({ triggerId: '31' });
    expect(
      requests.map(({ method, url }) => `${method} ${url.pathname}`),
    ).toEqual(['GET /v2/tenants', 'POST /v2/tenants/7/sync']);
    expect(requests[0].url.searchParams.get('user_name')).toBe(SUB);
    expect(statuses.forgotten).toEqual([SUB]);
    expect(logs).toHaveBeenCalledTimes(1);
    expect(String(logs.mock.calls[0][0])).toMatch(
      /^sync user=u:[0-9a-f]{16} integration=1042 tenant=7 outcome=ok$/,
    );
    expect((logs.mock.contexts[0] as { context?: string }).context).toBe(
      'PandiumIntegrationAudit',
    );
    expect(logged()).not.toContain('jane');
    expect(logged()).not.toContain(API_KEY);
  });

  it('should archive the tenant on uninstall, and name the same user key', async () => {
    handler = pandium(200, '{"id":7,"archived":true}');
    const { actions, statuses } = setup();
    handler = pandium(202, '{"trigger_id":"t-1"}');
    await actions.sync(SUB, '1042');
    handler = pandium(204);
    await actions.uninstall(SUB, '1042');

    expect(requests.at(-1)?.method).toBe('DELETE');
    expect(requests.at(-1)?.url.pathname).toBe('/v2/tenants/7');
    expect(statuses.forgotten).toEqual([SUB, SUB]);
    const [syncKey, uninstallKey] = logs.mock.calls.map(
      ([line]) => /user=(\S+)/.exec(String(line))?.[1],
    );
    expect(uninstallKey).toBe(syncKey);
    expect(String(logs.mock.calls[1][0])).toMatch(/^uninstall .* outcome=ok$/);
  });

  it('should answer 404 PANDIUM_TENANT_NOT_FOUND without calling Pandium when the user has no live tenant', async () => {
    handler = (_method, _url, response) =>
      send(response, 200, '[{"id":9,"integration_id":2318}]');
    const { actions, statuses } = setup();

    const error = await httpFailure(actions.uninstall(SUB, '1042'));
    expect([error.getStatus(), error.code]).toEqual([
      404,
      'PANDIUM_TENANT_NOT_FOUND',
    ]);
    expect(requests).toHaveLength(1);
    expect(statuses.forgotten).toEqual([]);
    expect(String(logs.mock.calls[0][0])).toMatch(
      /tenant=none outcome=no-tenant$/,
    );
  });

  it('should answer 404 when the tenant vanished between the list and the call', async () => {
    handler = pandium(404, '{"message":"Tenant not found"}');
    const { actions, statuses } = setup();

    expect((await httpFailure(actions.sync(SUB, '1042'))).code).toBe(
      'PANDIUM_TENANT_NOT_FOUND',
    );
    expect(statuses.forgotten).toEqual([SUB]);
    expect(String(logs.mock.calls[0][0])).toMatch(/tenant=7 outcome=no-tenant/);
  });

  it.each([
    [401, /PANDIUM_API_KEY/],
    [403, /PANDIUM_API_KEY/],
    [422, /answered 422/],
    [500, /answered 500/],
  ])(
    'should answer a logged 502 PANDIUM_API_FAILED when Pandium answers %i',
    async (status, cause) => {
      handler = pandium(status, '{"detail":"actions-spec-key-93be"}');
      const { actions, statuses } = setup();

      const error = await httpFailure(actions.sync(SUB, '1042'));
      expect([error.getStatus(), error.code]).toEqual([
        502,
        'PANDIUM_API_FAILED',
      ]);
      expect(errors).toHaveBeenCalledTimes(1);
      const line = String(errors.mock.calls[0][0]);
      expect(line).toMatch(
        /^sync user=u:\w+ integration=1042 tenant=7 outcome=failed PANDIUM_API_FAILED /,
      );
      expect(line).toMatch(cause);
      expect(line.endsWith(`[correlationId ${error.correlationId}]`)).toBe(
        true,
      );
      expect(statuses.forgotten).toEqual([]);
      expect(logged()).not.toContain(API_KEY);
      expect(logged()).not.toContain('jane');
    },
  );

  it('should answer 502 when the tenant list itself fails or is malformed', async () => {
    handler = (_method, _url, response) => send(response, 200, '{"oops"');
    const { actions } = setup();
    const error = await httpFailure(actions.uninstall(SUB, '1042'));
    expect(error.code).toBe('PANDIUM_API_FAILED');
    expect(String(errors.mock.calls[0][0])).toMatch(
      /tenant=none outcome=failed PANDIUM_API_FAILED .*malformed JSON/,
    );
  });

  it('should answer 504 PANDIUM_API_TIMEOUT when Pandium does not answer in time', async () => {
    handler = () => undefined;
    const { actions } = setup(100);
    const error = await httpFailure(actions.sync(SUB, '1042'));
    expect([error.getStatus(), error.code]).toEqual([
      504,
      'PANDIUM_API_TIMEOUT',
    ]);
  });

  it('should answer 503 PANDIUM_API_BUSY with the Retry-After, and send nothing more until it has passed', async () => {
    handler = pandium(429, '', { 'retry-after': '42' });
    const { actions, clock } = setup();

    const first = await httpFailure(actions.sync(SUB, '1042'));
    expect([first.getStatus(), first.code, first.retryAfterSeconds]).toEqual([
      503,
      'PANDIUM_API_BUSY',
      42,
    ]);
    expect(requests).toHaveLength(2);

    clock.advance(40_000);
    const second = await httpFailure(actions.uninstall(SUB, '1042'));
    expect([second.code, second.retryAfterSeconds]).toEqual([
      'PANDIUM_API_BUSY',
      2,
    ]);
    expect(requests).toHaveLength(2);

    clock.advance(2000);
    handler = pandium(204);
    await actions.uninstall(SUB, '1042');
    expect(requests).toHaveLength(4);
  });

  it('should quote an integration id that is not plain in the audit line', async () => {
    const { actions } = setup();
    await httpFailure(actions.uninstall(SUB, '10\n42 outcome=ok'));
    expect(requests).toHaveLength(0);
    expect(String(logs.mock.calls[0][0])).toContain(
      'integration="10\\n42 outcome=ok" tenant=none outcome=no-tenant',
    );
  });
});
