// `GET /health` on the example app: the library's Terminus indicator for the Pandium pieces, with the emulator as
// Pandium. Up with the right key; down (503) with a key Pandium refuses, and with the Redis the stores live in stopped.
// Then an app with two named instances, each checked against its own emulator with its own key.
import type { INestApplication } from '@nestjs/common';
import { Controller, Get } from '@nestjs/common';
import {
  HealthCheck,
  HealthCheckService,
  TerminusModule,
} from '@nestjs/terminus';
import type { HealthCheckResult } from '@nestjs/terminus';
import { Test } from '@nestjs/testing';
import { PandiumEmbedModule } from 'pandium-embed';
import { startPandiumEmulator } from 'pandium-embed/emulator';
import type { PandiumEmulator } from 'pandium-embed/emulator';
import { PandiumHealthIndicator } from 'pandium-embed/terminus';
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

  describe('with two named instances, each on its own Pandium', () => {
    const EU_KEY = 'health-e2e-eu-key-SENSITIVE-91aa';
    const US_KEY = 'health-e2e-us-key-SENSITIVE-52ce';
    let eu: PandiumEmulator;
    let us: PandiumEmulator;
    let app: INestApplication<App> | undefined;
    beforeAll(async () => {
      [eu, us] = await Promise.all(
        [EU_KEY, US_KEY].map((apiKey) =>
          startPandiumEmulator({
            account: TEST_ACCOUNT,
            sharedSecret: TEST_PANDIUM_SECRET,
            hostOrigin: 'http://localhost:3000',
            apiKey,
            port: 0,
            logger: capturingLogger,
          }),
        ),
      );
    });
    afterEach(async () => {
      await app?.close();
      app = undefined;
    });
    afterAll(async () => {
      await Promise.all([eu.close(), us.close()]);
    });

    @Controller('health')
    class InstancesHealthController {
      constructor(
        private readonly health: HealthCheckService,
        private readonly pandium: PandiumHealthIndicator,
      ) {}

      @Get()
      @HealthCheck()
      check(): Promise<HealthCheckResult> {
        return this.health.check(
          ['eu', 'us'].flatMap((instance) => [
            () => this.pandium.checkStores(`${instance}_stores`, { instance }),
            () => this.pandium.checkApi(`${instance}_api`, { instance }),
            () => this.pandium.checkClock(`${instance}_clock`, { instance }),
          ]),
        );
      }
    }

    /** An app with instances eu and us, each pointed at its own emulator, us with `usKey`. */
    async function instancesApp(usKey: string): Promise<INestApplication<App>> {
      const instance = (
        name: string,
        apiKey: string,
        emulator: PandiumEmulator,
      ) =>
        PandiumEmbedModule.forRoot({
          name,
          account: TEST_ACCOUNT,
          sharedSecret: TEST_PANDIUM_SECRET,
          baseUrl: emulator.origin,
          apiBaseUrl: emulator.origin,
          apiKey,
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
        });
      const moduleRef = await Test.createTestingModule({
        imports: [
          TerminusModule,
          instance('eu', EU_KEY, eu),
          instance('us', usKey, us),
        ],
        controllers: [InstancesHealthController],
        providers: [PandiumHealthIndicator],
      }).compile();
      const created = moduleRef.createNestApplication<INestApplication<App>>({
        logger: capturingLogger,
      });
      await created.init();
      return created;
    }

    /** `GET /health`, checked to hold neither key. */
    async function instancesHealth(target: INestApplication<App>) {
      const response = await request(target.getHttpServer()).get('/health');
      for (const secret of [EU_KEY, US_KEY, TEST_PANDIUM_SECRET]) {
        expect(response.text).not.toContain(secret);
      }
      return response;
    }

    it("should answer 200 with each instance's key accepted by its own Pandium", async () => {
      app = await instancesApp(US_KEY);
      const { status, body } = await instancesHealth(app);
      expect(status).toBe(200);
      expect(body).toMatchObject({
        info: {
          eu_stores: { status: 'up' },
          eu_api: {
            status: 'up',
            url: `${eu.origin}/v2/integrations?limit=1`,
            httpStatus: 200,
          },
          eu_clock: { status: 'up' },
          us_stores: { status: 'up' },
          us_api: {
            status: 'up',
            url: `${us.origin}/v2/integrations?limit=1`,
            httpStatus: 200,
          },
          us_clock: { status: 'up' },
        },
      });
    });

    it("should answer 503 with only us down when us has a key its Pandium refuses (eu's key)", async () => {
      app = await instancesApp(EU_KEY);
      const { status, body } = await instancesHealth(app);
      expect(status).toBe(503);
      expect(body).toMatchObject({
        error: {
          us_api: {
            status: 'down',
            httpStatus: 401,
            url: `${us.origin}/v2/integrations?limit=1`,
          },
        },
        info: {
          eu_api: { status: 'up', httpStatus: 200 },
          eu_stores: { status: 'up' },
          us_stores: { status: 'up' },
        },
      });
      expect(Object.keys((body as { error: object }).error)).toEqual([
        'us_api',
      ]);
    });
  });
});
