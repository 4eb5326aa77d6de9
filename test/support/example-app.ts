// Boots the example host app (src/app.module.ts) for a test, with known secrets, as `npm start` would.
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { TestingModuleBuilder } from '@nestjs/testing';
import type { NextFunction, Request, Response } from 'express';
import type {
  PandiumLaunchTicketStore,
  PandiumRateLimitStore,
} from 'pandium-embed/stores';
import request from 'supertest';
import type { App } from 'supertest/types.js';
import type { FastifyInstance } from 'fastify';
import { AppModule } from '../../src/app.module.js';
import { createHttpAdapter } from '../../src/http-adapter.js';
// Internal tokens, as the library's own specs import them: the stores are options, not override points, for hosts.
import {
  PANDIUM_LAUNCH_TICKET_STORE,
  PANDIUM_RATE_LIMIT_STORE,
} from '../../libs/pandium-embed/src/pandium-embed.tokens.js';
import type { HttpAdapterName } from '../../src/http-adapter.js';

export { HTTP_ADAPTERS } from '../../src/http-adapter.js';
import { capturingLogger } from './capturing.logger.js';

export const TEST_PANDIUM_SECRET = 'e2e-pandium-shared-secret-0123456789abcdef';
export const TEST_APP_AUTH_SECRET = 'e2e-app-auth-secret-0123456789abcdefghij';
export const TEST_ACCOUNT = 'acme-saas';

/** Every demo user's password (src/directory/demo-directory.ts). */
export const DEMO_PASSWORD = 'pandium-demo';

/**
 * The demo directory's three integrations as `GET /pandium/integrations` lists them to a user whose plan has them
 * all (Jane's, growth), and as the emulator's `/v2/integrations` serves them to the library's API catalog.
 */
export const DEMO_INTEGRATIONS = [
  {
    id: '1042',
    name: 'gwt2hs',
    connectorName: 'gwt',
    displayName: 'GWT to HubSpot',
  },
  {
    id: '2318',
    name: 'netsuite-orders',
    connectorName: 'netsuite',
    displayName: 'NetSuite orders',
  },
  {
    id: '3107',
    name: 'shopify-sync',
    connectorName: 'shopify',
    displayName: 'Shopify sync',
  },
];

/** Runs `body` with these variables set (undefined unsets), restoring the environment afterwards. */
export async function withEnv<T>(
  vars: Record<string, string | undefined>,
  body: () => Promise<T>,
): Promise<T> {
  const saved = Object.fromEntries(
    Object.keys(vars).map((name) => [name, process.env[name]]),
  );
  const apply = (values: Record<string, string | undefined>): void => {
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) {
        delete process.env[name];
      } else {
        process.env[name] = value;
      }
    }
  };
  apply(vars);
  try {
    return await body();
  } finally {
    apply(saved);
  }
}

/** What a test may change in the example app besides its environment. */
export interface ExampleAppOptions {
  /**
   * Replaces the rate limiter's store (the library's `PANDIUM_RATE_LIMIT_STORE` token), e.g. with one that never
   * reaches the limit. The limiter guard itself stays in place, as configured in src/app.module.ts.
   */
  rateLimitStore?: PandiumRateLimitStore;
  /**
   * Replaces the launch ticket store (the library's `PANDIUM_LAUNCH_TICKET_STORE` token), e.g. with a Redis one shared
   * by several instances.
   */
  launchTicketStore?: PandiumLaunchTicketStore;
  /** The HTTP server under the app. @default 'express' */
  adapter?: HttpAdapterName;
  /** Last changes to the testing module before it compiles (e.g. `overridePandiumForTesting`). */
  configure?: (builder: TestingModuleBuilder) => TestingModuleBuilder;
  /** Runs on the created app before `init`, as src/main.ts does before `listen` (e.g. `setupOpenApi`). */
  beforeInit?: (app: INestApplication<App>) => void | Promise<void>;
}

