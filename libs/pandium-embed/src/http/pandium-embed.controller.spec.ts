import { jest } from '@jest/globals';
import type {
  CanActivate,
  ExecutionContext,
  INestApplication,
} from '@nestjs/common';
import { ForbiddenException, Injectable } from '@nestjs/common';
import { request as httpRequest } from 'node:http';
import request from 'supertest';
import type { App } from 'supertest/types.js';
import {
  tenantTokenOf,
  verifyPandiumToken,
} from '../../../../test/support/pandium-token.verifier.js';
import type { ClaimsProvider } from '../core/claims-provider.interface.js';
import type { IntegrationCatalog } from '../core/integration-catalog.interface.js';
import type { PandiumEmbedControllerOptions } from './pandium-embed-controller-options.interface.js';
import type { PandiumEmbedModuleExtras } from '../module/pandium-embed-module-extras.interface.js';
import type { PandiumEmbedModuleOptions } from '../options/pandium-embed-module-options.interface.js';
import type { PandiumIntegration } from '../core/pandium-integration.interface.js';
import type { PandiumRateLimitStore } from '../rate-limit/pandium-rate-limit-store.interface.js';
import type { PandiumUserClaims } from '../core/pandium-claims.interface.js';
import {
  INTEGRATION_NOT_FOUND_MESSAGE,
  RATE_LIMITED_MESSAGE,
  STRATEGY_FAILED_MESSAGE,
  STRATEGY_TIMEOUT_MESSAGE,
  UNAUTHENTICATED_MESSAGE,
} from '../errors/pandium-error.messages.js';
import {
  createPandiumTestApp,
  FailingClaimsProvider,
  FakeTokenProvider,
  netsuite,
  shopify,
  UUID,
} from '../testing/support/pandium-embed.spec-utils.js';
import type { TestRequest } from '../testing/support/pandium-embed.spec-utils.js';
import { Test } from '@nestjs/testing';
import type {
  PandiumIntegrationActions,
  PandiumSyncResult,
} from '../core/pandium-integration-actions.interface.js';
import type { PandiumStatusSource } from '../core/pandium-integration-status.interface.js';
import { PandiumHttpException } from '../errors/pandium-http.exception.js';
import { PandiumEmbedModule } from '../module/pandium-embed.module.js';
import {
  PANDIUM_INTEGRATION_ACTIONS,
  PANDIUM_STATUS_SOURCE,
} from '../pandium-embed.tokens.js';

interface TestUser {
  id: string;
  org?: string;
}

const SECRET = 'controller-spec-shared-secret-0123456789abcdef';
const NOW = Date.UTC(2030, 5, 1, 8, 0, 0);

/** Stands in for the host app's auth guard: the `x-test-user` header becomes `request.user`. */
@Injectable()
class TestGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<TestRequest>();
    const id = req.headers['x-test-user'];
    const org = req.headers['x-test-org'];
    if (typeof id === 'string') {
      req.user = {
        id,
        ...(typeof org === 'string' ? { org } : {}),
      } satisfies TestUser;
    }
    return true;
  }
}

/** Like {@link TestGuard}, but stores the user in `request.account`. */
@Injectable()
class AccountGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<TestRequest>();
    const id = req.headers['x-test-user'];
    if (typeof id === 'string') {
      req.account = { id } satisfies TestUser;
    }
    return true;
  }
}

class FakeClaimsProvider implements ClaimsProvider<TestUser> {
  getClaims(user: TestUser): PandiumUserClaims {
    return {
      sub: `user-${user.id}`,
      ti: { udn: 'Acme Corp', ufn: 'Test User', uem: `${user.id}@acme.test` },
    };
  }
}

/** Alice may install NetSuite and Shopify; everyone else only Shopify. */
class FakeCatalog implements IntegrationCatalog<TestUser> {
  listIntegrations(user: TestUser): PandiumIntegration[] {
    return user.id === 'alice' ? [netsuite, shopify] : [shopify];
  }
}

/** Never answers, like a directory service behind a dead connection. */
class HangingClaimsProvider implements ClaimsProvider<TestUser> {
  getClaims(): Promise<PandiumUserClaims> {
    return new Promise(() => undefined);
  }
}

