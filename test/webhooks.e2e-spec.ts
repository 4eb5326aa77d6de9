// Pandium's webhooks through the library's receiver: a small fixture app (both HTTP adapters) whose tenant events are
// confirmed against a fake Pandium API, two instances de-duplicating through one Redis, and the example app fed by
// the shipped emulator's real webhooks (jane's install shows in her activity feed, not in john's).
import type { INestApplication, ModuleMetadata } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { FastifyInstance } from 'fastify';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PandiumEmbedModule } from 'pandium-embed';
import type {
  PandiumWebhookEvent,
  PandiumWebhookHandler,
  PandiumWebhooksOptions,
} from 'pandium-embed';
import { startPandiumEmulator } from 'pandium-embed/emulator';
import type { PandiumEmulator } from 'pandium-embed/emulator';
import { RedisWebhookDeliveryStore } from 'pandium-embed/redis';
import request from 'supertest';
import type { App } from 'supertest/types.js';
import { PandiumWebhookDispatcher } from '../libs/pandium-embed/src/webhooks/pandium-webhook.dispatcher.js';
import { createHttpAdapter } from '../src/http-adapter.js';
import { capturingLogger } from './support/capturing.logger.js';
import { API_KEY, HOST_ORIGIN, signedUrl } from './support/emulator-stack.js';
import { INSTALL_PATH } from './support/emulator-tenants.js';
import {
  createExampleApp,
  DEMO_INTEGRATIONS,
  HTTP_ADAPTERS,
  logIn,
  TEST_ACCOUNT,
  TEST_PANDIUM_SECRET,
} from './support/example-app.js';
import { freePort } from './support/free-port.js';
import { tenantTokenOf } from './support/pandium-token.verifier.js';
import { useRedisServer } from './support/redis-server.js';

const SECRET = randomBytes(32).toString('base64url');
const OLD_SECRET = randomBytes(32).toString('base64url');
const PATH = `/pandium/webhooks/${SECRET}`;

/** A tenant as the fake Pandium API lists it. */
interface FakeTenant {
  id: number;
  integration_id: number;
  archived: boolean;
}

/** A fake of Pandium's `GET /v2/tenants?integration_id=&archived=`, paged, serving `tenants`. */
async function startFakeApi(tenants: FakeTenant[]) {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const integration = Number(url.searchParams.get('integration_id'));
    const archived = url.searchParams.get('archived') === 'true';
    const skip = Number(url.searchParams.get('skip') ?? 0);
    const limit = Number(url.searchParams.get('limit') ?? 100);
    const listed = tenants
      .filter(
        (t) =>
          (integration === 0 || t.integration_id === integration) &&
          t.archived === archived,
      )
      .slice(skip, skip + limit);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(listed));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Records every event it is handed. */
class RecordingHandler implements PandiumWebhookHandler {
  readonly events: PandiumWebhookEvent[] = [];
  handle(event: PandiumWebhookEvent): void {
    this.events.push(event);
  }
}

/** Throws on every event. */
class ThrowingHandler implements PandiumWebhookHandler {
  handle(): void {
    throw new Error('the handler failed on purpose');
  }
}

/** A notification as Pandium sends one. */
function notification(
  fields: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    event_type: 'tenant_created',
    environment: 'sandbox',
    account_id: 7,
    account_name: TEST_ACCOUNT,
    timestamp: new Date().toISOString(),
    tenant_id: 11,
    tenant_name: 'jane-gwt2hs',
    integration_id: 1042,
    integration_name: 'gwt2hs',
    ...fields,
  };
}