/** The routes that answer a signed token (Express matches paths case-insensitively, with a trailing `/`). */
const SIGNING_ROUTE =
  /^\/pandium\/(?:integrations\/[^/?#]+\/install-url|marketplace-url)\/?(?:[?#]|$)/i;

/** The routes that redirect to a signed URL: the cookie launches and the ticket redemption. */
const LAUNCH_ROUTE =
  /^\/pandium\/(?:integrations\/[^/?#]+\/launch|marketplace\/launch|launch\/[^/?#]+)\/?(?:[?#]|$)/i;

/** Counts the signed URLs served (a 200 with one, or a 302 to one), from outside the app, for test/support/log-check.setup.ts. */
function countSignedUrlResponse(
  method: string,
  url: string,
  status: number,
): void {
  if (
    method === 'GET' &&
    ((status === 200 && SIGNING_ROUTE.test(url)) ||
      (status === 302 && LAUNCH_ROUTE.test(url)))
  ) {
    capturingLogger.signedUrlResponses += 1;
  }
}

/** {@link countSignedUrlResponse} as Express middleware. */
function countSignedUrlResponses(
  request: Request,
  response: Response,
  next: NextFunction,
): void {
  response.on('finish', () =>
    countSignedUrlResponse(
      request.method,
      request.originalUrl,
      response.statusCode,
    ),
  );
  next();
}

/**
 * The example app with known secrets, initialised (not listening: supertest binds an ephemeral port).
 * It logs at every level into {@link capturingLogger}, never to the console.
 */
export async function createExampleApp(
  env: Record<string, string | undefined> = {},
  options: ExampleAppOptions = {},
): Promise<INestApplication<App>> {
  return withEnv(
    {
      NODE_ENV: 'test',
      PANDIUM_ACCOUNT: TEST_ACCOUNT,
      PANDIUM_SHARED_SECRET: TEST_PANDIUM_SECRET,
      PANDIUM_ENVIRONMENT: undefined,
      PANDIUM_BASE_URL: undefined,
      PANDIUM_TOKEN_TTL_SECONDS: undefined,
      APP_AUTH_SECRET: TEST_APP_AUTH_SECRET,
      ...env,
    },
    async () => {
      // The capture from compile on (providers log as they are built), not Nest's TestingLogger.
      let builder = Test.createTestingModule({
        imports: [AppModule],
      }).setLogger(capturingLogger);
      if (options.rateLimitStore !== undefined) {
        builder = builder
          .overrideProvider(PANDIUM_RATE_LIMIT_STORE)
          .useValue(options.rateLimitStore);
      }
      if (options.launchTicketStore !== undefined) {
        builder = builder
          .overrideProvider(PANDIUM_LAUNCH_TICKET_STORE)
          .useValue(options.launchTicketStore);
      }
      if (options.configure !== undefined) {
        builder = options.configure(builder);
      }
      const moduleRef = await builder.compile();
      const adapter = options.adapter ?? 'express';
      const app = moduleRef.createNestApplication<INestApplication<App>>(
        createHttpAdapter(adapter),
        { logger: capturingLogger },
      );
      await options.beforeInit?.(app);
      if (adapter === 'fastify') {
        const fastify = app.getHttpAdapter().getInstance() as FastifyInstance;
        fastify.addHook('onResponse', (request, reply, done) => {
          countSignedUrlResponse(request.method, request.url, reply.statusCode);
          done();
        });
        await app.init();
        await fastify.ready();
      } else {
        app.use(countSignedUrlResponses);
        await app.init();
      }
      return app;
    },
  );
}

/** Signs in to the example app as a demo user (`POST /auth/login`, which must answer 200): the bearer token. */
export async function logIn(
  app: INestApplication<App>,
  email: string,
): Promise<string> {
  const response = await request(app.getHttpServer())
    .post('/auth/login')
    .send({ email, password: DEMO_PASSWORD })
    .expect(200);
  return (response.body as { accessToken: string }).accessToken;
}

/** Signs in as a demo user and asks the example app for one of its signed URLs (which must answer 200): the body. */
export async function signedUrlResponse(
  app: INestApplication<App>,
  path = '/pandium/integrations/1042/install-url',
  email = 'jane@acme.test',
): Promise<{ url: string; expiresIn: number }> {
  const accessToken = await logIn(app, email);
  const response = await request(app.getHttpServer())
    .get(path)
    .set('Authorization', `Bearer ${accessToken}`)
    .expect(200);
  return response.body as { url: string; expiresIn: number };
}