/** Refuses users on purpose. */
class RefusingClaimsProvider implements ClaimsProvider<TestUser> {
  getClaims(): PandiumUserClaims {
    throw new ForbiddenException('Your plan does not include integrations.');
  }
}

async function createApp(
  controller: PandiumEmbedControllerOptions | false,
  more: Partial<PandiumEmbedModuleOptions & PandiumEmbedModuleExtras> = {},
): Promise<INestApplication<App>> {
  return createPandiumTestApp(
    {
      account: 'acme',
      sharedSecret: SECRET,
      claimsProvider: FakeClaimsProvider,
      tokenProvider: FakeTokenProvider,
      integrationCatalog: FakeCatalog,
      controller,
      ...more,
    },
    { now: () => NOW },
  );
}

/** The three routes, with a user who may use each. */
const ROUTES = [
  '/pandium/integrations',
  '/pandium/integrations/1042/install-url',
  '/pandium/marketplace-url',
];

/** The two routes that sign a token, and so share the rate limit. */
const SIGNING_ROUTES = [
  '/pandium/integrations/1042/install-url',
  '/pandium/marketplace-url',
];

/** A rate-limit store that answers `record` to every hit and records the calls. */
function fakeStore(
  record = { totalHits: 1, timeToExpire: 60_000 },
): PandiumRateLimitStore & {
  increment: jest.Mock<PandiumRateLimitStore['increment']>;
} {
  return {
    increment: jest
      .fn<PandiumRateLimitStore['increment']>()
      .mockResolvedValue(record),
  };
}

/** A GET sent byte for byte: unlike supertest, Node's client does not resolve `.` and `..` segments. */
async function rawGet(
  app: INestApplication,
  path: string,
  headers: Record<string, string>,
): Promise<number> {
  await app.listen(0, '127.0.0.1');
  const { port } = new URL(await app.getUrl());
  return new Promise((resolve, reject) => {
    httpRequest({ host: '127.0.0.1', port, path, headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    })
      .on('error', reject)
      .end();
  });
}