/** A fixture app with the receiver on, on `adapter`. */
async function createFixtureApp(
  adapter: (typeof HTTP_ADAPTERS)[number],
  apiOrigin: string,
  webhooks: PandiumWebhooksOptions,
  imports: ModuleMetadata['imports'] = [],
): Promise<INestApplication<App>> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      ...(imports ?? []),
      PandiumEmbedModule.forRoot({
        account: TEST_ACCOUNT,
        sharedSecret: TEST_PANDIUM_SECRET,
        apiKey: API_KEY,
        apiBaseUrl: apiOrigin,
        webhookSecret: [SECRET, OLD_SECRET],
        integrations: [],
        claimsProvider: {
          useValue: {
            getClaims: () => ({
              sub: 'u',
              ti: { udn: 'o', ufn: 'U', uem: 'u@o.test' },
            }),
          },
        },
        tokenProvider: { useValue: { getToken: () => 'token' } },
        webhooks,
      }),
    ],
  }).compile();
  const app = moduleRef.createNestApplication<INestApplication<App>>(
    createHttpAdapter(adapter),
    { logger: capturingLogger },
  );
  await app.init();
  if (adapter === 'fastify') {
    await (app.getHttpAdapter().getInstance() as FastifyInstance).ready();
  }
  return app;
}

/** Posts a delivery and waits until the app has dispatched what it accepted. */
async function deliver(
  app: INestApplication<App>,
  body: string | Record<string, unknown>,
  { path = PATH, type = 'application/json' } = {},
) {
  const response = await request(app.getHttpServer())
    .post(path)
    .set('Content-Type', type)
    .send(typeof body === 'string' ? body : JSON.stringify(body));
  await app.get(PandiumWebhookDispatcher).whenIdle();
  return response;
}

