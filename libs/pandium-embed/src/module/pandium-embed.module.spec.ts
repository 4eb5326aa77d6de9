import type { ModuleMetadata } from '@nestjs/common';
import { Inject, Injectable, Logger, Module } from '@nestjs/common';
import { jest } from '@jest/globals';
import { InMemoryLaunchTicketStore } from '../launch/in-memory-launch-ticket.store.js';
import { InMemoryRateLimitStore } from '../rate-limit/in-memory-rate-limit.store.js';
import { InMemoryStatusStore } from '../tenants/in-memory-status.store.js';
import type { PandiumStatusStore } from '../tenants/pandium-status-store.interface.js';
import type { TestingModule } from '@nestjs/testing';
import { Test } from '@nestjs/testing';
import {
  tenantTokenOf,
  verifyPandiumToken,
} from '../../../../test/support/pandium-token.verifier.js';
import type { ClaimsProvider } from '../core/claims-provider.interface.js';
import type { PandiumEmbedModuleOptions } from '../options/pandium-embed-module-options.interface.js';
import type { PandiumIntegration } from '../core/pandium-integration.interface.js';
import type { PandiumLaunchTicketStore } from '../launch/pandium-launch-ticket-store.interface.js';
import type {
  PandiumRateLimitRecord,
  PandiumRateLimitStore,
} from '../rate-limit/pandium-rate-limit-store.interface.js';
import type { PandiumUserClaims } from '../core/pandium-claims.interface.js';
import type { TokenProvider } from '../core/token-provider.interface.js';
import type { PandiumEmbedOptionsFactory } from '../options/pandium-embed-module-options.interface.js';
import {
  PANDIUM_CLAIMS_PROVIDER,
  PANDIUM_CONTROLLER_OPTIONS,
  PANDIUM_EMBED_MODULE_OPTIONS,
  PANDIUM_LAUNCH_TICKET_STORE,
  PANDIUM_RATE_LIMIT_STORE,
  PANDIUM_STATUS_STORE,
  PANDIUM_TOKEN_PROVIDER,
} from '../pandium-embed.tokens.js';
import { PandiumOptionsError } from '../errors/pandium-options.error.js';
import { MODULE_OPTIONS_TOKEN } from './pandium-embed.module-definition.js';
import { PandiumEmbedModule } from './pandium-embed.module.js';
import { PandiumEmbedService } from '../core/pandium-embed.service.js';
import { PandiumSecret } from '../options/pandium.secret.js';
import { PANDIUM_DEVELOPMENT_ACCOUNT } from '../options/pandium-embed.config.js';

interface TestUser {
  id: string;
}

const SECRET = 'module-spec-secret-that-must-never-leak-0123456789';
const user: TestUser = { id: 'alice' };
const integrations: PandiumIntegration[] = [
  { id: '1042', name: 'netsuite-orders', connectorName: 'netsuite' },
];
const options: PandiumEmbedModuleOptions = {
  account: 'acme',
  sharedSecret: SECRET,
  integrations,
};

class StaticClaimsProvider implements ClaimsProvider<TestUser> {
  getClaims(u: TestUser): PandiumUserClaims {
    return {
      sub: `user-${u.id}`,
      ti: { udn: 'Acme Corp', ufn: 'Alice Example', uem: 'alice@acme.test' },
    };
  }
}

class StaticTokenProvider implements TokenProvider<TestUser> {
  getToken(): string {
    return 'static-connector-token';
  }
}

/** What a host app's directory module would export. */
const DIRECTORY = 'TEST:DIRECTORY';

/** A claims provider with a dependency of its own, from the host app's {@link DirectoryModule}. */
@Injectable()
class DirectoryClaimsProvider implements ClaimsProvider<TestUser> {
  constructor(@Inject(DIRECTORY) private readonly directory: { org: string }) {}

  getClaims(u: TestUser): PandiumUserClaims {
    return {
      sub: `user-${u.id}`,
      ti: { udn: this.directory.org, ufn: 'Alice', uem: 'alice@acme.test' },
    };
  }
}

