import type {
  CanActivate,
  DynamicModule,
  ExecutionContext,
  INestApplication,
  ModuleMetadata,
} from '@nestjs/common';
import {
  ForbiddenException,
  Inject,
  Injectable,
  Module,
  UnauthorizedException,
} from '@nestjs/common';
import type { TestingModule } from '@nestjs/testing';
import { Test } from '@nestjs/testing';
import { jest } from '@jest/globals';
import request from 'supertest';
import type { App } from 'supertest/types.js';
import {
  tenantTokenOf,
  verifyPandiumToken,
} from '../../../../test/support/pandium-token.verifier.js';
import type { ClaimsProvider } from '../core/claims-provider.interface.js';
import type { PandiumEmbedModuleExtras } from '../module/pandium-embed-module-extras.interface.js';
import type { PandiumEmbedModuleOptions } from '../options/pandium-embed-module-options.interface.js';
import type { PandiumInstanceSelector } from './pandium-instance-selector.interface.js';
import type { PandiumIntegration } from '../core/pandium-integration.interface.js';
import type { PandiumUserClaims } from '../core/pandium-claims.interface.js';
import type { TokenProvider } from '../core/token-provider.interface.js';
import {
  getPandiumEmbedServiceToken,
  getPandiumJwtSignerToken,
  getPandiumLaunchTicketServiceToken,
  getPandiumUrlBuilderToken,
  PANDIUM_CLAIMS_PROVIDER,
  PANDIUM_INSTANCE_SELECTOR,
} from '../pandium-embed.tokens.js';
import { PANDIUM_SYSTEM_CLOCK } from '../core/pandium-system.clock.js';
import { InjectPandiumEmbedService } from '../pandium-embed.decorators.js';
import {
  INTEGRATION_NOT_FOUND_MESSAGE,
  LAUNCH_TICKET_NOT_FOUND_MESSAGE,
  STRATEGY_FAILED_MESSAGE,
} from '../errors/pandium-error.messages.js';
import { PandiumOptionsError } from '../errors/pandium-options.error.js';
import { InMemoryLaunchTicketStore } from '../launch/in-memory-launch-ticket.store.js';
import { PandiumEmbedRouterModule } from '../module/pandium-embed-router.module.js';
import { PandiumEmbedModule } from '../module/pandium-embed.module.js';
import { PandiumEmbedService } from '../core/pandium-embed.service.js';
import { PandiumInstanceRouter } from './pandium-instance.router.js';
import type { PandiumJwtSigner } from '../signing/pandium-jwt.signer.js';
import type { PandiumUrlBuilder } from '../signing/pandium-url.builder.js';
import type { PandiumLaunchTicketService } from '../launch/pandium-launch-ticket.service.js';

interface TestUser {
  id: string;
  region: string;
}

type TestRequest = Record<string, unknown> & {
  headers: Record<string, string | string[] | undefined>;
};

const EU_SECRET = 'eu-instance-shared-secret-0123456789abcdefgh';
const US_SECRET = 'us-instance-shared-secret-0123456789abcdefgh';
const UUID =
  /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const euIntegration: PandiumIntegration = {
  id: '1042',
  name: 'netsuite-orders',
  connectorName: 'netsuite',
};
const usIntegration: PandiumIntegration = {
  id: '2001',
  name: 'shopify-sync',
  connectorName: 'shopify',
};

/** Where each account's marketplace is: eu in the sandbox (the default), us in production. */
const EU_ACCOUNT_URL = 'https://imp.sandbox.pandium.com/acme-eu';
const US_ACCOUNT_URL = 'https://imp.pandium.com/acme-us';

const alice: TestUser = { id: 'alice', region: 'eu' };
const bob: TestUser = { id: 'bob', region: 'us' };

/** Each instance gets its own claims provider, so a token shows which instance's strategies ran. */
class EuClaimsProvider implements ClaimsProvider<TestUser> {
  getClaims(user: TestUser): PandiumUserClaims {
    return {
      sub: `user-${user.id}`,
      ti: { udn: 'Acme EU', ufn: 'EU User', uem: `${user.id}@acme.eu` },
    };
  }
}

class UsClaimsProvider implements ClaimsProvider<TestUser> {
  getClaims(user: TestUser): PandiumUserClaims {
    return {
      sub: `user-${user.id}`,
      ti: { udn: 'Acme US', ufn: 'US User', uem: `${user.id}@acme.us` },
    };
  }
}

