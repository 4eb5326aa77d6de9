// Pandium's faults seen through GET /pandium/integrations: a small fixture app (the library's module, a header
// standing for the host's login, one user per case so no case reads another's cache) against a fake Pandium REST API.
// Whatever Pandium answers, the catalog answers 200, statuses `unknown` where nothing is known, and every log line
// about it has a correlation id and never the key.
import type {
  CanActivate,
  ExecutionContext,
  INestApplication,
} from '@nestjs/common';
import { Injectable } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { ServerResponse } from 'node:http';
import { PandiumEmbedModule } from 'pandium-embed';
import type { ClaimsProvider, PandiumUserClaims } from 'pandium-embed';
import request from 'supertest';
import type { App } from 'supertest/types.js';
import { capturingLogger } from './support/capturing.logger.js';
import { TEST_PANDIUM_SECRET } from './support/example-app.js';
import {
  answer,
  liveTenant,
  pagedTenants,
  startFakePandiumApi,
} from './support/fake-pandium-api.js';
import type {
  FakeApiHandler,
  FakePandiumApi,
} from './support/fake-pandium-api.js';

const API_KEY = 'status-faults-e2e-api-key-91c4';
const STRATEGY_TIMEOUT_MS = 2000;

interface TestUser {
  id: string;
}

/** Stands for the host's login: the user is named by a header. */
@Injectable()
class HeaderUserGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context
      .switchToHttp()
      .getRequest<{ headers: Record<string, string>; user?: TestUser }>();
    req.user = { id: req.headers['x-test-user'] };
    return true;
  }
}

class TestClaimsProvider implements ClaimsProvider<TestUser> {
  getClaims(user: TestUser): PandiumUserClaims {
    return {
      sub: user.id,
      ti: { udn: 'Acme', ufn: 'Test User', uem: 'user@acme.test' },
    };
  }
}

let pandium: FakePandiumApi;
let app: INestApplication<App>;
let users = 0;
/** Responses held by the slow case until it lets them go. */
const held: ServerResponse[] = [];

beforeAll(async () => {
  pandium = await startFakePandiumApi();
  const moduleRef = await Test.createTestingModule({
    imports: [
      PandiumEmbedModule.forRoot({
        account: 'acme-saas',
        sharedSecret: TEST_PANDIUM_SECRET,
        apiKey: API_KEY,
        apiBaseUrl: pandium.origin,
        strategyTimeoutMs: STRATEGY_TIMEOUT_MS,
        integrations: [
          { id: '1042', name: 'netsuite-orders', connectorName: 'netsuite' },
          { id: '3107', name: 'hubspot-contacts', connectorName: 'hubspot' },
        ],
        claimsProvider: TestClaimsProvider,
        tokenProvider: { useValue: { getToken: () => 'connector-token' } },
        controller: { guards: [HeaderUserGuard] },
      }),
    ],
  })
    .setLogger(capturingLogger)
    .compile();
  app = moduleRef.createNestApplication({ logger: capturingLogger });
  await app.init();
});

afterAll(async () => {
  for (const response of held.splice(0)) {
    answer(response, 200, []);
  }
  await app?.close();
  await pandium?.close();
});

/**
 * The catalog's statuses by id for a new user, with Pandium answering through `handler`, and the status lines it
 * logged.
 */
async function catalogWith(handler: FakeApiHandler) {
  pandium.handler = handler;
  users += 1;
  const userName = `user-${users}`;
  const logged = capturingLogger.entries.length;
  const response = await request(app.getHttpServer())
    .get('/pandium/integrations')
    .set('x-test-user', userName)
    .expect(200);
  const statuses = new Map(
    (response.body as { id: string; status: unknown }[]).map(
      ({ id, status }) => [id, status],
    ),
  );
  const lines = capturingLogger.entries
    .slice(logged)
    .filter(({ context }) => context === 'PandiumIntegrationStatus');
  return { userName, statuses, lines };
}

/** Every line has a correlation id and none holds the key. */
function expectCorrelatedWithoutKey(
  lines: { message: string; text: string }[],
): void {
  for (const { message, text } of lines) {
    expect(message).toMatch(/\[correlationId [0-9a-f-]{36}\]$/);
    expect(text).not.toContain(API_KEY);
  }
}

const UNKNOWN = { state: 'unknown' };