describe('PandiumEmbedController', () => {
  let app: INestApplication<App> | undefined;

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  describe('with a guard that authenticates the user', () => {
    beforeEach(async () => {
      app = await createApp({ guards: [TestGuard] });
    });

    describe('GET /pandium/integrations', () => {
      it("should list the user's integrations", async () => {
        const res = await request(app!.getHttpServer())
          .get('/pandium/integrations')
          .set('x-test-user', 'bob')
          .expect(200);

        expect(res.body).toEqual([
          { id: '2001', name: 'shopify-sync', connectorName: 'shopify' },
        ]);
      });

      it('should answer 401 without a user', async () => {
        const res = await request(app!.getHttpServer())
          .get('/pandium/integrations')
          .expect(401);

        expect(res.body.message).toBe(UNAUTHENTICATED_MESSAGE);
        expect(res.body.code).toBe('PANDIUM_UNAUTHENTICATED');
      });
    });

    describe('GET /pandium/integrations/:integrationId/install-url', () => {
      it('should answer a signed install URL for the user, not to be cached', async () => {
        const res = await request(app!.getHttpServer())
          .get('/pandium/integrations/1042/install-url')
          .set('x-test-user', 'alice')
          .expect(200)
          .expect('Cache-Control', 'no-store');

        expect(res.body).toEqual({
          url: expect.stringMatching(
            /^https:\/\/imp\.sandbox\.pandium\.com\/acme\/tenants\/create\/1042\?tenant=/,
          ),
          expiresAt: new Date(NOW + 300_000).toISOString(),
          expiresIn: 300,
          integrationId: '1042',
        });
        const { payload } = await verifyPandiumToken(
          tenantTokenOf(res.body.url),
          SECRET,
          { currentDate: new Date(NOW) },
        );
        expect(payload.sub).toBe('user-alice');
        expect(payload.ti).toMatchObject({
          xti: {
            connector_name: 'netsuite',
            integration_name: 'netsuite-orders',
            token: 'conn-token-for-alice',
          },
        });
      });

      it.each([
        ['a space', 'a%20b'],
        ['an encoded slash', 'a%2Fb'],
        ['only dots', '...'],
        ['129 characters', '1'.repeat(129)],
      ])('should answer 400 for an id with %s', async (_, id) => {
        const res = await request(app!.getHttpServer())
          .get(`/pandium/integrations/${id}/install-url`)
          .set('x-test-user', 'alice')
          .expect(400);

        expect(res.body.message).toEqual([
          expect.stringContaining('integrationId'),
        ]);
        expect(res.body.code).toBe('PANDIUM_REQUEST_INVALID');
      });

      it.each(['..', '.'])(
        'should answer 400 for the id %p sent as a raw path segment',
        async (id) => {
          const status = await rawGet(
            app!,
            `/pandium/integrations/${id}/install-url`,
            { 'x-test-user': 'alice' },
          );

          expect(status).toBe(400);
        },
      );

      it('should accept a 128-character id and answer 404 when it is not in the catalog', async () => {
        const res = await request(app!.getHttpServer())
          .get(`/pandium/integrations/${'1'.repeat(128)}/install-url`)
          .set('x-test-user', 'alice')
          .expect(404);

        expect(res.body.message).toBe(INTEGRATION_NOT_FOUND_MESSAGE);
        expect(res.body.code).toBe('PANDIUM_INTEGRATION_NOT_FOUND');
      });

      it("should answer 404 for another user's integration", async () => {
        await request(app!.getHttpServer())
          .get('/pandium/integrations/1042/install-url')
          .set('x-test-user', 'bob')
          .expect(404);
      });

      it('should answer 401 before validating the id', async () => {
        await request(app!.getHttpServer())
          .get('/pandium/integrations/a%20b/install-url')
          .expect(401);
      });
    });

    describe('GET /pandium/marketplace-url', () => {
      it('should answer a signed marketplace URL for the user, not to be cached', async () => {
        const res = await request(app!.getHttpServer())
          .get('/pandium/marketplace-url')
          .set('x-test-user', 'bob')
          .expect(200)
          .expect('Cache-Control', 'no-store');

        expect(res.body).toEqual({
          url: expect.stringMatching(
            /^https:\/\/imp\.sandbox\.pandium\.com\/acme\?tenant=/,
          ),
          expiresAt: new Date(NOW + 300_000).toISOString(),
          expiresIn: 300,
        });
        const { payload } = await verifyPandiumToken(
          tenantTokenOf(res.body.url),
          SECRET,
          { currentDate: new Date(NOW) },
        );
        expect(payload.sub).toBe('user-bob');
      });

      it('should answer 401 without a user', async () => {
        await request(app!.getHttpServer())
          .get('/pandium/marketplace-url')
          .expect(401);
      });
    });
  });

  describe('with no guards configured', () => {
    beforeEach(async () => {
      app = await createApp({});
    });

    it.each([
      '/pandium/integrations',
      '/pandium/integrations/1042/install-url',
      '/pandium/marketplace-url',
    ])('should answer 401 on %s', async (path) => {
      const res = await request(app!.getHttpServer())
        .get(path)
        .set('x-test-user', 'alice')
        .expect(401);

      expect(res.body.message).toBe(UNAUTHENTICATED_MESSAGE);
      expect(JSON.stringify(res.body)).not.toContain('tenant=');
    });
  });

  describe('with a custom path', () => {
    beforeEach(async () => {
      app = await createApp({ path: 'api/embed', guards: [TestGuard] });
    });

    it('should serve the routes under the path', async () => {
      await request(app!.getHttpServer())
        .get('/api/embed/integrations')
        .set('x-test-user', 'alice')
        .expect(200);
      await request(app!.getHttpServer())
        .get('/api/embed/integrations/1042/install-url')
        .set('x-test-user', 'alice')
        .expect(200);
      await request(app!.getHttpServer())
        .get('/api/embed/marketplace-url')
        .set('x-test-user', 'alice')
        .expect(200);
    });

    it('should not serve the default path', async () => {
      await request(app!.getHttpServer())
        .get('/pandium/integrations')
        .set('x-test-user', 'alice')
        .expect(404);
    });
  });

  describe('with a custom userProperty', () => {
    it('should read the user from that request property', async () => {
      app = await createApp({
        userProperty: 'account',
        guards: [AccountGuard],
      });

      const res = await request(app.getHttpServer())
        .get('/pandium/integrations')
        .set('x-test-user', 'alice')
        .expect(200);

      expect(res.body.map(({ id }: PandiumIntegration) => id)).toEqual([
        '1042',
        '2001',
      ]);
    });

    it('should answer 401 when only request.user is set', async () => {
      app = await createApp({ userProperty: 'account', guards: [TestGuard] });

      await request(app.getHttpServer())
        .get('/pandium/integrations')
        .set('x-test-user', 'alice')
        .expect(401);
    });
  });

  describe('when a strategy fails', () => {
    it('should answer 502 with a message and no internals', async () => {
      app = await createApp(
        { guards: [TestGuard] },
        { claimsProvider: FailingClaimsProvider },
      );

      const res = await request(app.getHttpServer())
        .get('/pandium/marketplace-url')
        .set('x-test-user', 'alice')
        .expect(502);

      expect(res.body).toEqual({
        statusCode: 502,
        message: STRATEGY_FAILED_MESSAGE,
        error: 'Bad Gateway',
        code: 'PANDIUM_STRATEGY_FAILED',
        correlationId: expect.stringMatching(UUID),
      });
      expect(JSON.stringify(res.body)).not.toContain('ldap');
    });

    it("should answer a strategy's own 4xx refusal as is", async () => {
      app = await createApp(
        { guards: [TestGuard] },
        { claimsProvider: RefusingClaimsProvider },
      );

      const res = await request(app.getHttpServer())
        .get('/pandium/integrations/1042/install-url')
        .set('x-test-user', 'alice')
        .expect(403);

      expect(res.body.message).toBe('Your plan does not include integrations.');
    });
  });

  describe('with controller: false', () => {
    it('should register no routes', async () => {
      app = await createApp(false);

      await request(app.getHttpServer())
        .get('/pandium/integrations')
        .set('x-test-user', 'alice')
        .expect(404);
      await request(app.getHttpServer())
        .get('/pandium/marketplace-url')
        .set('x-test-user', 'alice')
        .expect(404);
    });
  });
  describe('response headers of the routes that sign tokens', () => {
    beforeEach(async () => {
      app = await createApp({ guards: [TestGuard] });
    });

    it.each(SIGNING_ROUTES)(
      'should send Cache-Control: no-store and Referrer-Policy: no-referrer on %s',
      async (path) => {
        await request(app!.getHttpServer())
          .get(path)
          .set('x-test-user', 'alice')
          .expect(200)
          .expect('Cache-Control', 'no-store')
          .expect('Referrer-Policy', 'no-referrer');
      },
    );
  });

  describe('query strings and request bodies', () => {
    beforeEach(async () => {
      app = await createApp({ guards: [TestGuard] });
    });

    it.each(ROUTES)(
      'should answer 400 naming the unexpected query parameters on %s',
      async (path) => {
        const res = await request(app!.getHttpServer())
          .get(`${path}?a=1&b=2`)
          .set('x-test-user', 'alice')
          .expect(400);

        expect(res.body).toEqual({
          statusCode: 400,
          error: 'Bad Request',
          message: 'This route takes no query parameters; unexpected: a, b.',
          code: 'PANDIUM_REQUEST_INVALID',
        });
      },
    );

    it.each(ROUTES)(
      'should answer 400 naming the unexpected body fields of a GET on %s',
      async (path) => {
        const res = await request(app!.getHttpServer())
          .get(path)
          .set('x-test-user', 'alice')
          .send({ sub: 'evil', ti: { uem: 'evil@evil.test' } })
          .expect(400);

        expect(res.body.message).toBe(
          'This route takes no request body; unexpected: sub, ti.',
        );
      },
    );

    it('should name at most five query parameters', async () => {
      const res = await request(app!.getHttpServer())
        .get('/pandium/marketplace-url?a=1&b=2&c=3&d=4&e=5&f=6&g=7')
        .set('x-test-user', 'alice')
        .expect(400);

      expect(res.body.message).toBe(
        'This route takes no query parameters; unexpected: a, b, c, d, e.',
      );
    });

    it.each(ROUTES)('should accept a bare "?" on %s', async (path) => {
      await request(app!.getHttpServer())
        .get(`${path}?`)
        .set('x-test-user', 'alice')
        .expect(200);
    });

    it.each(ROUTES)(
      'should refuse even a body the app does not parse on %s',
      async (path) => {
        const res = await request(app!.getHttpServer())
          .get(path)
          .set('x-test-user', 'alice')
          .set('Content-Type', 'text/plain')
          .send('sub=evil')
          .expect(400);

        expect(res.body.message).toBe('This route takes no request body.');
      },
    );

    it.each(ROUTES)(
      'should refuse an empty JSON object on %s',
      async (path) => {
        await request(app!.getHttpServer())
          .get(path)
          .set('x-test-user', 'alice')
          .set('Content-Type', 'application/json')
          .send('{}')
          .expect(400);
      },
    );
  });

  describe('with a method other than GET', () => {
    beforeEach(async () => {
      app = await createApp({ guards: [TestGuard] });
    });

    it.each(
      (['post', 'put', 'patch', 'delete'] as const).flatMap((method) =>
        ROUTES.map((path) => [method, path] as const),
      ),
    )('should answer 404 to %s %s', async (method, path) => {
      const res = await request(app!.getHttpServer())
        [method](path)
        .set('x-test-user', 'alice');

      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain('tenant=');
    });
  });

  describe('when a strategy does not answer in time', () => {
    it('should answer 504 with a message and a correlation id', async () => {
      app = await createApp(
        { guards: [TestGuard] },
        { claimsProvider: HangingClaimsProvider, strategyTimeoutMs: 100 },
      );

      const res = await request(app.getHttpServer())
        .get('/pandium/integrations/1042/install-url')
        .set('x-test-user', 'alice')
        .expect(504);

      expect(res.body).toEqual({
        statusCode: 504,
        error: 'Gateway Timeout',
        message: STRATEGY_TIMEOUT_MESSAGE,
        code: 'PANDIUM_STRATEGY_TIMEOUT',
        correlationId: expect.stringMatching(UUID),
      });
    });
  });

  describe('rate limiting', () => {
    const limited: PandiumEmbedControllerOptions = {
      guards: [TestGuard],
      rateLimit: { limit: 2, windowSeconds: 60 },
    };

    const get = (path: string, user?: string, org?: string): request.Test => {
      const req = request(app!.getHttpServer()).get(path);
      if (user !== undefined) {
        req.set('x-test-user', user);
      }
      if (org !== undefined) {
        req.set('x-test-org', org);
      }
      return req;
    };

    it("should answer 429 with Retry-After to a user's third signing call, install-url and marketplace-url sharing the budget", async () => {
      app = await createApp(limited);

      await get('/pandium/integrations/1042/install-url', 'alice').expect(200);
      await get('/pandium/marketplace-url', 'alice').expect(200);
      const res = await get('/pandium/integrations/1042/install-url', 'alice');

      expect(res.status).toBe(429);
      expect(res.body).toEqual({
        statusCode: 429,
        error: 'Too Many Requests',
        message: RATE_LIMITED_MESSAGE,
        code: 'PANDIUM_RATE_LIMIT_EXCEEDED',
      });
      const retryAfter = res.headers['retry-after'];
      expect(retryAfter).toMatch(/^\d+$/);
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
      expect(Number(retryAfter)).toBeLessThanOrEqual(60);
      await get('/pandium/marketplace-url', 'alice').expect(429);
    });

    it('should count each user apart', async () => {
      app = await createApp(limited);

      await get('/pandium/marketplace-url', 'alice').expect(200);
      await get('/pandium/marketplace-url', 'alice').expect(200);
      await get('/pandium/marketplace-url', 'alice').expect(429);

      await get('/pandium/marketplace-url', 'bob').expect(200);
      await get('/pandium/integrations/2001/install-url', 'bob').expect(200);
    });

    it('should not limit GET integrations, nor count it', async () => {
      app = await createApp(limited);

      for (let i = 0; i < 5; i += 1) {
        await get('/pandium/integrations', 'alice').expect(200);
      }
      await get('/pandium/marketplace-url', 'alice').expect(200);
      await get('/pandium/marketplace-url', 'alice').expect(200);
      await get('/pandium/marketplace-url', 'alice').expect(429);
      await get('/pandium/integrations', 'alice').expect(200);
    });

    it('should allow 30 signing calls per user and window by default', async () => {
      app = await createApp({ guards: [TestGuard] });

      for (let i = 0; i < 30; i += 1) {
        await get('/pandium/marketplace-url', 'alice').expect(200);
      }
      await get('/pandium/marketplace-url', 'alice').expect(429);
    });

    it('should read the user from a custom userProperty', async () => {
      app = await createApp({
        guards: [AccountGuard],
        userProperty: 'account',
        rateLimit: { limit: 1 },
      });

      await get('/pandium/marketplace-url', 'alice').expect(200);
      await get('/pandium/marketplace-url', 'alice').expect(429);
      await get('/pandium/marketplace-url', 'bob').expect(200);
    });

    it('should not limit at all with rateLimit: false', async () => {
      const store = fakeStore({ totalHits: 1000, timeToExpire: 60_000 });
      app = await createApp(
        { guards: [TestGuard], rateLimit: false },
        { rateLimitStore: { useValue: store } },
      );

      for (const path of [...SIGNING_ROUTES, ...SIGNING_ROUTES]) {
        await get(path, 'alice').expect(200);
      }
      expect(store.increment).not.toHaveBeenCalled();
    });

    it('should count under a custom rateLimitKey, so users of one organisation share a budget', async () => {
      app = await createApp(limited, {
        rateLimitKey: (user) => (user as TestUser).org,
      });

      await get('/pandium/marketplace-url', 'alice', 'acme').expect(200);
      await get('/pandium/marketplace-url', 'carol', 'acme').expect(200);
      await get('/pandium/marketplace-url', 'carol', 'acme').expect(429);
      await get('/pandium/marketplace-url', 'alice', 'acme').expect(429);

      await get('/pandium/marketplace-url', 'dave', 'globex').expect(200);
    });

    it("should count in a custom rateLimitStore, per user, with the window's length and the limit", async () => {
      const store = fakeStore();
      app = await createApp(
        { guards: [TestGuard] },
        {
          rateLimitStore: { useValue: store },
        },
      );

      await get('/pandium/integrations/1042/install-url', 'alice').expect(200);
      await get('/pandium/marketplace-url', 'bob').expect(200);

      expect(store.increment.mock.calls).toEqual([
        ['pandium-embed:user:alice', 60_000, 30, 60_000, 'pandium-embed'],
        ['pandium-embed:user:bob', 60_000, 30, 60_000, 'pandium-embed'],
      ]);
    });

    it("should answer 429 when a custom store says the user is over, with Retry-After rounded up from the store's time", async () => {
      const store = fakeStore({ totalHits: 3, timeToExpire: 1500 });
      app = await createApp(limited, { rateLimitStore: { useValue: store } });

      const res = await get('/pandium/marketplace-url', 'alice').expect(429);

      expect(res.headers['retry-after']).toBe('2');
    });

    it('should answer 401, not 429, to a request without a user, and not count it', async () => {
      const store = fakeStore({ totalHits: 1000, timeToExpire: 60_000 });
      app = await createApp(limited, { rateLimitStore: { useValue: store } });

      for (const path of SIGNING_ROUTES) {
        const res = await get(path).expect(401);
        expect(res.body.message).toBe(UNAUTHENTICATED_MESSAGE);
      }
      expect(store.increment).not.toHaveBeenCalled();
    });

    it('should answer 401, not 400, to a request without a user that sends a query string', async () => {
      app = await createApp(limited);

      for (const path of ROUTES) {
        await get(`${path}?sub=evil`).expect(401);
      }
    });
  });
});

