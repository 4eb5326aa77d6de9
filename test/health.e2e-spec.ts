// `GET /health` on the example app: the library's Terminus indicator for the Pandium pieces, with the emulator as
// Pandium. Up with the right key; down (503) with a key Pandium refuses, and with the Redis the stores live in stopped.
import type { INestApplication } from '@nestjs/common';
import { startPandiumEmulator } from 'pandium-embed/emulator';
import type { PandiumEmulator } from 'pandium-embed/emulator';
import request from 'supertest';
import type { App } from 'supertest/types.js';
import { capturingLogger } from './support/capturing.logger.js';
import {
  createExampleApp,
  HTTP_ADAPTERS,
  TEST_ACCOUNT,
  TEST_PANDIUM_SECRET,
} from './support/example-app.js';
import {
  REDIS_HOOK_TIMEOUT_MS,
  startRedisServer,
} from './support/redis-server.js';
import type { RedisServer } from './support/redis-server.js';

const API_KEY = 'health-e2e-api-key-SENSITIVE-4c0b';

let emulator: PandiumEmulator;

beforeAll(async () => {
  emulator = await startPandiumEmulator({
    account: TEST_ACCOUNT,
    sharedSecret: TEST_PANDIUM_SECRET,
    hostOrigin: 'http://localhost:3000',
    apiKey: API_KEY,
    port: 0,
    logger: capturingLogger,
  });
});

afterAll(async () => {
  await emulator.close();
});

/** The variables that point the app's API calls at the emulator, with `apiKey`. */
const apiEnv = (apiKey: string) => ({
  PANDIUM_BASE_URL: emulator.origin,
  PANDIUM_API_BASE_URL: emulator.origin,
  PANDIUM_API_KEY: apiKey,
});

/** `GET /health`, its status and body, checked to hold no secret. */
async function health(app: INestApplication<App>) {
  const response = await request(app.getHttpServer()).get('/health');
  for (const secret of [API_KEY, TEST_PANDIUM_SECRET]) {
    expect(response.text).not.toContain(secret);
  }
  return {
    status: response.status,
    body: response.body as Record<string, unknown>,
  };
}

describe('GET /health (e2e)', () => {
  describe.each(HTTP_ADAPTERS)('on %s, against the emulator', (adapter) => {
    let app: INestApplication<App>;
    afterEach(async () => {
      await app.close();
    });

    it('should answer 200 with the stores, the API and the clock up', async () => {
      app = await createExampleApp(apiEnv(API_KEY), { adapter });
      const { status, body } = await health(app);
      expect(status).toBe(200);
      expect(body).toMatchObject({
        status: 'ok',
        info: {
          pandium_stores: {
            status: 'up',
            launchTicketStore: 'up',
            rateLimitStore: 'up',
          },
          pandium_api: {
            status: 'up',
            httpStatus: 200,
            url: `${emulator.origin}/v2/integrations?limit=1`,
          },
          pandium_clock: { status: 'up', allowanceSeconds: 5 },
        },
      });
    });

    it('should answer 503 with the API down when Pandium refuses the key', async () => {
      app = await createExampleApp(apiEnv(`${API_KEY}-revoked`), { adapter });
      const { status, body } = await health(app);
      expect(status).toBe(503);
      expect(body).toMatchObject({
        status: 'error',
        error: {
          pandium_api: {
            status: 'down',
            httpStatus: 401,
            message: "Pandium's API refused the configured apiKey",
          },
        },
        info: {
          pandium_stores: { status: 'up' },
          pandium_clock: { status: 'up' },
        },
      });
    });
  });

  describe('with the stores in Redis (REDIS_URL)', () => {
    let redis: RedisServer;
    let app: INestApplication<App>;
    beforeAll(async () => {
      redis = await startRedisServer();
      app = await createExampleApp({
        ...apiEnv(API_KEY),
        REDIS_URL: redis.url,
      });
    }, REDIS_HOOK_TIMEOUT_MS);
    afterAll(async () => {
      await app?.close();
      await redis?.stop();
    }, REDIS_HOOK_TIMEOUT_MS);

    it('should answer 200 while Redis runs, then 503 with both stores down once it is stopped', async () => {
      expect((await health(app)).status).toBe(200);
      await redis.stop();
      const { status, body } = await health(app);
      expect(status).toBe(503);
      expect(body).toMatchObject({
        error: {
          pandium_stores: {
            status: 'down',
            launchTicketStore: expect.stringMatching(/^down: /),
            rateLimitStore: expect.stringMatching(/^down: /),
          },
        },
        info: {
          pandium_api: { status: 'up' },
          pandium_clock: { status: 'up' },
        },
      });
    }, 30_000);
  });
});