describe.each(HTTP_ADAPTERS)('Webhook receiver on %s (e2e)', (adapter) => {
  const recorder = new RecordingHandler();
  let api: Awaited<ReturnType<typeof startFakeApi>>;
  let app: INestApplication<App>;

  beforeAll(async () => {
    api = await startFakeApi([
      { id: 11, integration_id: 1042, archived: false },
      { id: 12, integration_id: 1042, archived: true },
    ]);
    app = await createFixtureApp(adapter, api.origin, {
      emitEvents: false,
      handlers: [{ useValue: new ThrowingHandler() }, { useValue: recorder }],
    });
  });

  afterAll(async () => {
    await app.close();
    await api.close();
  });

  beforeEach(() => {
    recorder.events.length = 0;
  });

  it('should accept a tenant event with 202 and hand the confirmed, typed event to the handlers', async () => {
    const sent = notification();
    const response = await deliver(app, sent);

    expect(response.status).toBe(202);
    expect(response.body).toEqual({ accepted: true });
    expect(recorder.events).toEqual([
      expect.objectContaining({
        type: 'tenant_created',
        tenantId: 11,
        integrationId: 1042,
        tenantName: 'jane-gwt2hs',
        accountName: TEST_ACCOUNT,
        deliveryId: expect.stringMatching(/^[0-9a-f]{64}$/),
        payload: sent,
      }),
    ]);
  });

  it('should accept the previous secret during a rotation', async () => {
    const response = await deliver(
      app,
      notification({ tenant_id: 12, event_type: 'tenant_archived' }),
      {
        path: `/pandium/webhooks/${OLD_SECRET}`,
      },
    );

    expect(response.status).toBe(202);
    expect(recorder.events.map(({ type }) => type)).toEqual([
      'tenant_archived',
    ]);
  });

  it('should answer a wrong secret 404 as an unknown path does, and dispatch nothing', async () => {
    const wrong = await deliver(app, notification(), {
      path: `/pandium/webhooks/${randomBytes(32).toString('base64url')}`,
    });
    const unknown = await request(app.getHttpServer())
      .post('/pandium/no-such-route')
      .send({});

    expect(wrong.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(Object.keys(wrong.body as object).sort()).toEqual(
      Object.keys(unknown.body as object).sort(),
    );
    expect((wrong.body as { error: string }).error).toBe(
      (unknown.body as { error: string }).error,
    );
    expect(recorder.events).toEqual([]);
  });

  it.each([
    ['malformed JSON', '{"event_type": "tenant_created",', 'application/json'],
    ['a JSON list', '[]', 'application/json'],
    [
      'no event_type',
      JSON.stringify({ environment: 'sandbox' }),
      'application/json',
    ],
    [
      'a tenant event without tenant_id',
      JSON.stringify({ event_type: 'tenant_created', integration_id: 1042 }),
      'application/json',
    ],
    [
      'a form body',
      'event_type=tenant_created',
      'application/x-www-form-urlencoded',
    ],
  ])('should answer %s 400 and dispatch nothing', async (_, body, type) => {
    const response = await deliver(app, body, { type });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      statusCode: 400,
      code: 'PANDIUM_REQUEST_INVALID',
    });
    expect(recorder.events).toEqual([]);
  });

  it('should answer a body over 64 KiB 413 and dispatch nothing', async () => {
    const response = await deliver(
      app,
      notification({ padding: 'x'.repeat(64 * 1024) }),
    );

    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ code: 'PANDIUM_REQUEST_TOO_LARGE' });
    expect(recorder.events).toEqual([]);
  });

  it('should accept an unknown event_type, dispatch it as unknown, and log the type once', async () => {
    const mark = capturingLogger.mark();
    await deliver(
      app,
      notification({ event_type: 'tenant_paused', tenant_id: 1 }),
    );
    await deliver(
      app,
      notification({ event_type: 'tenant_paused', tenant_id: 2 }),
    );

    expect(recorder.events).toEqual([
      expect.objectContaining({ type: 'unknown', eventType: 'tenant_paused' }),
      expect.objectContaining({ type: 'unknown', eventType: 'tenant_paused' }),
    ]);
    expect(
      capturingLogger
        .since(mark, 'warn')
        .filter(({ message }) => message.includes('"tenant_paused"')),
    ).toHaveLength(1);
  });

  it('should take new_integration_created as integration_created', async () => {
    await deliver(app, {
      event_type: 'new_integration_created',
      integration_id: 77,
      integration_name: 'new-one',
    });

    expect(recorder.events).toEqual([
      expect.objectContaining({
        type: 'integration_created',
        integrationId: 77,
        integrationName: 'new-one',
      }),
    ]);
  });

  it('should acknowledge a repeated delivery and dispatch it once', async () => {
    const body = JSON.stringify(notification({ timestamp: 'once' }));
    const first = await deliver(app, body);
    const second = await deliver(app, body);

    expect([first.status, second.status]).toEqual([202, 202]);
    expect(recorder.events).toHaveLength(1);
  });

  it('should log a throwing handler with a correlation id, and still call the other handler', async () => {
    const mark = capturingLogger.mark();
    await deliver(app, notification({ timestamp: 'throwing' }));

    expect(recorder.events).toHaveLength(1);
    const errors = capturingLogger
      .since(mark, 'error')
      .filter(({ message }) => message.includes('ThrowingHandler failed'));
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toMatch(/correlationId [0-9a-f-]{36}/);
  });

  it.each([
    ['a tenant Pandium does not list', { tenant_id: 99 }],
    [
      'a tenant of another integration',
      { tenant_id: 11, integration_id: 2318 },
    ],
    ['an archived tenant said to be created', { tenant_id: 12 }],
    [
      'a live tenant said to be archived',
      { tenant_id: 11, event_type: 'tenant_archived' },
    ],
  ])(
    'should not dispatch %s (contradicted by the API), and log it',
    async (_, fields) => {
      const mark = capturingLogger.mark();
      const response = await deliver(app, notification(fields));

      expect(response.status).toBe(202);
      expect(recorder.events).toEqual([]);
      expect(
        capturingLogger
          .since(mark, 'warn')
          .filter(({ message }) =>
            message.includes("Pandium's API contradicts it"),
          ),
      ).toHaveLength(1);
    },
  );

  it('should never log the webhook secret', () => {
    expect(capturingLogger.text()).not.toContain(SECRET);
    expect(capturingLogger.text()).not.toContain(OLD_SECRET);
  });
});