describe('Pandium faults through GET /pandium/integrations (e2e)', () => {
  it.each([401, 403])(
    'should answer unknown statuses on %i, with one error naming PANDIUM_API_KEY',
    async (status) => {
      const { statuses, lines } = await catalogWith((_url, response) =>
        answer(response, status, { message: 'Invalid API key' }),
      );

      expect([...statuses.values()]).toEqual([UNKNOWN, UNKNOWN]);
      expect(lines.map(({ level }) => level)).toEqual(['error']);
      expect(lines[0].message).toMatch(
        new RegExp(`answered ${status}.*PANDIUM_API_KEY`),
      );
      expectCorrelatedWithoutKey(lines);
    },
  );

  it.each([
    ['404', 404, { message: 'Not Found' }, /answered 404/],
    [
      "422 with Pandium's detail body",
      422,
      {
        detail: [
          {
            loc: ['query', 'user_name'],
            msg: 'field required',
            type: 'value_error.missing',
          },
        ],
      },
      /answered 422/,
    ],
    ['500', 500, { message: 'Internal Server Error' }, /answered 500/],
    ['503', 503, 'Service Unavailable', /answered 503/],
    ['malformed JSON', 200, '[{"id": 1,', /malformed JSON/],
    ['a body that is not a list', 200, { data: [] }, /a list of tenants/],
  ])(
    'should answer unknown statuses on %s, with one warning',
    async (_name, status, body, cause) => {
      const { statuses, lines } = await catalogWith((_url, response) =>
        answer(response, status, body),
      );

      expect([...statuses.values()]).toEqual([UNKNOWN, UNKNOWN]);
      expect(lines.map(({ level }) => level)).toEqual(['warn']);
      expect(lines[0].message).toMatch(cause);
      expect(lines[0].text).not.toContain('field required');
      expectCorrelatedWithoutKey(lines);
    },
  );

  it('should skip odd items of the list and keep the others, logging nothing', async () => {
    const { statuses, lines } = await catalogWith((_url, response) =>
      answer(response, 200, [
        null,
        7,
        'tenant',
        { integration_id: 3107 },
        { id: 'x', integration_id: 3107 },
        liveTenant(55, 1042),
      ]),
    );

    expect(statuses.get('1042')).toEqual({ state: 'installed', tenantId: 55 });
    expect(statuses.get('3107')).toEqual({ state: 'not-installed' });
    expect(lines).toEqual([]);
  });

  it('should read more than one page of tenants', async () => {
    const tenants = Array.from({ length: 500 }, (_, i) =>
      liveTenant(1000 + i, 5000 + i),
    );
    tenants.push(liveTenant(77, 3107));
    const { userName, statuses } = await catalogWith(pagedTenants(tenants));

    expect(statuses.get('3107')).toEqual({ state: 'installed', tenantId: 77 });
    expect(pandium.callsFor(userName)).toBe(2);
  });

  it('should answer unknown statuses for a list that never ends, after maxPages requests', async () => {
    const page = Array.from({ length: 500 }, (_, i) =>
      liveTenant(i + 1, i + 1),
    );
    const { userName, statuses, lines } = await catalogWith((_url, response) =>
      answer(response, 200, page),
    );

    expect([...statuses.values()]).toEqual([UNKNOWN, UNKNOWN]);
    expect(pandium.callsFor(userName)).toBe(20);
    expect(lines.map(({ level }) => level)).toEqual(['warn']);
    expect(lines[0].message).toMatch(/more than 20 pages of 500 tenants/);
    expectCorrelatedWithoutKey(lines);
  });

  it('should answer within strategyTimeoutMs when Pandium is slow (unknown, not a 504), and fill the cache once it answers', async () => {
    const { userName, statuses, lines } = await catalogWith(
      (_url, response) => void held.push(response),
    );

    // Pandium still holds the request: the catalog did not wait for it.
    expect(held).toHaveLength(1);
    expect([...statuses.values()]).toEqual([UNKNOWN, UNKNOWN]);
    expect(lines.map(({ level }) => level)).toEqual(['warn']);
    expect(lines[0].message).toMatch(
      new RegExp(`took longer than ${STRATEGY_TIMEOUT_MS} ms`),
    );
    expectCorrelatedWithoutKey(lines);

    held
      .splice(0)
      .forEach((response) => answer(response, 200, [liveTenant(88, 1042)]));
    // The load under way is joined or its result read: no second request to Pandium.
    const later = await request(app.getHttpServer())
      .get('/pandium/integrations')
      .set('x-test-user', userName)
      .expect(200);
    expect(
      (later.body as { id: string; status: unknown }[]).find(
        ({ id }) => id === '1042',
      )?.status,
    ).toEqual({ state: 'installed', tenantId: 88 });
    expect(pandium.callsFor(userName)).toBe(1);
  });

  it('should send the key in X-API-KEY to Pandium, and only there', () => {
    expect(pandium.requests.length).toBeGreaterThan(0);
    expect(pandium.requests.every(({ apiKey }) => apiKey === API_KEY)).toBe(
      true,
    );
    expect(
      capturingLogger.entries.filter(({ text }) => text.includes(API_KEY)),
    ).toEqual([]);
  });
});
