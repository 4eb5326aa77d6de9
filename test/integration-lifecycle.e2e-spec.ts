// Run, uninstall and refresh, through the example app's routes: against the shipped emulator's REST API (the app
// started with PANDIUM_API_KEY and PANDIUM_API_BASE_URL pointing at it, its Pandium clock held by the test), and
// against a fake Pandium API for the faults the emulator does not make.
import { jest } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import request from 'supertest';
import type { App } from 'supertest/types.js';
// The clock token is internal, imported as the example app's support imports the store tokens.
import { PANDIUM_CLOCK } from '../libs/pandium-embed/src/pandium-embed.tokens.js';
import { listenOnLoopback } from '../libs/pandium-embed/src/core/loopback-server.spec-utils.js';
import type { LoopbackServer } from '../libs/pandium-embed/src/core/loopback-server.spec-utils.js';
import { InMemoryStatusStore } from '../libs/pandium-embed/src/tenants/in-memory-status.store.js';
import { PandiumWebhookDispatcher } from '../libs/pandium-embed/src/webhooks/pandium-webhook.dispatcher.js';
import { APP_STATUS_STORE } from '../src/shared-stores/shared-stores.module.js';
import { capturingLogger } from './support/capturing.logger.js';
import { API_KEY } from './support/emulator-stack.js';
import {
  startTenantsHarness,
  type ListedRun,
  type TenantsHarness,
} from './support/emulator-tenants.js';
import {
  createExampleApp,
  HTTP_ADAPTERS,
  logIn,
} from './support/example-app.js';

// One case waits for the tenant API's 5 s request timeout.
jest.setTimeout(30_000);

const JANE = 'jane@acme.test';
const RAJ = 'raj@acme.test';
const JOHN = 'john@globex.test';
const SYNC = '/pandium/integrations/1042/sync';
const TENANT = '/pandium/integrations/1042/tenant';
const REFRESH = '/pandium/integrations/refresh';
/** The example app's budget per user and window (the library's default). */
const RATE_LIMIT = 30;
/** How often a client's refresh is honoured, per user. */
const REFRESH_INTERVAL_MS = 5000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type Method = 'post' | 'delete';

/** Sends `method path` as `email` (signed in), or as nobody. */
function as(
  app: INestApplication<App>,
  tokens: Map<string, string>,
  method: Method | 'get',
  path: string,
  email?: string,
): request.Test {
  const req = request(app.getHttpServer())[method](path);
  const token = email === undefined ? undefined : tokens.get(email);
  return token === undefined
    ? req
    : req.set('Authorization', `Bearer ${token}`);
}

async function tokensFor(
  app: INestApplication<App>,
  emails: string[],
): Promise<Map<string, string>> {
  return new Map(
    await Promise.all(
      emails.map(async (email) => [email, await logIn(app, email)] as const),
    ),
  );
}