@Module({
  providers: [
    { provide: DIRECTORY, useValue: { org: 'Globex' } },
    DirectoryClaimsProvider,
  ],
  exports: [DIRECTORY, DirectoryClaimsProvider],
})
class DirectoryModule {}

/** Stands in for `ConfigModule`: exports the settings a factory reads. */
const TEST_CONFIG = 'TEST:CONFIG';

@Module({
  providers: [
    {
      provide: TEST_CONFIG,
      useValue: { account: 'globex', secret: `${SECRET}-from-config` },
    },
  ],
  exports: [TEST_CONFIG],
})
class TestConfigModule {}

@Injectable()
class PandiumOptionsService implements PandiumEmbedOptionsFactory {
  calls = 0;

  async createPandiumEmbedOptions(): Promise<PandiumEmbedModuleOptions> {
    this.calls += 1;
    return Promise.resolve({ ...options, account: 'from-class' });
  }
}

@Module({
  providers: [PandiumOptionsService],
  exports: [PandiumOptionsService],
})
class PandiumOptionsModule {}

/** A host app's shared store, e.g. one backed by Redis. */
class SharedRateLimitStore implements PandiumRateLimitStore {
  increment(): Promise<PandiumRateLimitRecord> {
    return Promise.resolve({ totalHits: 1, timeToExpire: 1000 });
  }
}

/** A host app's shared launch ticket store, e.g. one backed by Redis. */
class SharedLaunchTicketStore implements PandiumLaunchTicketStore {
  save(): Promise<void> {
    return Promise.resolve();
  }

  take(): Promise<undefined> {
    return Promise.resolve(undefined);
  }
}

/** What the host app would write to get the launch ticket store the library uses. */
@Injectable()
class TicketStoreConsumer {
  constructor(
    @Inject(PANDIUM_LAUNCH_TICKET_STORE)
    readonly store: PandiumLaunchTicketStore,
  ) {}
}

/** What the host app would write to get the store the library uses. */
@Injectable()
class StoreConsumer {
  constructor(
    @Inject(PANDIUM_RATE_LIMIT_STORE) readonly store: PandiumRateLimitStore,
  ) {}
}

const strategies = {
  claimsProvider: StaticClaimsProvider,
  tokenProvider: StaticTokenProvider,
  controller: false,
} as const;

async function compile(
  ...imports: NonNullable<ModuleMetadata['imports']>
): Promise<TestingModule> {
  return Test.createTestingModule({ imports }).compile();
}

/** Signs a marketplace URL and checks it with the expected account and secret. */
async function signedPayload(
  moduleRef: TestingModule,
  expected: { account: string; secret: string },
): Promise<Record<string, unknown>> {
  const service =
    moduleRef.get<PandiumEmbedService<TestUser>>(PandiumEmbedService);
  const { url } = await service.createMarketplaceUrl(user);
  expect(url).toMatch(
    new RegExp(`^https://imp\\.sandbox\\.pandium\\.com/${expected.account}\\?`),
  );
  const { payload } = await verifyPandiumToken(
    tenantTokenOf(url),
    expected.secret,
  );
  return payload;
}