/** Records each action; `busy` makes them fail as a Pandium 429 would. */
class FakeActions implements PandiumIntegrationActions {
  readonly calls: string[] = [];
  busy = false;

  sync(userName: string, integrationId: string): Promise<PandiumSyncResult> {
    this.calls.push(`sync ${userName} ${integrationId}`);
    return this.busy
      ? Promise.reject(PandiumHttpException.apiBusy(UUID_EXAMPLE, 42))
      : Promise.resolve({ triggerId: '8812' });
  }

  uninstall(userName: string, integrationId: string): Promise<void> {
    this.calls.push(`uninstall ${userName} ${integrationId}`);
    return this.busy
      ? Promise.reject(PandiumHttpException.apiBusy(UUID_EXAMPLE, 42))
      : Promise.resolve();
  }
}

const UUID_EXAMPLE = '0f9b6a52-7c1e-4d2a-9a43-5b1f0c7e2d11';

/** Counts the refreshes it is asked for. */
class FakeStatuses implements PandiumStatusSource {
  readonly refreshed: string[] = [];
  statusesFor(): Promise<undefined> {
    return Promise.resolve(undefined);
  }
  forget(): Promise<void> {
    return Promise.resolve();
  }
  refresh(userName: string): Promise<boolean> {
    this.refreshed.push(userName);
    return Promise.resolve(true);
  }
  userOfTenant(): Promise<undefined> {
    return Promise.resolve(undefined);
  }
}