class EuTokenProvider implements TokenProvider<TestUser> {
  getToken(): string {
    return 'eu-connector-token';
  }
}

class UsTokenProvider implements TokenProvider<TestUser> {
  getToken(): string {
    return 'us-connector-token';
  }
}

type Registration = PandiumEmbedModuleOptions & PandiumEmbedModuleExtras;

const eu: Registration = {
  name: 'eu',
  account: 'acme-eu',
  sharedSecret: EU_SECRET,
  integrations: [euIntegration],
  claimsProvider: EuClaimsProvider,
  tokenProvider: EuTokenProvider,
};
const us: Registration = {
  name: 'us',
  account: 'acme-us',
  environment: 'production',
  sharedSecret: US_SECRET,
  integrations: [usIntegration],
  claimsProvider: UsClaimsProvider,
  tokenProvider: UsTokenProvider,
};

/** Stands in for `ConfigModule`: one account per region. */
const REGIONS = 'TEST:REGIONS';

@Module({
  providers: [
    {
      provide: REGIONS,
      useValue: {
        eu: { account: 'acme-eu', secret: EU_SECRET },
        us: { account: 'acme-us', secret: US_SECRET },
      },
    },
  ],
  exports: [REGIONS],
})
class RegionsConfigModule {}

type Regions = Record<string, { account: string; secret: string }>;

/** What the host app writes to use both instances in one provider. */
@Injectable()
class BillingPages {
  constructor(
    @InjectPandiumEmbedService('eu')
    readonly eu: PandiumEmbedService<TestUser>,
    @InjectPandiumEmbedService('us')
    readonly us: PandiumEmbedService<TestUser>,
  ) {}
}

/** Both instances imported into one module, beside a provider that injects each by name. */
function bothInOneModule(
  first: DynamicModule,
  second: DynamicModule,
): DynamicModule {
  @Module({})
  class BillingModule {}
  return {
    module: BillingModule,
    imports: [first, second],
    providers: [BillingPages],
    exports: [BillingPages],
  };
}

async function compile(
  ...imports: NonNullable<ModuleMetadata['imports']>
): Promise<TestingModule> {
  return Test.createTestingModule({ imports }).compile();
}

/**
 * As {@link compile}, with Nest's opt-in `deep-hash` module ids: dynamic modules whose metadata serialises alike are
 * merged into one, and the hidden `sharedSecret` is not part of that serialisation.
 */
async function compileDeepHashed(
  ...imports: NonNullable<ModuleMetadata['imports']>
): Promise<TestingModule> {
  return Test.createTestingModule(
    { imports },
    { moduleIdGeneratorAlgorithm: 'deep-hash' },
  ).compile();
}

/** The error a registration fails with, whether thrown by forRoot or by compile(). */
async function bootError(boot: () => Promise<unknown>): Promise<unknown> {
  try {
    await boot();
  } catch (error) {
    return error;
  }
  throw new Error('expected boot to fail');
}

/**
 * Two instances, `eu` and `us`, whose registrations differ only in their secret (hidden from Nest), compiled by
 * `compiler`.
 */
async function twinPages(compiler: typeof compile): Promise<BillingPages> {
  const twinRef = await compiler(
    bothInOneModule(
      PandiumEmbedModule.forRoot({ ...eu, name: 'eu' }),
      PandiumEmbedModule.forRoot({
        ...eu,
        name: 'us',
        sharedSecret: US_SECRET,
      }),
    ),
  );
  return twinRef.get(BillingPages);
}

/** Asserts that `token` verifies with `secret`. */
async function expectSignedWith(token: string, secret: string): Promise<void> {
  await expect(verifyPandiumToken(token, secret)).resolves.toEqual(
    expect.anything(),
  );
}

/** Signs a marketplace URL with `service`, checks its host and account, and returns the token. */
async function marketplaceToken(
  service: PandiumEmbedService<TestUser>,
  user: TestUser,
  accountUrl: string,
): Promise<string> {
  const { url } = await service.createMarketplaceUrl(user);
  expect(url.startsWith(`${accountUrl}?tenant=`)).toBe(true);
  return tenantTokenOf(url);
}

/** Stands in for the host app's auth guard: `x-test-user` and `x-test-region` become `request.user`. */
@Injectable()
class TestAuthGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<TestRequest>();
    const id = req.headers['x-test-user'];
    const region = req.headers['x-test-region'];
    if (typeof id !== 'string') {
      throw new UnauthorizedException('Sign in first.');
    }
    req.user = { id, region: typeof region === 'string' ? region : '' };
    return true;
  }
}