/** The raw options the module holds, with the secret it holds as a PandiumSecret revealed. */
function rawOptionsOf(moduleRef: TestingModule): PandiumEmbedModuleOptions {
  const raw = moduleRef.get<PandiumEmbedModuleOptions>(
    PANDIUM_EMBED_MODULE_OPTIONS,
  );
  expect(raw.sharedSecret).toBeInstanceOf(PandiumSecret);
  return { ...raw, sharedSecret: (raw.sharedSecret as PandiumSecret).reveal() };
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

describe('PandiumEmbedModule', () => {
  describe('forRoot', () => {
    it('should provide a PandiumEmbedService that signs with the given options', async () => {
      const moduleRef = await compile(
        PandiumEmbedModule.forRoot({ ...options, ...strategies }),
      );

      const payload = await signedPayload(moduleRef, {
        account: 'acme',
        secret: SECRET,
      });
      expect(payload.sub).toBe('user-alice');
    });

    it('should provide the run-time options, without the extras, under PANDIUM_EMBED_MODULE_OPTIONS', async () => {
      const moduleRef = await compile(
        PandiumEmbedModule.forRoot({ ...options, ...strategies }),
      );

      expect(rawOptionsOf(moduleRef)).toStrictEqual(options);
    });

    it('should keep every extra, rateLimitStore and rateLimitKey included, out of the run-time options', async () => {
      const moduleRef = await compile(
        PandiumEmbedModule.forRoot({
          ...options,
          ...strategies,
          isGlobal: false,
          integrationCatalog: { useValue: { listIntegrations: () => [] } },
          rateLimitStore: SharedRateLimitStore,
          launchTicketStore: SharedLaunchTicketStore,
          rateLimitKey: () => 'org-1',
          imports: [],
        }),
      );

      expect(rawOptionsOf(moduleRef)).toStrictEqual(options);
    });
  });

  describe('forRootAsync', () => {
    it('should build the options with useFactory, inject and imports', async () => {
      const moduleRef = await compile(
        PandiumEmbedModule.forRootAsync({
          imports: [TestConfigModule],
          inject: [TEST_CONFIG],
          useFactory: (config: { account: string; secret: string }) => ({
            account: config.account,
            sharedSecret: config.secret,
            integrations,
          }),
          ...strategies,
        }),
      );

      await signedPayload(moduleRef, {
        account: 'globex',
        secret: `${SECRET}-from-config`,
      });
    });

    it('should build the options with useClass', async () => {
      const moduleRef = await compile(
        PandiumEmbedModule.forRootAsync({
          useClass: PandiumOptionsService,
          ...strategies,
        }),
      );

      await signedPayload(moduleRef, { account: 'from-class', secret: SECRET });
    });

    it('should build the options with useExisting, calling the existing factory once', async () => {
      const moduleRef = await compile(
        PandiumEmbedModule.forRootAsync({
          imports: [PandiumOptionsModule],
          useExisting: PandiumOptionsService,
          ...strategies,
        }),
      );

      await signedPayload(moduleRef, { account: 'from-class', secret: SECRET });
      expect(moduleRef.get(PandiumOptionsService).calls).toBe(1);
    });
  });

  describe('strategies', () => {
    it('should instantiate a class given directly', async () => {
      const moduleRef = await compile(
        PandiumEmbedModule.forRoot({ ...options, ...strategies }),
      );

      expect(moduleRef.get(PANDIUM_CLAIMS_PROVIDER)).toBeInstanceOf(
        StaticClaimsProvider,
      );
      expect(moduleRef.get(PANDIUM_TOKEN_PROVIDER)).toBeInstanceOf(
        StaticTokenProvider,
      );
    });

    it('should instantiate { useClass }, injecting from the imports extra', async () => {
      const moduleRef = await compile(
        PandiumEmbedModule.forRoot({
          ...options,
          ...strategies,
          imports: [DirectoryModule],
          claimsProvider: { useClass: DirectoryClaimsProvider },
        }),
      );

      const payload = await signedPayload(moduleRef, {
        account: 'acme',
        secret: SECRET,
      });
      expect(payload.ti).toMatchObject({ udn: 'Globex' });
    });

    it('should reuse { useExisting } from the imports extra of forRoot', async () => {
      const moduleRef = await compile(
        PandiumEmbedModule.forRoot({
          ...options,
          ...strategies,
          imports: [DirectoryModule],
          claimsProvider: { useExisting: DirectoryClaimsProvider },
        }),
      );

      expect(moduleRef.get(PANDIUM_CLAIMS_PROVIDER)).toBe(
        moduleRef.get(DirectoryClaimsProvider),
      );
      const payload = await signedPayload(moduleRef, {
        account: 'acme',
        secret: SECRET,
      });
      expect(payload.ti).toMatchObject({ udn: 'Globex' });
    });

    it('should reuse { useExisting } from the own imports of forRootAsync', async () => {
      const moduleRef = await compile(
        PandiumEmbedModule.forRootAsync({
          imports: [TestConfigModule, DirectoryModule],
          inject: [TEST_CONFIG],
          useFactory: (config: { account: string; secret: string }) => ({
            account: config.account,
            sharedSecret: config.secret,
            integrations,
          }),
          ...strategies,
          claimsProvider: { useExisting: DirectoryClaimsProvider },
        }),
      );

      expect(moduleRef.get(PANDIUM_CLAIMS_PROVIDER)).toBe(
        moduleRef.get(DirectoryClaimsProvider),
      );
    });

    it('should fail to boot when { useExisting } names a provider no import exports', async () => {
      await expect(
        compile(
          PandiumEmbedModule.forRoot({
            ...options,
            ...strategies,
            claimsProvider: { useExisting: DirectoryClaimsProvider },
          }),
        ),
      ).rejects.toThrow(/DirectoryClaimsProvider/);
    });

    it('should use { useValue } as is', async () => {
      const tokens: TokenProvider<TestUser> = {
        getToken: () => 'value-connector-token',
      };
      const moduleRef = await compile(
        PandiumEmbedModule.forRoot({
          ...options,
          ...strategies,
          tokenProvider: { useValue: tokens },
        }),
      );

      expect(moduleRef.get(PANDIUM_TOKEN_PROVIDER)).toBe(tokens);
      const payload = await signedPayload(moduleRef, {
        account: 'acme',
        secret: SECRET,
      });
      expect(payload.ti).toMatchObject({
        xti: { token: 'value-connector-token' },
      });
    });
  });

  describe('isGlobal', () => {
    @Injectable()
    class PandiumConsumer {
      constructor(readonly pandium: PandiumEmbedService) {}
    }

    @Module({ providers: [PandiumConsumer] })
    class SiblingModule {}

    it('should make PandiumEmbedService injectable in a module that does not import it', async () => {
      const moduleRef = await compile(
        PandiumEmbedModule.forRoot({
          ...options,
          ...strategies,
          isGlobal: true,
        }),
        SiblingModule,
      );

      expect(moduleRef.get(PandiumConsumer).pandium).toBe(
        moduleRef.get(PandiumEmbedService),
      );
    });

    it('should be honoured by forRootAsync too', async () => {
      const moduleRef = await compile(
        PandiumEmbedModule.forRootAsync({
          useFactory: () => options,
          ...strategies,
          isGlobal: true,
        }),
        SiblingModule,
      );

      expect(moduleRef.get(PandiumConsumer).pandium).toBe(
        moduleRef.get(PandiumEmbedService),
      );
    });

    it('should keep the module local by default', async () => {
      await expect(
        compile(
          PandiumEmbedModule.forRoot({ ...options, ...strategies }),
          SiblingModule,
        ),
      ).rejects.toThrow(/PandiumEmbedService/);
    });
  });

  describe('options token', () => {
    it("should be the readable 'PANDIUM_EMBED_MODULE_OPTIONS'", () => {
      expect(PANDIUM_EMBED_MODULE_OPTIONS).toBe('PANDIUM_EMBED_MODULE_OPTIONS');
      expect(MODULE_OPTIONS_TOKEN).toBe(PANDIUM_EMBED_MODULE_OPTIONS);
    });
  });

  describe('boot errors', () => {
    it('should make forRoot throw a PandiumOptionsError naming claimsProvider when it is missing', () => {
      const error = ((): unknown => {
        try {
          PandiumEmbedModule.forRoot({
            ...options,
            tokenProvider: StaticTokenProvider,
          });
        } catch (e) {
          return e;
        }
        return undefined;
      })();

      expect(error).toBeInstanceOf(PandiumOptionsError);
      expect((error as PandiumOptionsError).message).toContain(
        'claimsProvider',
      );
      expect((error as PandiumOptionsError).message).not.toContain(SECRET);
    });

    it('should make forRootAsync throw a PandiumOptionsError naming tokenProvider when it is not a strategy', () => {
      expect(() =>
        PandiumEmbedModule.forRootAsync({
          useFactory: () => options,
          claimsProvider: StaticClaimsProvider,
          tokenProvider: { useClass: 'not-a-class' } as never,
        }),
      ).toThrow(
        expect.objectContaining({
          name: 'PandiumOptionsError',
          message: expect.stringContaining('tokenProvider'),
        }),
      );
    });

    it("should reject compile() with a PandiumOptionsError naming account when forRootAsync's factory returns a bad one", async () => {
      const error = await bootError(() =>
        compile(
          PandiumEmbedModule.forRootAsync({
            useFactory: () => ({ ...options, account: 'acme/../admin' }),
            ...strategies,
          }),
        ),
      );

      expect(error).toBeInstanceOf(PandiumOptionsError);
      const { message } = error as PandiumOptionsError;
      expect(message).toContain('account');
      expect(message).not.toContain(SECRET);
    });

    it('should name sharedSecret without its value when it is not a string', async () => {
      const secretNumber = 9876543210987;
      const error = await bootError(() =>
        compile(
          PandiumEmbedModule.forRoot({
            ...options,
            sharedSecret: secretNumber as unknown as string,
            ...strategies,
          }),
        ),
      );

      expect(error).toBeInstanceOf(PandiumOptionsError);
      const { message } = error as PandiumOptionsError;
      expect(message).toContain('sharedSecret');
      expect(message).not.toContain(String(secretNumber));
    });

    it('should reject compile() naming integrations when neither integrations nor integrationCatalog is given', async () => {
      const error = await bootError(() =>
        compile(
          PandiumEmbedModule.forRoot({
            account: 'acme',
            sharedSecret: SECRET,
            ...strategies,
          }),
        ),
      );

      expect(error).toBeInstanceOf(PandiumOptionsError);
      const { message } = error as PandiumOptionsError;
      expect(message).toContain('integrations');
      expect(message).not.toContain(SECRET);
    });
  });
  describe('boot warnings', () => {
    let warn: jest.SpiedFunction<Logger['warn']>;

    beforeEach(() => {
      warn = jest
        .spyOn(Logger.prototype, 'warn')
        .mockImplementation(() => undefined);
    });

    afterEach(() => {
      warn.mockRestore();
    });

    const warnings = (): string[] =>
      warn.mock.calls.map((call) => String(call[0]));

    it("should warn once naming PANDIUM_ACCOUNT when the development account signs for Pandium's host", async () => {
      const moduleRef = await compile(
        PandiumEmbedModule.forRoot({
          ...options,
          account: PANDIUM_DEVELOPMENT_ACCOUNT,
          ...strategies,
        }),
      );

      const account = warnings().filter((line) =>
        line.includes('PANDIUM_ACCOUNT'),
      );
      expect(account).toHaveLength(1);
      expect(account[0]).toContain('https://imp.sandbox.pandium.com');
      expect(warnings().join('\n')).not.toContain(SECRET);
      await moduleRef.close();
    });

    it.each([
      ['a real account', { account: 'acme' }],
      [
        'the development account on the local emulator',
        {
          account: PANDIUM_DEVELOPMENT_ACCOUNT,
          baseUrl: 'http://localhost:4010',
        },
      ],
    ])('should not warn for %s', async (_case, extra) => {
      const moduleRef = await compile(
        PandiumEmbedModule.forRoot({ ...options, ...extra, ...strategies }),
      );

      expect(
        warnings().filter((line) => line.includes('PANDIUM_ACCOUNT')),
      ).toEqual([]);
      await moduleRef.close();
    });
  });

  describe('rate-limit store', () => {
    async function storeOf(
      registration: ReturnType<typeof PandiumEmbedModule.forRoot>,
    ): Promise<PandiumRateLimitStore> {
      const moduleRef = await Test.createTestingModule({
        imports: [registration],
        providers: [StoreConsumer],
      }).compile();
      return moduleRef.get(StoreConsumer).store;
    }

    it('should export an InMemoryRateLimitStore under PANDIUM_RATE_LIMIT_STORE by default', async () => {
      const store = await storeOf(
        PandiumEmbedModule.forRoot({ ...options, ...strategies }),
      );

      expect(store).toBeInstanceOf(InMemoryRateLimitStore);
    });

    it('should export the rateLimitStore given as a class', async () => {
      const store = await storeOf(
        PandiumEmbedModule.forRoot({
          ...options,
          ...strategies,
          rateLimitStore: SharedRateLimitStore,
        }),
      );

      expect(store).toBeInstanceOf(SharedRateLimitStore);
    });

    it('should export the rateLimitStore given as { useValue } to forRootAsync', async () => {
      const shared = new SharedRateLimitStore();

      const store = await storeOf(
        PandiumEmbedModule.forRootAsync({
          useFactory: () => options,
          ...strategies,
          rateLimitStore: { useValue: shared },
        }),
      );

      expect(store).toBe(shared);
    });
  });

  describe('launch ticket store', () => {
    async function ticketStoreOf(
      registration: ReturnType<typeof PandiumEmbedModule.forRoot>,
    ): Promise<PandiumLaunchTicketStore> {
      const moduleRef = await Test.createTestingModule({
        imports: [registration],
        providers: [TicketStoreConsumer],
      }).compile();
      return moduleRef.get(TicketStoreConsumer).store;
    }

    it('should export an InMemoryLaunchTicketStore under PANDIUM_LAUNCH_TICKET_STORE by default', async () => {
      const store = await ticketStoreOf(
        PandiumEmbedModule.forRoot({ ...options, ...strategies }),
      );

      expect(store).toBeInstanceOf(InMemoryLaunchTicketStore);
    });

    it('should export the launchTicketStore given as a class', async () => {
      const store = await ticketStoreOf(
        PandiumEmbedModule.forRoot({
          ...options,
          ...strategies,
          launchTicketStore: SharedLaunchTicketStore,
        }),
      );

      expect(store).toBeInstanceOf(SharedLaunchTicketStore);
    });

    it('should export the launchTicketStore given as { useValue } to forRootAsync', async () => {
      const shared = new SharedLaunchTicketStore();

      const store = await ticketStoreOf(
        PandiumEmbedModule.forRootAsync({
          useFactory: () => options,
          ...strategies,
          launchTicketStore: { useValue: shared },
        }),
      );

      expect(store).toBe(shared);
    });

    it('should export the launchTicketStore given as { useExisting } from an imported module', async () => {
      const shared = new SharedLaunchTicketStore();
      @Module({
        providers: [{ provide: 'APP_TICKETS', useValue: shared }],
        exports: ['APP_TICKETS'],
      })
      class TicketsModule {}

      const store = await ticketStoreOf(
        PandiumEmbedModule.forRootAsync({
          imports: [TicketsModule],
          useFactory: () => options,
          ...strategies,
          launchTicketStore: { useExisting: 'APP_TICKETS' },
        }),
      );

      expect(store).toBe(shared);
    });

    it('should make forRoot throw for a launchTicketStore that is not a strategy', () => {
      expect(() =>
        PandiumEmbedModule.forRoot({
          ...options,
          ...strategies,
          launchTicketStore: 'redis' as never,
        }),
      ).toThrow(/- launchTicketStore must be a class/);
    });
  });

  describe('controller', () => {
    it('should boot an application with controller: false, without controller settings', async () => {
      const moduleRef = await compile(
        PandiumEmbedModule.forRoot({ ...options, ...strategies }),
      );
      const app = moduleRef.createNestApplication({ logger: false });

      try {
        await expect(app.init()).resolves.toBe(app);
        expect(() => moduleRef.get(PANDIUM_CONTROLLER_OPTIONS)).toThrow();
      } finally {
        await app.close();
      }
    });

    it('should boot an application with the controller and its rate-limit guard', async () => {
      const moduleRef = await compile(
        PandiumEmbedModule.forRoot({
          ...options,
          ...strategies,
          controller: { rateLimit: { limit: 5 } },
          rateLimitKey: () => 'org-1',
        }),
      );
      const app = moduleRef.createNestApplication({ logger: false });

      try {
        await expect(app.init()).resolves.toBe(app);
        expect(moduleRef.get(PANDIUM_CONTROLLER_OPTIONS)).toMatchObject({
          rateLimit: { limit: 5, windowSeconds: 60 },
          rateLimitKey: expect.any(Function),
        });
      } finally {
        await app.close();
      }
    });
  });

  describe('boot errors of the rate-limit extras', () => {
    /** The error `register` throws. */
    function thrownBy(register: () => unknown): PandiumOptionsError {
      try {
        register();
      } catch (error) {
        expect(error).toBeInstanceOf(PandiumOptionsError);
        return error as PandiumOptionsError;
      }
      throw new Error('expected the registration to throw');
    }

    it('should make forRoot throw naming rateLimitKey when it is not a function', () => {
      const error = thrownBy(() =>
        PandiumEmbedModule.forRoot({
          ...options,
          ...strategies,
          rateLimitKey: 'x' as never,
        }),
      );

      expect(error.problems).toEqual([
        expect.stringMatching(/^rateLimitKey must be a function/),
      ]);
      expect(error.message).not.toContain(SECRET);
    });

    it('should make forRoot throw naming controller.rateLimit.limit when it is 0', () => {
      const error = thrownBy(() =>
        PandiumEmbedModule.forRoot({
          ...options,
          ...strategies,
          controller: { rateLimit: { limit: 0 } },
        }),
      );

      expect(error.problems).toEqual([
        expect.stringMatching(/^controller\.rateLimit\.limit /),
      ]);
    });

    it('should make forRootAsync throw listing every bad rate-limit extra', () => {
      const error = thrownBy(() =>
        PandiumEmbedModule.forRootAsync({
          useFactory: () => options,
          ...strategies,
          rateLimitStore: 'redis' as never,
          rateLimitKey: 42 as never,
          controller: { rateLimit: { limit: 1, windowSeconds: 0 } },
        }),
      );

      expect(error.problems).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^rateLimitStore /),
          expect.stringMatching(/^rateLimitKey /),
          expect.stringMatching(/^controller\.rateLimit\.windowSeconds /),
        ]),
      );
    });
  });
});