/** Counts the requests the host app's guard sees. */
@Injectable()
class CountingGuard extends TestGuard {
  static seen = 0;
  override canActivate(context: ExecutionContext): boolean {
    CountingGuard.seen += 1;
    return super.canActivate(context);
  }
}

describe('PandiumEmbedController actions (run, uninstall, refresh)', () => {
  let app: INestApplication<App>;
  let actions: FakeActions;
  let statuses: FakeStatuses;
  const SYNC = '/pandium/integrations/1042/sync';
  const TENANT = '/pandium/integrations/1042/tenant';
  const REFRESH = '/pandium/integrations/refresh';
  const send = (method: 'post' | 'delete', path: string, user = 'alice') =>
    request(app.getHttpServer())[method](path).set('x-test-user', user);

  beforeEach(async () => {
    actions = new FakeActions();
    statuses = new FakeStatuses();
    CountingGuard.seen = 0;
    const moduleRef = await Test.createTestingModule({
      imports: [
        PandiumEmbedModule.forRoot({
          account: 'acme',
          sharedSecret: SECRET,
          claimsProvider: FakeClaimsProvider,
          tokenProvider: FakeTokenProvider,
          integrationCatalog: FakeCatalog,
          controller: {
            guards: [CountingGuard],
            rateLimit: { limit: 3, windowSeconds: 60 },
          },
        }),
      ],
    })
      .overrideProvider(PANDIUM_INTEGRATION_ACTIONS)
      .useValue(actions)
      .overrideProvider(PANDIUM_STATUS_SOURCE)
      .useValue(statuses)
      .compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
  });

  afterEach(async () => {
    await app.close();
  });

  it("should run the user's integration: 202 with the trigger id, never cached", async () => {
    const res = await send('post', SYNC)
      .expect(202)
      .expect('Cache-Control', 'no-store');
    expect(res.body).toStrictEqual({ triggerId: '8812' });
    expect(actions.calls).toEqual(['sync user-alice 1042']);
  });

  it("should answer 404 to a run of an integration not in the user's catalog, without acting", async () => {
    const res = await send('post', SYNC, 'bob').expect(404);
    expect(res.body).toMatchObject({ code: 'PANDIUM_INTEGRATION_NOT_FOUND' });
    expect(actions.calls).toEqual([]);
  });

  it("should uninstall the user's tenant: 204 without a body, in the catalog or not", async () => {
    const res = await send('delete', TENANT, 'bob')
      .expect(204)
      .expect('Cache-Control', 'no-store');
    expect(res.text).toBe('');
    expect(actions.calls).toEqual(['uninstall user-bob 1042']);
  });

  it("should refresh the user's statuses: 204", async () => {
    await send('post', REFRESH).expect(204);
    expect(statuses.refreshed).toEqual(['user-alice']);
  });

  it.each([
    ['post', SYNC],
    ['delete', TENANT],
    ['post', REFRESH],
  ] as const)(
    'should answer 401 to %s %s without a user',
    async (method, path) => {
      const res = await request(app.getHttpServer())[method](path).expect(401);
      expect(res.body).toMatchObject({ code: 'PANDIUM_UNAUTHENTICATED' });
    },
  );

  it.each([
    ['post', SYNC],
    ['delete', TENANT],
    ['post', REFRESH],
  ] as const)(
    'should refuse %s %s from another site with 403, before any guard of the host app',
    async (method, path) => {
      const res = await request(app.getHttpServer())
        [method](path)
        .set('Sec-Fetch-Site', 'cross-site')
        .expect(403);
      expect(res.body).toMatchObject({
        statusCode: 403,
        error: 'Forbidden',
        code: 'PANDIUM_CROSS_SITE_REQUEST',
      });
      expect(CountingGuard.seen).toBe(0);
      expect(actions.calls).toEqual([]);
      expect(statuses.refreshed).toEqual([]);
    },
  );

  it.each(['same-origin', 'same-site', 'none'])(
    'should let Sec-Fetch-Site: %s through, and not check the GET routes',
    async (site) => {
      await send('post', SYNC).set('Sec-Fetch-Site', site).expect(202);
      await request(app.getHttpServer())
        .get('/pandium/integrations')
        .set('x-test-user', 'alice')
        .set('Sec-Fetch-Site', 'cross-site')
        .expect(200);
    },
  );

  it('should refuse a body or a query string with 400, and take an empty POST or DELETE', async () => {
    await send('post', SYNC)
      .set('Content-Type', 'application/json')
      .send('{"tenantId":7}')
      .expect(400);
    await send('delete', TENANT)
      .set('Content-Type', 'application/json')
      .send('{"tenantId":7}')
      .expect(400);
    await send('post', `${REFRESH}?user=raj`).expect(400);
    await send('post', REFRESH).set('Content-Length', '0').expect(204);
    expect(actions.calls).toEqual([]);
  });

  it('should answer 400 to a malformed id', async () => {
    await send('post', '/pandium/integrations/a%20b/sync').expect(400);
    await send('delete', '/pandium/integrations/..%2F7/tenant').expect(400);
  });

  it("should answer a busy Pandium's 503 with its Retry-After", async () => {
    actions.busy = true;
    for (const req of [send('post', SYNC), send('delete', TENANT)]) {
      const res = await req.expect(503).expect('Retry-After', '42');
      expect(res.body).toMatchObject({
        code: 'PANDIUM_API_BUSY',
        correlationId: UUID_EXAMPLE,
      });
    }
  });

  it("should count the three routes in the user's signing budget", async () => {
    await send('post', SYNC).expect(202);
    await send('delete', TENANT).expect(204);
    await request(app.getHttpServer())
      .get('/pandium/marketplace-url')
      .set('x-test-user', 'alice')
      .expect(200);
    const res = await send('post', REFRESH).expect(429);
    expect(res.headers['retry-after']).toMatch(/^\d+$/);
    await send('post', REFRESH, 'raj').expect(204);
  });
});

describe('PandiumEmbedController actions without an apiKey', () => {
  it('should answer 501 PANDIUM_API_KEY_MISSING to run and uninstall, and a 204 that does nothing to refresh', async () => {
    const app = await createApp({ guards: [TestGuard] });
    try {
      for (const [method, path] of [
        ['post', '/pandium/integrations/1042/sync'],
        ['delete', '/pandium/integrations/1042/tenant'],
      ] as const) {
        const res = await request(app.getHttpServer())
          [method](path)
          .set('x-test-user', 'alice')
          .expect(501);
        expect(res.body).toMatchObject({
          statusCode: 501,
          error: 'Not Implemented',
          code: 'PANDIUM_API_KEY_MISSING',
          message: expect.stringContaining('PANDIUM_API_KEY'),
          correlationId: expect.stringMatching(UUID),
        });
      }
      await request(app.getHttpServer())
        .post('/pandium/integrations/refresh')
        .set('x-test-user', 'alice')
        .expect(204);
    } finally {
      await app.close();
    }
  });
});
