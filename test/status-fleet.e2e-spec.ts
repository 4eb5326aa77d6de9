// Two example-app instances behind one (imaginary) load balancer, sharing one real redis-server for integration
// statuses, against a fake Pandium REST API: the fleet calls Pandium once per user per TTL, a refresh on one instance
// is seen by both, and a Redis outage leaves the catalog answering from Pandium.
import type { INestApplication } from '@nestjs/common';
import type { Redis } from 'ioredis';
import request from 'supertest';
import type { App } from 'supertest/types.js';
// Internal tokens, imported as the other suites import the clock's.
import {
  PANDIUM_CLOCK,
  PANDIUM_STATUS_SOURCE,
} from '../libs/pandium-embed/src/pandium-embed.tokens.js';
import type { PandiumStatusSource } from '../libs/pandium-embed/src/core/pandium-integration-status.interface.js';
import { capturingLogger } from './support/capturing.logger.js';
import { createExampleApp, logIn } from './support/example-app.js';
import {
  liveTenant,
  pagedTenants,
  startFakePandiumApi,
} from './support/fake-pandium-api.js';
import type { FakePandiumApi } from './support/fake-pandium-api.js';
import {
  REDIS_HOOK_TIMEOUT_MS,
  redisClientOf,
  startRedisServer,
} from './support/redis-server.js';
import type { RedisServer } from './support/redis-server.js';

const API_KEY = 'status-fleet-e2e-api-key-7d2e';
const TTL_SECONDS = 30;
const JANE = 'usr_1001';
const RAJ = 'usr_1002';

let redis: RedisServer;
let admin: Redis;
let pandium: FakePandiumApi;
let a: INestApplication<App>;
let b: INestApplication<App>;
let clockOffsetMs = 0;
const tokens = new Map<string, string>();

/** One instance of the fleet: the example app with REDIS_URL and an API key, on the test's movable clock. */
function startInstance(): Promise<INestApplication<App>> {
  return createExampleApp(
    {
      REDIS_URL: redis.url,
      PANDIUM_API_KEY: API_KEY,
      PANDIUM_API_BASE_URL: pandium.origin,
      PANDIUM_STATUS_CACHE_TTL_SECONDS: String(TTL_SECONDS),
    },
    {
      configure: (builder) =>
        builder
          .overrideProvider(PANDIUM_CLOCK)
          .useValue({ now: () => Date.now() + clockOffsetMs }),
    },
  );
}

beforeAll(async () => {
  redis = await startRedisServer();
  admin = redisClientOf(redis);
  pandium = await startFakePandiumApi();
  a = await startInstance();
  b = await startInstance();
  for (const email of ['jane@acme.test', 'raj@acme.test']) {
    tokens.set(email, await logIn(a, email));
  }
}, REDIS_HOOK_TIMEOUT_MS);

beforeEach(async () => {
  await admin.flushall();
  pandium.requests.length = 0;
  pandium.handler = (url, response) =>
    pagedTenants(
      url.searchParams.get('user_name') === JANE ? [liveTenant(55, 1042)] : [],
    )(url, response);
});

afterAll(async () => {
  await a?.close();
  await b?.close();
  admin?.disconnect();
  await pandium?.close();
  await redis?.stop();
}, REDIS_HOOK_TIMEOUT_MS);

/** The state of integration 1042 on `email`'s catalog, read through `app`. */
async function stateOn(
  app: INestApplication<App>,
  email: string,
): Promise<unknown> {
  const response = await request(app.getHttpServer())
    .get('/pandium/integrations')
    .set('Authorization', `Bearer ${tokens.get(email)}`)
    .expect(200);
  const entries = response.body as { id: string; status: unknown }[];
  return entries.find(({ id }) => id === '1042')?.status;
}

const sourceOf = (app: INestApplication<App>): PandiumStatusSource =>
  app.get(PANDIUM_STATUS_SOURCE, { strict: false });

describe('Integration statuses shared by two instances through Redis (e2e)', () => {
  it('should call Pandium once per user per TTL across both instances', async () => {
    const reads = await Promise.all([
      stateOn(a, 'jane@acme.test'),
      stateOn(b, 'jane@acme.test'),
    ]);
    await stateOn(a, 'jane@acme.test');
    await stateOn(b, 'jane@acme.test');
    await stateOn(b, 'raj@acme.test');
    await stateOn(a, 'raj@acme.test');

    expect(reads[0]).toEqual({ state: 'installed', tenantId: 55 });
    expect(await stateOn(b, 'jane@acme.test')).toEqual(reads[0]);
    expect(await stateOn(b, 'raj@acme.test')).toEqual({
      state: 'not-installed',
    });
    // Both of jane's first reads may have started before either wrote Redis: at most one call per instance.
    expect(pandium.callsFor(JANE)).toBeLessThanOrEqual(2);
    const janeCalls = pandium.callsFor(JANE);
    expect(pandium.callsFor(RAJ)).toBe(1);

    clockOffsetMs += TTL_SECONDS * 1000;
    await stateOn(b, 'jane@acme.test');
    await stateOn(a, 'jane@acme.test');
    expect(pandium.callsFor(JANE)).toBe(janeCalls + 1);
  });

  it('should call Pandium once for reads that come one after another, whichever instance answers', async () => {
    for (const app of [a, b, a, b]) {
      await stateOn(app, 'jane@acme.test');
    }
    expect(pandium.callsFor(JANE)).toBe(1);
  });

  it('should make the next read on both instances fresh after a refresh on one, at most once per interval', async () => {
    expect(await stateOn(a, 'jane@acme.test')).toEqual({
      state: 'installed',
      tenantId: 55,
    });
    pandium.handler = pagedTenants([]);

    expect(await sourceOf(a).refresh(JANE)).toBe(true);
    expect(await sourceOf(b).refresh(JANE)).toBe(false);
    expect(await stateOn(b, 'jane@acme.test')).toEqual({
      state: 'not-installed',
    });
    expect(await stateOn(a, 'jane@acme.test')).toEqual({
      state: 'not-installed',
    });
    expect(pandium.callsFor(JANE)).toBe(2);
    expect(await sourceOf(b).userOfTenant(55)).toBe(JANE);
  });

  it('should keep every status key in Redis with a TTL', async () => {
    await stateOn(a, 'jane@acme.test');
    await sourceOf(b).refresh(RAJ);

    const keys = await admin.keys('pandium-embed:status:*');
    expect(keys).toHaveLength(3);
    for (const key of keys) {
      expect(await admin.pttl(key)).toBeGreaterThan(0);
    }
    expect(keys.join()).not.toContain('usr_');
  });

  it('should answer the catalog from Pandium when Redis is down, with a warning and no 5xx', async () => {
    const warningsBefore = capturingLogger.entries.length;
    await redis.stop();
    try {
      expect(await stateOn(a, 'jane@acme.test')).toEqual({
        state: 'installed',
        tenantId: 55,
      });
      expect(await stateOn(b, 'raj@acme.test')).toEqual({
        state: 'not-installed',
      });
    } finally {
      await redis.restart();
    }
    const storeWarnings = capturingLogger.entries
      .slice(warningsBefore)
      .filter(
        ({ level, message }) =>
          level === 'warn' && message.includes('status store failed'),
      );
    expect(storeWarnings.length).toBeGreaterThanOrEqual(2);
    for (const { message } of storeWarnings) {
      expect(message).toMatch(/\[correlationId [0-9a-f-]{36}\]$/);
      expect(message).not.toContain(API_KEY);
    }
  });
});