describe('Webhook de-duplication across two instances on one Redis (e2e)', () => {
  const redis = useRedisServer();
  const recorders = [new RecordingHandler(), new RecordingHandler()];
  let api: Awaited<ReturnType<typeof startFakeApi>>;
  let apps: INestApplication<App>[];

  beforeAll(async () => {
    api = await startFakeApi([
      { id: 11, integration_id: 1042, archived: false },
    ]);
    apps = await Promise.all(
      [redis.redis, redis.other].map((client, index) =>
        createFixtureApp('express', api.origin, {
          emitEvents: false,
          handlers: [{ useValue: recorders[index] }],
          deliveryStore: { useValue: new RedisWebhookDeliveryStore(client) },
        }),
      ),
    );
  });

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await api.close();
  });

  it('should dispatch a delivery that reached both instances once', async () => {
    const body = JSON.stringify(notification());
    const answers = await Promise.all(apps.map((app) => deliver(app, body)));

    expect(answers.map(({ status }) => status)).toEqual([202, 202]);
    expect(recorders[0].events.length + recorders[1].events.length).toBe(1);
  });

  it('should dispatch another delivery again', async () => {
    const before = recorders[0].events.length + recorders[1].events.length;
    await deliver(apps[1], notification({ timestamp: 'another' }));

    expect(recorders[0].events.length + recorders[1].events.length).toBe(
      before + 1,
    );
  });
});

describe.each(HTTP_ADAPTERS)(
  "The example app's activity feed, fed by the emulator's webhooks on %s (e2e)",
  (adapter) => {
    let emulator: PandiumEmulator;
    let app: INestApplication<App>;

    beforeAll(async () => {
      const port = await freePort();
      emulator = await startPandiumEmulator({
        account: TEST_ACCOUNT,
        sharedSecret: TEST_PANDIUM_SECRET,
        hostOrigin: HOST_ORIGIN,
        apiKey: API_KEY,
        integrations: DEMO_INTEGRATIONS,
        port: 0,
        logger: capturingLogger,
        runDurationMs: 0,
        webhookUrl: `http://127.0.0.1:${port}${PATH}`,
      });
      app = await createExampleApp(
        {
          PANDIUM_BASE_URL: emulator.origin,
          PANDIUM_API_KEY: API_KEY,
          PANDIUM_API_BASE_URL: emulator.origin,
          PANDIUM_WEBHOOK_SECRET: SECRET,
        },
        { adapter },
      );
      await app.listen(port, '127.0.0.1');
    });

    afterAll(async () => {
      await emulator.close();
      await app.close();
    });

    /** `email`'s activity feed. */
    async function feedOf(email: string): Promise<Record<string, unknown>[]> {
      const response = await request(app.getHttpServer())
        .get('/demo/activity')
        .set('Authorization', `Bearer ${await logIn(app, email)}`)
        .expect(200);
      return response.body as Record<string, unknown>[];
    }

    it('should answer 401 without a bearer token', async () => {
      await request(app.getHttpServer()).get('/demo/activity').expect(401);
    });

    it("should show jane's install in her feed and not in john's", async () => {
      const url = await signedUrl(app, undefined, 'jane@acme.test');
      const { pathname, search } = new URL(url);
      await request(emulator.origin)
        .get(`${pathname}${search}`)
        .set('Accept', 'text/html')
        .expect(200);
      const saved = await request(emulator.origin)
        .post(INSTALL_PATH)
        .type('form')
        .set('Accept', 'application/json')
        .send({ tenant: tenantTokenOf(url) })
        .expect(200);
      const tenantId = (saved.body as { tenant: { id: number } }).tenant.id;
      // The emulator posts in the background: poll jane's feed, bounded by count.
      let feed: Record<string, unknown>[] = [];
      for (let attempt = 0; attempt < 100 && feed.length === 0; attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        await app.get(PandiumWebhookDispatcher).whenIdle();
        feed = await feedOf('jane@acme.test');
      }

      expect(feed).toEqual([
        expect.objectContaining({
          type: 'tenant_created',
          integrationId: '1042',
          tenantId,
          at: expect.any(String),
        }),
      ]);
      expect(await feedOf('john@globex.test')).toEqual([]);
      expect(await feedOf('raj@acme.test')).toEqual([]);
    });
  },
);