describe('PandiumEmbedModule status store', () => {
  const apiOptions: PandiumEmbedModuleOptions = {
    ...options,
    apiKey: 'module-spec-api-key',
    apiBaseUrl: 'http://127.0.0.1:9',
  };

  async function compileWith(
    registration: ReturnType<typeof PandiumEmbedModule.forRoot>,
  ): Promise<TestingModule> {
    return Test.createTestingModule({ imports: [registration] }).compile();
  }

  it('should keep statuses in an InMemoryStatusStore by default', async () => {
    const moduleRef = await compileWith(
      PandiumEmbedModule.forRoot({ ...apiOptions, ...strategies }),
    );

    expect(
      moduleRef.get(PANDIUM_STATUS_STORE, { strict: false }),
    ).toBeInstanceOf(InMemoryStatusStore);
  });

  it("should read the user's statuses from the statusStore given, without asking Pandium while they are fresh", async () => {
    const read: string[] = [];
    const shared: PandiumStatusStore = {
      get: (userName) => {
        read.push(userName);
        return Promise.resolve({
          statuses: { '1042': { state: 'paused', tenantId: 9 } },
          readAt: Date.now(),
        });
      },
      set: () => Promise.resolve(),
      delete: () => Promise.resolve(),
      markRefresh: () => Promise.resolve(true),
      userOfTenant: () => Promise.resolve(undefined),
    };
    const moduleRef = await compileWith(
      PandiumEmbedModule.forRootAsync({
        useFactory: () => apiOptions,
        ...strategies,
        statusStore: { useValue: shared },
      }),
    );

    const catalog = await moduleRef
      .get(PandiumEmbedService)
      .listIntegrations(user);
    expect(catalog).toEqual([
      { ...integrations[0], status: { state: 'paused', tenantId: 9 } },
    ]);
    expect(read).toEqual(['user-alice']);
  });
});