/** `req` sent as `user`, on the headers {@link TestAuthGuard} reads. */
function sentAs(req: request.Test, user: TestUser): request.Test {
  return req.set('x-test-user', user.id).set('x-test-region', user.region);
}

/** Carol, whose region is whatever a test needs the selector to see. */
const carol = (region: string): TestUser => ({ id: 'carol', region });

/** The ticket at the end of a launch URL that `POST /pandium/launch-tickets` answered with. */
function ticketOf(issued: request.Response): string {
  return (issued.body.launchUrl as string).split('/').pop()!;
}

/** The selector of the README: the user's region names the instance. */
class RegionSelector implements PandiumInstanceSelector<TestUser> {
  selectInstance(user: TestUser): string | Promise<string> {
    if (user.region === 'slow') {
      return new Promise<string>(() => undefined);
    }
    if (user.region === 'blocked') {
      throw new ForbiddenException('Pandium is not available in your region.');
    }
    if (user.region === 'broken') {
      throw new Error('geo service at 10.0.0.3 is down');
    }
    return user.region;
  }
}

describe('PandiumEmbedModule named instances', () => {
  describe('forRoot({ name })', () => {
    it('should export only name-derived tokens, and register no controller', () => {
      const definition = PandiumEmbedModule.forRoot(eu);

      expect(definition.exports).toStrictEqual([
        getPandiumEmbedServiceToken('eu'),
        getPandiumLaunchTicketServiceToken('eu'),
        getPandiumJwtSignerToken('eu'),
        getPandiumUrlBuilderToken('eu'),
      ]);
      expect(definition.controllers).toStrictEqual([]);
    });

    it('should let a module inject the service with InjectPandiumEmbedService(name)', async () => {
      const moduleRef = await compile(
        bothInOneModule(
          PandiumEmbedModule.forRoot(eu),
          PandiumEmbedModule.forRoot(us),
        ),
      );
      const pages = moduleRef.get(BillingPages);

      expect(pages.eu).toBeInstanceOf(PandiumEmbedService);
      expect(pages.us).toBeInstanceOf(PandiumEmbedService);
      expect(pages.eu).not.toBe(pages.us);
    });

    it('should not export the class, so a module importing a named instance cannot inject it by class', async () => {
      @Injectable()
      class ByClass {
        constructor(readonly service: PandiumEmbedService) {}
      }

      const error = await bootError(() =>
        compile({
          module: class ConsumerModule {},
          imports: [PandiumEmbedModule.forRoot(eu)],
          providers: [ByClass],
        }),
      );

      expect(String(error)).toContain('PandiumEmbedService');
    });

    it('should keep the unnamed instance as before beside named ones: the class is the unnamed one', async () => {
      @Injectable()
      class ByClass {
        constructor(readonly service: PandiumEmbedService<TestUser>) {}
      }
      const unnamed = PandiumEmbedModule.forRoot({
        ...eu,
        name: undefined,
        account: 'acme-default',
        controller: false,
      });
      const moduleRef = await compile({
        module: class ConsumerModule {},
        imports: [
          PandiumEmbedModule.forRoot(eu),
          unnamed,
          PandiumEmbedModule.forRoot(us),
        ],
        providers: [ByClass],
      });

      expect(unnamed.exports).toContain(PandiumEmbedService);
      expect(unnamed.exports).toContain(PANDIUM_CLAIMS_PROVIDER);
      await marketplaceToken(
        moduleRef.get(ByClass).service,
        alice,
        'https://imp.sandbox.pandium.com/acme-default',
      );
    });

    it('should register the controller of a named instance when one is configured', () => {
      const definition = PandiumEmbedModule.forRoot({
        ...eu,
        controller: { path: 'pandium/eu', launch: false },
      });

      expect(definition.controllers).toHaveLength(1);
    });
  });

  describe('forRootAsync({ name })', () => {
    it('should build each instance from its own factory, exported under its name', async () => {
      const region = (name: 'eu' | 'us') =>
        PandiumEmbedModule.forRootAsync({
          name,
          imports: [RegionsConfigModule],
          inject: [REGIONS],
          useFactory: (regions: Regions) => ({
            account: regions[name].account,
            sharedSecret: regions[name].secret,
            integrations: [euIntegration],
          }),
          claimsProvider: EuClaimsProvider,
          tokenProvider: EuTokenProvider,
        });
      const moduleRef = await compile(
        bothInOneModule(region('eu'), region('us')),
      );
      const pages = moduleRef.get(BillingPages);

      const euToken = await marketplaceToken(pages.eu, alice, EU_ACCOUNT_URL);
      const usToken = await marketplaceToken(
        pages.us,
        bob,
        'https://imp.sandbox.pandium.com/acme-us',
      );
      await expectSignedWith(euToken, EU_SECRET);
      await expectSignedWith(usToken, US_SECRET);
    });

    it('should reject a bad name when forRootAsync is called', () => {
      expect(() =>
        PandiumEmbedModule.forRootAsync({
          name: 'eu west',
          useFactory: () => ({ account: 'a', sharedSecret: EU_SECRET }),
          claimsProvider: EuClaimsProvider,
          tokenProvider: EuTokenProvider,
        }),
      ).toThrow(/name must be an instance name/);
    });
  });

  describe('two instances', () => {
    let moduleRef: TestingModule;
    let pages: BillingPages;

    beforeAll(async () => {
      moduleRef = await compile(
        bothInOneModule(
          PandiumEmbedModule.forRoot(eu),
          PandiumEmbedModule.forRoot(us),
        ),
      );
      pages = moduleRef.get(BillingPages);
    });

    it('should never mix secrets or accounts: each URL verifies with its own secret only', async () => {
      const euToken = await marketplaceToken(pages.eu, alice, EU_ACCOUNT_URL);
      const usToken = await marketplaceToken(pages.us, bob, US_ACCOUNT_URL);

      const euClaims = (await verifyPandiumToken(euToken, EU_SECRET)).payload;
      const usClaims = (await verifyPandiumToken(usToken, US_SECRET)).payload;
      expect(euClaims.ti).toMatchObject({
        udn: 'Acme EU',
        xti: { token: 'eu-connector-token' },
      });
      expect(usClaims.ti).toMatchObject({
        udn: 'Acme US',
        xti: { token: 'us-connector-token' },
      });
      await expect(verifyPandiumToken(euToken, US_SECRET)).rejects.toThrow();
      await expect(verifyPandiumToken(usToken, EU_SECRET)).rejects.toThrow();
    });

    it('should keep catalogs apart', async () => {
      await expect(pages.eu.listIntegrations(alice)).resolves.toStrictEqual([
        euIntegration,
      ]);
      await expect(pages.us.listIntegrations(alice)).resolves.toStrictEqual([
        usIntegration,
      ]);
      await expect(pages.us.createInstallUrl(alice, '1042')).rejects.toThrow(
        INTEGRATION_NOT_FOUND_MESSAGE,
      );
    });

    it('should give each instance its own signer, URL builder, ticket key and ticket store', async () => {
      const signer = (name: string) =>
        moduleRef.get<PandiumJwtSigner>(getPandiumJwtSignerToken(name), {
          strict: false,
        });
      const urls = (name: string) =>
        moduleRef.get<PandiumUrlBuilder>(getPandiumUrlBuilderToken(name), {
          strict: false,
        });
      const tickets = (name: string) =>
        moduleRef.get<PandiumLaunchTicketService<TestUser>>(
          getPandiumLaunchTicketServiceToken(name),
          { strict: false },
        );

      expect(signer('eu')).not.toBe(signer('us'));
      expect(urls('eu').origin).toBe('https://imp.sandbox.pandium.com');
      expect(urls('us').origin).toBe('https://imp.pandium.com');
      expect(tickets('eu')).not.toBe(tickets('us'));
      const { ticket } = await tickets('eu').createLaunchTicket(alice, {
        kind: 'marketplace',
      });
      // 404, not 410: the other instance's key does not even accept the ticket.
      await expect(tickets('us').redeemLaunchTicket(ticket)).rejects.toThrow(
        LAUNCH_TICKET_NOT_FOUND_MESSAGE,
      );
      await expect(
        tickets('eu').redeemLaunchTicket(ticket),
      ).resolves.toMatchObject({
        url: expect.stringMatching(/\/acme-eu\?tenant=/),
      });
    });

    it('should stay two instances when only their secrets (hidden from Nest) differ', async () => {
      const twins = await twinPages(compile);

      const first = await marketplaceToken(twins.eu, alice, EU_ACCOUNT_URL);
      const second = await marketplaceToken(twins.us, alice, EU_ACCOUNT_URL);
      await expectSignedWith(first, EU_SECRET);
      await expectSignedWith(second, US_SECRET);
    });
  });

  describe("with moduleIdGeneratorAlgorithm: 'deep-hash'", () => {
    it('should keep two instances apart, each with its own secret, even when nothing else differs', async () => {
      const twins = await twinPages(compileDeepHashed);

      const second = await marketplaceToken(twins.us, alice, EU_ACCOUNT_URL);
      await expectSignedWith(second, US_SECRET);
      await expect(verifyPandiumToken(second, EU_SECRET)).rejects.toThrow();
    });

    it('should not merge two registrations of one name that differ only in their secret, but refuse them', async () => {
      const error = await bootError(() =>
        compileDeepHashed(
          PandiumEmbedModule.forRoot(eu),
          PandiumEmbedModule.forRoot({ ...eu, sharedSecret: US_SECRET }),
        ),
      );

      expect(error).toBeInstanceOf(PandiumOptionsError);
    });
  });

  describe('names', () => {
    it.each(['', 'eu west', '1eu', 'eu/west', 'x'.repeat(25), 42])(
      'should make forRoot throw a PandiumOptionsError naming name for %p',
      (name) => {
        const error = (() => {
          try {
            PandiumEmbedModule.forRoot({ ...eu, name: name as string });
          } catch (thrown) {
            return thrown;
          }
          return undefined;
        })();

        expect(error).toBeInstanceOf(PandiumOptionsError);
        expect((error as PandiumOptionsError).problems).toContainEqual(
          expect.stringMatching(/^name must be/),
        );
        expect(
          (error as PandiumOptionsError).problems.every((line) =>
            line.startsWith('name '),
          ),
        ).toBe(true);
      },
    );

    it('should fail to boot, naming the name, when two registrations share one', async () => {
      const error = await bootError(() =>
        compile(
          PandiumEmbedModule.forRoot(eu),
          PandiumEmbedModule.forRoot({ ...us, name: 'eu' }),
        ),
      );

      expect(error).toBeInstanceOf(PandiumOptionsError);
      expect(String(error)).toContain(
        'name: "eu" is registered more than once',
      );
    });

    it('should fail to boot when the same registration is written twice', async () => {
      const error = await bootError(() =>
        compile(PandiumEmbedModule.forRoot(eu), PandiumEmbedModule.forRoot(eu)),
      );

      expect(error).toBeInstanceOf(PandiumOptionsError);
    });

    it('should accept one registration imported by several modules', async () => {
      const euModule = PandiumEmbedModule.forRoot(eu);
      const moduleRef = await compile(
        bothInOneModule(euModule, PandiumEmbedModule.forRoot(us)),
        euModule,
      );

      expect(moduleRef.get(BillingPages).eu).toBeInstanceOf(
        PandiumEmbedService,
      );
    });
  });
});

