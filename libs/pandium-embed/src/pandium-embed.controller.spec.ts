import type {
  CanActivate,
  ExecutionContext,
  INestApplication,
  Type,
} from '@nestjs/common';
import { ForbiddenException, Injectable } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { request as httpRequest } from 'node:http';
import request from 'supertest';
import type { App } from 'supertest/types.js';
import {
  tenantTokenOf,
  verifyPandiumToken,
} from '../../../test/support/pandium-token.verifier.js';
import type {
  ClaimsProvider,
  IntegrationCatalog,
  PandiumEmbedControllerOptions,
  PandiumIntegration,
  PandiumUserClaims,
  TokenProvider,
} from './interfaces/index.js';
import { PANDIUM_CLOCK } from './pandium-embed.constants.js';
import {
  INTEGRATION_NOT_FOUND_MESSAGE,
  STRATEGY_FAILED_MESSAGE,
  UNAUTHENTICATED_MESSAGE,
} from './pandium-embed.exceptions.js';
import { PandiumEmbedModule } from './pandium-embed.module.js';

interface TestUser {
  id: string;
}

type TestRequest = Record<string, unknown> & {
  headers: Record<string, string | string[] | undefined>;
};

const SECRET = 'controller-spec-shared-secret-0123456789abcdef';
const NOW = Date.UTC(2030, 5, 1, 8, 0, 0);

const netsuite: PandiumIntegration = {
  id: '1042',
  name: 'netsuite-orders',
  connectorName: 'netsuite',
  displayName: 'NetSuite orders',
};
const shopify: PandiumIntegration = {
  id: '2001',
  name: 'shopify-sync',
  connectorName: 'shopify',
};

/** Stands in for the host app's auth guard: the `x-test-user` header becomes `request.user`. */
@Injectable()
class TestGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<TestRequest>();
    const id = req.headers['x-test-user'];
    if (typeof id === 'string') {
      req.user = { id } satisfies TestUser;
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

class FakeTokenProvider implements TokenProvider<TestUser> {
  getToken(user: TestUser): string {
    return `conn-token-for-${user.id}`;
  }
}

/** Alice may install NetSuite and Shopify; everyone else only Shopify. */
class FakeCatalog implements IntegrationCatalog<TestUser> {
  listIntegrations(user: TestUser): PandiumIntegration[] {
    return user.id === 'alice' ? [netsuite, shopify] : [shopify];
  }
}

/** Fails the way a broken directory service would, with internals in the error. */
class FailingClaimsProvider implements ClaimsProvider<TestUser> {
  getClaims(): PandiumUserClaims {
    throw new Error('ldap://10.0.0.7 refused the bind');
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
  claimsProvider: Type<ClaimsProvider<TestUser>> = FakeClaimsProvider,
): Promise<INestApplication<App>> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      PandiumEmbedModule.forRoot({
        account: 'acme',
        sharedSecret: SECRET,
        claimsProvider,
        tokenProvider: FakeTokenProvider,
        integrationCatalog: FakeCatalog,
        controller,
      }),
    ],
  })
    .overrideProvider(PANDIUM_CLOCK)
    .useValue({ now: () => NOW })
    .compile();
  const app = moduleRef.createNestApplication<INestApplication<App>>({
    logger: false,
  });
  await app.init();
  return app;
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
      app = await createApp({ guards: [TestGuard] }, FailingClaimsProvider);

      const res = await request(app.getHttpServer())
        .get('/pandium/marketplace-url')
        .set('x-test-user', 'alice')
        .expect(502);

      expect(res.body).toEqual({
        statusCode: 502,
        message: STRATEGY_FAILED_MESSAGE,
        error: 'Bad Gateway',
      });
    });

    it("should answer a strategy's own 4xx refusal as is", async () => {
      app = await createApp({ guards: [TestGuard] }, RefusingClaimsProvider);

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
});