describe.each(HTTP_ADAPTERS)(
  'Integration lifecycle against the emulator on %s (e2e)',
  (adapter) => {
    let h: TenantsHarness;
    let app: INestApplication<App>;
    let tokens: Map<string, string>;
    let tenantId: number;
    /** The app's Pandium clock: held still, moved by the tests. */
    let nowMs = Date.now();

    const send = (method: Method | 'get', path: string, email?: string) =>
      as(app, tokens, method, path, email);

    /** Jane's status of integration 1042, as her catalog gives it. */
    async function janesStatus(): Promise<Record<string, unknown>> {
      const response = await send('get', '/pandium/integrations', JANE).expect(
        200,
      );
      return (
        response.body as { id: string; status: Record<string, unknown> }[]
      ).find(({ id }) => id === '1042')!.status;
    }

    beforeAll(async () => {
      h = await startTenantsHarness();
      app = await createExampleApp(
        {
          PANDIUM_BASE_URL: h.stack.emulator.origin,
          PANDIUM_API_KEY: API_KEY,
          PANDIUM_API_BASE_URL: h.stack.emulator.origin,
        },
        {
          adapter,
          configure: (builder) =>
            builder
              .overrideProvider(PANDIUM_CLOCK)
              .useValue({ now: () => nowMs })
              // The example app's status store keeps the refresh interval on its own clock: the same one here.
              .overrideProvider(APP_STATUS_STORE)
              .useValue(new InMemoryStatusStore({ now: () => nowMs })),
        },
      );
      tokens = await tokensFor(app, [JANE, RAJ, JOHN]);
    });

    afterAll(async () => {
      await app.close();
      await h.close();
    });

    it('should answer 404 PANDIUM_TENANT_NOT_FOUND to a run or uninstall before jane installs', async () => {
      expect((await janesStatus()).state).toBe('not-installed');
      for (const [method, path] of [
        ['post', SYNC],
        ['delete', TENANT],
      ] as const) {
        const res = await send(method, path, JANE).expect(404);
        expect(res.body).toMatchObject({ code: 'PANDIUM_TENANT_NOT_FOUND' });
      }
    });

    it("should make the next catalog read fresh after a refresh, jane's tenant then installed", async () => {
      const saved = await h
        .save(await h.loadedToken(JANE), 'application/json')
        .expect(200);
      tenantId = (saved.body as { tenant: { id: number } }).tenant.id;

      // The cached read stands until the refresh.
      expect((await janesStatus()).state).toBe('not-installed');
      await send('post', REFRESH, JANE)
        .expect(204)
        .expect('Cache-Control', 'no-store');
      expect(await janesStatus()).toEqual({ state: 'installed', tenantId });
    });

    it('should not honour a second refresh within 5 s, and honour one after', async () => {
      // The tenant fails a run made at the emulator, behind the app's back.
      await h.stack
        .server()
        .post(`/__emulator/tenants/${tenantId}/fail-next-run`)
        .set('Accept', 'application/json')
        .expect(200);
      await h.api('post', `/v2/tenants/${tenantId}/sync`).expect(202);
      expect((await h.settledRuns(tenantId))[0].status.phase).toBe('Failed');

      nowMs += REFRESH_INTERVAL_MS - 1;
      await send('post', REFRESH, JANE).expect(204);
      expect((await janesStatus()).state).toBe('installed');

      nowMs += 1;
      await send('post', REFRESH, JANE).expect(204);
      expect((await janesStatus()).state).toBe('failing');
    });

    it("should run jane's tenant: 202 with a trigger id that a run of the tenant carries", async () => {
      const before = (await h.settledRuns(tenantId)).length;
      const res = await send('post', SYNC, JANE)
        .expect(202)
        .expect('Cache-Control', 'no-store');
      const { triggerId } = res.body as { triggerId: unknown };
      expect(typeof triggerId).toBe('string');

      const runs: ListedRun[] = await h.settledRuns(tenantId);
      expect(runs).toHaveLength(before + 1);
      expect(runs[0].triggers).toContain(triggerId);
      expect(runs[0].mode).toBe('normal');
    });

    it.each([RAJ, JOHN])(
      "should answer 404 to %s for jane's integration, and touch nothing",
      async (email) => {
        const before = (await h.settledRuns(tenantId)).length;
        for (const [method, path] of [
          ['post', SYNC],
          ['delete', TENANT],
        ] as const) {
          const res = await send(method, path, email).expect(404);
          expect(res.body).toMatchObject({ code: 'PANDIUM_TENANT_NOT_FOUND' });
        }
        expect(await h.settledRuns(tenantId)).toHaveLength(before);
        expect((await janesStatus()).tenantId).toBe(tenantId);
      },
    );

    it.each([
      ['post', SYNC],
      ['delete', TENANT],
      ['post', REFRESH],
    ] as const)(
      'should refuse %s %s without a user (401), with a body or a query (400), or from another site (403)',
      async (method, path) => {
        await send(method, path).expect(401);
        await send(method, path, JANE)
          .set('Content-Type', 'application/json')
          .send('{"tenantId":1}')
          .expect(400);
        await send(method, `${path}?tenant_id=1`, JANE).expect(400);
        const crossSite = await send(method, path, JANE)
          .set('Sec-Fetch-Site', 'cross-site')
          .expect(403);
        expect(crossSite.body).toMatchObject({
          code: 'PANDIUM_CROSS_SITE_REQUEST',
        });
        expect((await janesStatus()).tenantId).toBe(tenantId);
      },
    );

    it("should uninstall jane's tenant: 204, archived at the emulator, not-installed in her catalog", async () => {
      const res = await send('delete', TENANT, JANE).expect(204);
      expect(res.text).toBe('');

      const archived = (
        await h.api('get', '/v2/tenants?archived=true').expect(200)
      ).body as { id: number; archived: boolean }[];
      expect(archived.find(({ id }) => id === tenantId)?.archived).toBe(true);
      // The action dropped her cached statuses: no refresh, no TTL needed.
      expect(await janesStatus()).toEqual({ state: 'not-installed' });
      await send('delete', TENANT, JANE).expect(404);
    });

    it('should log one audit line per action, naming no user', () => {
      const audit = capturingLogger.entries.filter(
        ({ context }) => context === 'PandiumIntegrationAudit',
      );
      expect(audit.length).toBeGreaterThan(0);
      for (const { text } of audit) {
        expect(text).not.toMatch(/jane|raj|john|usr_/i);
        expect(text).not.toContain(API_KEY);
      }
      expect(audit.map(({ message }) => message)).toContainEqual(
        expect.stringMatching(
          new RegExp(
            `^uninstall user=u:[0-9a-f]{16} integration=1042 tenant=${tenantId} outcome=ok$`,
          ),
        ),
      );
    });

    it("should answer 429 once a user's budget is spent, the three routes counting", async () => {
      // John's refused actions of the tests above count too: refresh until the budget is spent.
      let granted = 0;
      while (
        granted <= RATE_LIMIT &&
        (await send('post', REFRESH, JOHN)).status === 204
      ) {
        granted += 1;
      }
      expect(granted).toBeGreaterThan(0);
      expect(granted).toBeLessThanOrEqual(RATE_LIMIT);
      const refused = await send('post', SYNC, JOHN).expect(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      await send('delete', TENANT, JOHN).expect(429);
    });

    it('should answer 501 PANDIUM_API_KEY_MISSING on the app without an API key, and a 204 to refresh', async () => {
      const noKeyTokens = await tokensFor(h.stack.app, [JANE]);
      for (const [method, path] of [
        ['post', SYNC],
        ['delete', TENANT],
      ] as const) {
        const res = await as(
          h.stack.app,
          noKeyTokens,
          method,
          path,
          JANE,
        ).expect(501);
        expect(res.body).toMatchObject({
          code: 'PANDIUM_API_KEY_MISSING',
          message: expect.stringContaining('PANDIUM_API_KEY'),
          correlationId: expect.stringMatching(UUID),
        });
      }
      await as(h.stack.app, noKeyTokens, 'post', REFRESH, JANE).expect(204);
    });
  },
);

describe("Integration lifecycle when Pandium's API fails (e2e)", () => {
  const FAKE_KEY = 'e2e-fake-pandium-api-key';
  const WEBHOOK_SECRET = 'e2e-lifecycle-webhook-secret-0123456789abcdef';
  let app: INestApplication<App>;
  let tokens: Map<string, string>;
  /** What the fake API answers to the action (POST …/sync, DELETE …); the tenant list always lists tenant 7. */
  let answer: (response: ServerResponse) => void;
  const requests: string[] = [];
  const server = createServer((req, response) => {
    requests.push(`${req.method} ${req.url}`);
    if (req.method === 'GET') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('[{"id":7,"integration_id":1042,"archived":false}]');
    } else {
      answer(response);
    }
  });

  const status =
    (code: number, headers: Record<string, string> = {}, body = '{}') =>
    (response: ServerResponse) => {
      response.writeHead(code, {
        'content-type': 'application/json',
        ...headers,
      });
      response.end(body);
    };
  const send = (method: Method | 'get', path: string) =>
    as(app, tokens, method, path, JANE);

  let fake: LoopbackServer;

  beforeAll(async () => {
    fake = await listenOnLoopback(server);
    app = await createExampleApp({
      PANDIUM_API_KEY: FAKE_KEY,
      PANDIUM_API_BASE_URL: fake.origin,
      PANDIUM_WEBHOOK_SECRET: WEBHOOK_SECRET,
    });
    tokens = await tokensFor(app, [JANE]);
  });

  afterAll(async () => {
    await app.close();
    await fake.close();
  });

  beforeEach(() => {
    requests.length = 0;
  });

  it.each([
    [401, 'PANDIUM_API_KEY'],
    [422, 'answered 422'],
    [500, 'answered 500'],
    [503, 'answered 503'],
  ])(
    'should answer a logged 502 PANDIUM_API_FAILED when Pandium answers %i',
    async (code, cause) => {
      answer = status(code, {}, `{"detail":"${FAKE_KEY}"}`);
      for (const [method, path] of [
        ['post', SYNC],
        ['delete', TENANT],
      ] as const) {
        const res = await send(method, path).expect(502);
        expect(res.body).toMatchObject({
          code: 'PANDIUM_API_FAILED',
          correlationId: expect.stringMatching(UUID),
        });
        const line = capturingLogger.entries.find(({ text }) =>
          text.includes(res.body.correlationId as string),
        );
        expect(line?.context).toBe('PandiumIntegrationAudit');
        expect(line?.text).toContain(cause);
        expect(line?.text).not.toContain(FAKE_KEY);
      }
    },
  );

  it('should answer 404 PANDIUM_TENANT_NOT_FOUND when the tenant vanished before the call (Pandium 404)', async () => {
    answer = status(404, {}, '{"message":"Not found"}');
    const res = await send('post', SYNC).expect(404);
    expect(res.body).toMatchObject({ code: 'PANDIUM_TENANT_NOT_FOUND' });
    expect(requests).toEqual([
      expect.stringMatching(
        /^GET \/v2\/tenants\?user_name=.*integration_id=1042/,
      ),
      'POST /v2/tenants/7/sync?mode=normal',
    ]);
  });

  it('should answer a 502 to a malformed answer', async () => {
    answer = status(202, {}, '{"trigger_id":');
    await send('post', SYNC).expect(502);
  });

  it('should answer 504 PANDIUM_API_TIMEOUT when Pandium does not answer in time', async () => {
    answer = () => undefined;
    const res = await send('delete', TENANT).expect(504);
    expect(res.body).toMatchObject({
      code: 'PANDIUM_API_TIMEOUT',
      correlationId: expect.stringMatching(UUID),
    });
  });

  it("should answer Pandium's 429 with 503 PANDIUM_API_BUSY and its Retry-After, and send nothing more before it", async () => {
    answer = status(429, { 'retry-after': '120' });
    const first = await send('post', SYNC)
      .expect(503)
      .expect('Retry-After', '120');
    expect(first.body).toMatchObject({ code: 'PANDIUM_API_BUSY' });
    expect(requests).toHaveLength(2);

    answer = status(204);
    const second = await send('delete', TENANT).expect(503);
    expect(second.body).toMatchObject({ code: 'PANDIUM_API_BUSY' });
    const wait = Number(second.headers['retry-after']);
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(120);
    expect(requests).toHaveLength(2);

    // The statuses share the actions' client: the catalog asks nothing of Pandium either, and says unknown.
    const catalog = await send('get', '/pandium/integrations').expect(200);
    const states = new Set(
      (catalog.body as { status: { state: string } }[]).map(
        ({ status }) => status.state,
      ),
    );
    expect([...states]).toEqual(['unknown']);
    expect(requests).toHaveLength(2);

    // Nor does a tenant event's confirmation: it is left unconfirmed, and not dispatched.
    await request(app.getHttpServer())
      .post(`/pandium/webhooks/${WEBHOOK_SECRET}`)
      .send({
        event_type: 'tenant_created',
        tenant_id: 7,
        integration_id: 1042,
      })
      .expect(202);
    await app.get(PandiumWebhookDispatcher).whenIdle();
    expect(requests).toHaveLength(2);
  });
});