describe('PandiumEmbedRouterModule', () => {
  let app: INestApplication<App>;
  const http = () => request(app.getHttpServer());
  /** `GET path` as `user`. */
  const getAs = (user: TestUser, path: string) =>
    sentAs(http().get(path), user);
  /** `POST /pandium/launch-tickets` as `user`, with `body`. */
  const issueAs = (user: TestUser, body: object) =>
    sentAs(http().post('/pandium/launch-tickets'), user).send(body);

  beforeAll(async () => {
    const moduleRef = await compile(
      PandiumEmbedModule.forRoot(eu),
      PandiumEmbedModule.forRoot(us),
      PandiumEmbedRouterModule.forRoot<TestUser>({
        selector: RegionSelector,
        selectorTimeoutMs: 100,
        controller: { guards: [TestAuthGuard] },
      }),
    );
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
  });

  afterAll(async () => {
    await app.close();
  });

  describe('JSON routes', () => {
    it("should list the catalog of the user's instance", async () => {
      const euList = await getAs(alice, '/pandium/integrations').expect(200);
      const usList = await getAs(bob, '/pandium/integrations').expect(200);

      expect(euList.body).toStrictEqual([euIntegration]);
      expect(usList.body).toStrictEqual([usIntegration]);
    });

    it("should sign with the user's instance: its account, its secret and not the other's", async () => {
      const res = await getAs(bob, '/pandium/integrations/2001/install-url')
        .expect(200)
        .expect('Cache-Control', 'no-store');

      expect(res.body.url).toMatch(
        /^https:\/\/imp\.pandium\.com\/acme-us\/tenants\/create\/2001\?tenant=/,
      );
      const token = tenantTokenOf(res.body.url as string);
      await expectSignedWith(token, US_SECRET);
      await expect(verifyPandiumToken(token, EU_SECRET)).rejects.toThrow();
    });

    it("should hand run, uninstall and refresh to the user's instance (here without an apiKey: 501, and a 204)", async () => {
      const run = await sentAs(
        http().post('/pandium/integrations/2001/sync'),
        bob,
      ).expect(501);
      expect(run.body).toMatchObject({ code: 'PANDIUM_API_KEY_MISSING' });
      await sentAs(
        http().delete('/pandium/integrations/2001/tenant'),
        bob,
      ).expect(501);
      await sentAs(http().post('/pandium/integrations/refresh'), bob).expect(
        204,
      );
      // The selector is asked first: an instance no module has is its 502, not the instance's 501.
      const unknown = await sentAs(
        http().post('/pandium/integrations/2001/sync'),
        carol('apac'),
      ).expect(502);
      expect(unknown.body).toMatchObject({ code: 'PANDIUM_STRATEGY_FAILED' });
    });

    it("should answer 404 for an integration of another instance's catalog", async () => {
      await getAs(alice, '/pandium/integrations/2001/install-url').expect(404);
    });

    it('should answer 401 without a user, before asking the selector', async () => {
      await http().get('/pandium/marketplace-url').expect(401);
    });

    it('should answer a logged 502 with a correlation id for an instance no module has', async () => {
      const res = await getAs(carol('apac'), '/pandium/marketplace-url').expect(
        502,
      );

      expect(res.body).toStrictEqual({
        statusCode: 502,
        error: 'Bad Gateway',
        message: STRATEGY_FAILED_MESSAGE,
        code: 'PANDIUM_STRATEGY_FAILED',
        correlationId: expect.stringMatching(UUID),
      });
    });

    it('should answer 502 when the selector fails, and pass its deliberate 403 through', async () => {
      const failed = await getAs(
        carol('broken'),
        '/pandium/integrations',
      ).expect(502);
      await getAs(carol('blocked'), '/pandium/integrations').expect(403);

      expect(failed.body.correlationId).toMatch(UUID);
      expect(JSON.stringify(failed.body)).not.toContain('10.0.0.3');
    });

    it('should answer a 504 with a correlation id when the selector does not answer within selectorTimeoutMs', async () => {
      const res = await getAs(carol('slow'), '/pandium/marketplace-url').expect(
        504,
      );

      expect(res.body).toMatchObject({
        statusCode: 504,
        correlationId: expect.stringMatching(UUID),
      });
    });

    it('should answer 502 when the selector answers something that is not a name', async () => {
      await getAs(carol('../eu'), '/pandium/integrations').expect(502);
    });
  });

  describe('launch routes', () => {
    it("should redirect to the user's instance", async () => {
      const res = await getAs(alice, '/pandium/marketplace/launch').expect(302);

      expect(res.headers.location).toMatch(
        /^https:\/\/imp\.sandbox\.pandium\.com\/acme-eu\?tenant=/,
      );
      await expectSignedWith(tenantTokenOf(res.headers.location), EU_SECRET);
    });

    it("should issue a ticket that names the instance, with that instance's origin, and redeem it there", async () => {
      const issued = await issueAs(bob, {
        kind: 'install',
        integrationId: '2001',
      }).expect(201);

      expect(issued.body).toMatchObject({
        launchUrl: expect.stringMatching(/^\/pandium\/launch\/us~[\w.-]+$/),
        pandiumOrigin: 'https://imp.pandium.com',
      });
      const redeemed = await http()
        .get(issued.body.launchUrl as string)
        .expect(302);
      expect(redeemed.headers.location).toMatch(
        /^https:\/\/imp\.pandium\.com\/acme-us\/tenants\/create\/2001\?tenant=/,
      );
      await expectSignedWith(
        tenantTokenOf(redeemed.headers.location),
        US_SECRET,
      );
    });

    it('should ask the selector once per ticket, so the ticket and its pandiumOrigin come from one answer', async () => {
      const selector = app.get<RegionSelector>(PANDIUM_INSTANCE_SELECTOR);
      const selectInstance = jest.spyOn(selector, 'selectInstance');
      try {
        await issueAs(alice, { kind: 'marketplace' }).expect(201);

        expect(selectInstance).toHaveBeenCalledTimes(1);
      } finally {
        selectInstance.mockRestore();
      }
    });

    it.each([
      ['another instance', (ticket: string) => ticket.replace(/^eu~/, 'us~')],
      ['no instance', (ticket: string) => ticket.replace(/^eu~/, 'apac~')],
      ['no instance name at all', (ticket: string) => ticket.slice(3)],
    ])(
      'should answer 404 for a ticket that names %s',
      async (_case, tamper) => {
        const issued = await issueAs(alice, { kind: 'marketplace' }).expect(
          201,
        );
        const ticket = ticketOf(issued);

        const res = await http()
          .get(`/pandium/launch/${tamper(ticket)}`)
          .expect(404);

        expect(res.text).toContain('HTTP 404');
      },
    );
  });

  describe('two instances with one secret and one ticket store', () => {
    it('should answer 404 for a ticket moved to the other instance, not redeem it there', async () => {
      // Two brands on one Pandium account: same secret, one shared (e.g. Redis) ticket store.
      const shared = new InMemoryLaunchTicketStore(PANDIUM_SYSTEM_CLOCK);
      const moduleRef = await compile(
        PandiumEmbedModule.forRoot({
          ...eu,
          launchTicketStore: { useValue: shared },
        }),
        PandiumEmbedModule.forRoot({
          ...us,
          sharedSecret: EU_SECRET,
          launchTicketStore: { useValue: shared },
        }),
        PandiumEmbedRouterModule.forRoot<TestUser>({
          selector: RegionSelector,
          controller: { guards: [TestAuthGuard] },
        }),
      );
      const brands = moduleRef.createNestApplication({ logger: false });
      await brands.init();
      try {
        const issued = await sentAs(
          request(brands.getHttpServer()).post('/pandium/launch-tickets'),
          alice,
        )
          .send({ kind: 'marketplace' })
          .expect(201);
        const ticket = ticketOf(issued);

        const res = await request(brands.getHttpServer()).get(
          `/pandium/launch/${ticket.replace(/^eu~/, 'us~')}`,
        );

        expect(res.status).toBe(404);
        expect(res.headers.location).toBeUndefined();
        await request(brands.getHttpServer())
          .get(`/pandium/launch/${ticket}`)
          .expect(302);
      } finally {
        await brands.close();
      }
    });
  });

  describe('PandiumInstanceRouter', () => {
    it("should hand out the user's instance service", async () => {
      const router = app.get(PandiumInstanceRouter);

      await expect(router.serviceFor(alice)).resolves.toBe(
        app.get(getPandiumEmbedServiceToken('eu'), { strict: false }),
      );
    });
  });

  describe('boot errors', () => {
    it('should make forRoot throw a PandiumOptionsError naming selector when it is missing', () => {
      expect(() =>
        PandiumEmbedRouterModule.forRoot(
          {} as Parameters<typeof PandiumEmbedRouterModule.forRoot>[0],
        ),
      ).toThrow(/PandiumEmbedRouterModule options:\n {2}- selector must be/);
    });

    it('should make forRoot throw naming selectorTimeoutMs when it is out of bounds', () => {
      expect(() =>
        PandiumEmbedRouterModule.forRoot({
          selector: RegionSelector,
          selectorTimeoutMs: 50,
        }),
      ).toThrow(/selectorTimeoutMs/);
    });
  });
});

describe('PandiumEmbedModule unnamed', () => {
  it('should export the classes and tokens, and register the controller, exactly as before', () => {
    const definition = PandiumEmbedModule.forRoot({
      ...eu,
      name: undefined,
    });

    expect(definition.exports).toContain(PandiumEmbedService);
    expect(definition.controllers?.length).toBeGreaterThan(0);
  });

  it('should inject the options it was given, by class, in the importing module', async () => {
    @Injectable()
    class ByClass {
      constructor(
        @Inject(PandiumEmbedService) readonly service: PandiumEmbedService,
      ) {}
    }
    const moduleRef = await compile({
      module: class ConsumerModule {},
      imports: [
        PandiumEmbedModule.forRoot({
          ...eu,
          name: undefined,
          controller: false,
        }),
      ],
      providers: [ByClass],
    });

    expect(moduleRef.get(ByClass).service).toBeInstanceOf(PandiumEmbedService);
  });
});
