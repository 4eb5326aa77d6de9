import { jest } from '@jest/globals';
import {
  ForbiddenException,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  tenantTokenOf,
  verifyPandiumToken,
} from '../../../../test/support/pandium-token.verifier.js';
import type { ClaimsProvider } from './claims-provider.interface.js';
import type { IntegrationCatalog } from './integration-catalog.interface.js';
import type { PandiumEmbedModuleExtras } from '../module/pandium-embed-module-extras.interface.js';
import type { PandiumEmbedModuleOptions } from '../options/pandium-embed-module-options.interface.js';
import type {
  PandiumEmbedTarget,
  PandiumIntegration,
} from './pandium-integration.interface.js';
import type { PandiumUserClaims } from './pandium-claims.interface.js';
import type { TokenProvider } from './token-provider.interface.js';
import {
  PANDIUM_CLOCK,
  PANDIUM_INTEGRATION_ACTIONS,
  PANDIUM_STATUS_SOURCE,
} from '../pandium-embed.tokens.js';
import type {
  PandiumIntegrationActions,
  PandiumSyncResult,
} from './pandium-integration-actions.interface.js';
import type {
  PandiumIntegrationStatus,
  PandiumStatusSource,
} from './pandium-integration-status.interface.js';
import { PandiumHttpException } from '../errors/pandium-http.exception.js';
import {
  STRATEGY_FAILED_MESSAGE,
  STRATEGY_TIMEOUT_MESSAGE,
} from '../errors/pandium-error.messages.js';
import { PandiumEmbedModule } from '../module/pandium-embed.module.js';
import { PandiumEmbedService } from './pandium-embed.service.js';
import {
  netsuite,
  shopify,
  UUID,
} from '../testing/support/pandium-embed.spec-utils.js';
import { PandiumJwtSigner } from '../signing/pandium-jwt.signer.js';

interface TestUser {
  id: string;
  email: string;
}

const SECRET = 'service-spec-shared-secret-0123456789abcdef';
const TTL_SECONDS = 120;
/** 2030-01-02T03:04:05.000Z, a whole second, so `iat` is exact. */
const NOW = Date.UTC(2030, 0, 2, 3, 4, 5);
const fixedClock = { now: () => NOW };
/** The library's default `clockSkewSeconds`: `iat` is back-dated by it. */
const DEFAULT_SKEW_SECONDS = 5;
/** The smallest `strategyTimeoutMs` the options accept: short enough to wait for in a test. */
const TIMEOUT_MS = 100;

/** A promise that never settles, as from a strategy waiting on a dead connection. */
const never = <T>(): Promise<T> => new Promise<T>(() => undefined);

const alice: TestUser = { id: 'alice', email: 'alice@acme.test' };
const bob: TestUser = { id: 'bob', email: 'bob@globex.test' };

function claimsFor(user: TestUser): PandiumUserClaims {
  return {
    sub: `user-${user.id}`,
    ti: {
      udn: 'Acme Corp',
      ufn: 'Alice Example',
      uem: user.email,
      ili: ['acme-1'],
      aid: 'acct-7',
      adn: 'Acme',
      xti: { user_tier: 'gold' },
    },
  };
}

/** Records its calls and returns whatever `output` gives (valid claims by default). */
class FakeClaimsProvider implements ClaimsProvider<TestUser> {
  readonly calls: [TestUser, PandiumEmbedTarget][] = [];

  constructor(
    private readonly output: (user: TestUser) => unknown = claimsFor,
  ) {}

  getClaims(user: TestUser, target: PandiumEmbedTarget): PandiumUserClaims {
    this.calls.push([user, target]);
    return this.output(user) as PandiumUserClaims;
  }
}

class FakeTokenProvider implements TokenProvider<TestUser> {
  readonly calls: [TestUser, PandiumEmbedTarget][] = [];

  constructor(
    private readonly output: (user: TestUser) => unknown = (user) =>
      `conn-token-for-${user.id}`,
  ) {}

  async getToken(user: TestUser, target: PandiumEmbedTarget): Promise<string> {
    this.calls.push([user, target]);
    return Promise.resolve(this.output(user) as string);
  }
}

class FakeCatalog implements IntegrationCatalog<TestUser> {
  readonly calls: TestUser[] = [];

  constructor(private readonly output: (user: TestUser) => unknown) {}

  listIntegrations(user: TestUser): PandiumIntegration[] {
    this.calls.push(user);
    return this.output(user) as PandiumIntegration[];
  }
}

/** Answers only once the test calls `release`, or never; counts its calls. */
class HangingClaimsProvider implements ClaimsProvider<TestUser> {
  calls = 0;

  getClaims(): Promise<PandiumUserClaims> {
    this.calls += 1;
    return never();
  }
}

/** Hangs on its first call only, like a strategy whose connection died and was then re-established. */
class FirstCallHangsClaimsProvider implements ClaimsProvider<TestUser> {
  calls = 0;

  getClaims(user: TestUser): PandiumUserClaims | Promise<PandiumUserClaims> {
    this.calls += 1;
    return this.calls === 1 ? never() : claimsFor(user);
  }
}

/** Answers valid claims after `delayMs`. */
class SlowClaimsProvider implements ClaimsProvider<TestUser> {
  constructor(private readonly delayMs: number) {}

  getClaims(user: TestUser): Promise<PandiumUserClaims> {
    return new Promise((resolve) =>
      setTimeout(() => resolve(claimsFor(user)), this.delayMs),
    );
  }
}

/** A catalog with one integration per user: Alice gets NetSuite, Bob gets Shopify. */
const perUserCatalog = (): FakeCatalog =>
  new FakeCatalog((user) => (user.id === 'alice' ? [netsuite] : [shopify]));

interface Fakes {
  claims?: ClaimsProvider<TestUser>;
  tokens?: TokenProvider<TestUser>;
  catalog?: IntegrationCatalog<TestUser>;
  /** Replaces the status source (which, with no apiKey, is null). */
  statuses?: PandiumStatusSource;
  actions?: PandiumIntegrationActions;
}

/** Records each action with the user name and integration id it was asked for. */
class FakeActions implements PandiumIntegrationActions {
  readonly calls: string[] = [];

  sync(userName: string, integrationId: string): Promise<PandiumSyncResult> {
    this.calls.push(`sync ${userName} ${integrationId}`);
    return Promise.resolve({ triggerId: '31' });
  }

  uninstall(userName: string, integrationId: string): Promise<void> {
    this.calls.push(`uninstall ${userName} ${integrationId}`);
    return Promise.resolve();
  }
}

/** Records the user names it is asked for, and gives `output`. */
class FakeStatusSource implements PandiumStatusSource {
  readonly calls: string[] = [];

  constructor(
    private readonly output:
      ReadonlyMap<string, PandiumIntegrationStatus> | undefined,
  ) {}

  statusesFor(
    userName: string,
  ): Promise<ReadonlyMap<string, PandiumIntegrationStatus> | undefined> {
    this.calls.push(userName);
    return Promise.resolve(this.output);
  }

  forget(): Promise<void> {
    return Promise.resolve();
  }

  readonly refreshed: string[] = [];

  refresh(userName: string): Promise<boolean> {
    this.refreshed.push(userName);
    return Promise.resolve(true);
  }

  userOfTenant(): Promise<string | undefined> {
    return Promise.resolve(undefined);
  }
}

async function setup(
  fakes: Fakes = {},
  options: Partial<PandiumEmbedModuleOptions & PandiumEmbedModuleExtras> = {},
): Promise<PandiumEmbedService<TestUser>> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      PandiumEmbedModule.forRoot({
        account: 'acme',
        sharedSecret: SECRET,
        tokenTtlSeconds: TTL_SECONDS,
        claimsProvider: { useValue: fakes.claims ?? new FakeClaimsProvider() },
        tokenProvider: { useValue: fakes.tokens ?? new FakeTokenProvider() },
        ...(fakes.catalog
          ? { integrationCatalog: { useValue: fakes.catalog } }
          : { integrations: [netsuite, shopify] }),
        controller: false,
        ...options,
      }),
    ],
  })
    .overrideProvider(PANDIUM_CLOCK)
    .useValue(fixedClock)
    .overrideProvider(PANDIUM_STATUS_SOURCE)
    // No spec here gives an apiKey, so the real source is null.
    .useValue(fakes.statuses ?? null)
    .overrideProvider(PANDIUM_INTEGRATION_ACTIONS)
    .useValue(fakes.actions ?? null)
    .compile();
  return moduleRef.get<PandiumEmbedService<TestUser>>(PandiumEmbedService);
}

async function payloadOf(url: string): Promise<Record<string, unknown>> {
  const { payload } = await verifyPandiumToken(tenantTokenOf(url), SECRET, {
    currentDate: new Date(NOW),
  });
  return payload;
}

describe('PandiumEmbedService', () => {
  let errorLog: jest.SpiedFunction<Logger['error']>;
  let debugLog: jest.SpiedFunction<Logger['debug']>;
  let otherLogs: jest.SpiedFunction<Logger['log']>[];

  beforeEach(() => {
    errorLog = jest
      .spyOn(Logger.prototype, 'error')
      .mockImplementation(() => undefined);
    debugLog = jest
      .spyOn(Logger.prototype, 'debug')
      .mockImplementation(() => undefined);
    otherLogs = (['log', 'warn', 'verbose', 'fatal'] as const).map((level) =>
      jest.spyOn(Logger.prototype, level).mockImplementation(() => undefined),
    );
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  /** Every argument of every `Logger.error` call, as one string. */
  const loggedText = (): string => JSON.stringify(errorLog.mock.calls);

  /** Every argument of every call at every log level, as one string. */
  const allLoggedText = (): string =>
    JSON.stringify([
      errorLog.mock.calls,
      debugLog.mock.calls,
      ...otherLogs.map((spy) => spy.mock.calls),
    ]);

  /** How a validation problem starts in the log line: its field path, right after the strategy's name. */
  const problemAt = (field: string): string => `: ${field} `;

  /** What a call rejected with (fails the test if it resolved). */
  async function rejectionOf(call: Promise<unknown>): Promise<unknown> {
    return call.then(
      () => {
        throw new Error('expected the call to be rejected');
      },
      (reason: unknown) => reason,
    );
  }

  /**
   * Expects exactly one error log line, ending with the correlation id the answer carries, and holding every
   * given fragment.
   */
  function expectLoggedWith(
    correlationId: string,
    fragments: string[],
  ): string {
    expect(correlationId).toMatch(UUID);
    expect(errorLog).toHaveBeenCalledTimes(1);
    const [message] = errorLog.mock.calls[0] as [string, ...unknown[]];
    expect(message.endsWith(`[correlationId ${correlationId}]`)).toBe(true);
    for (const fragment of fragments) {
      expect(message).toContain(fragment);
    }
    return message;
  }

  /** Expects a 502 with a correlation id, and exactly one log line with that id and every given fragment. */
  async function expectStrategyFailure(
    call: Promise<unknown>,
    ...fragments: string[]
  ): Promise<string> {
    const error = await rejectionOf(call);
    expect(error).toBeInstanceOf(PandiumHttpException);
    const failure = error as PandiumHttpException & { correlationId: string };
    expect(failure.getStatus()).toBe(HttpStatus.BAD_GATEWAY);
    expect(failure.getResponse()).toStrictEqual({
      statusCode: 502,
      error: 'Bad Gateway',
      message: STRATEGY_FAILED_MESSAGE,
      code: 'PANDIUM_STRATEGY_FAILED',
      correlationId: failure.correlationId,
    });
    return expectLoggedWith(failure.correlationId, fragments);
  }

  /** Expects a 504 with a correlation id, and exactly one log line with that id and every given fragment. */
  async function expectStrategyTimeout(
    call: Promise<unknown>,
    ...fragments: string[]
  ): Promise<string> {
    const error = await rejectionOf(call);
    expect(error).toBeInstanceOf(PandiumHttpException);
    const timeout = error as PandiumHttpException & { correlationId: string };
    expect(timeout.getStatus()).toBe(HttpStatus.GATEWAY_TIMEOUT);
    expect(timeout.getResponse()).toStrictEqual({
      statusCode: 504,
      error: 'Gateway Timeout',
      message: STRATEGY_TIMEOUT_MESSAGE,
      code: 'PANDIUM_STRATEGY_TIMEOUT',
      correlationId: timeout.correlationId,
    });
    return expectLoggedWith(timeout.correlationId, fragments);
  }

  describe('listIntegrations with a status source (an apiKey)', () => {
    it("should give each entry the user's status, asking the ClaimsProvider for the sub with the marketplace target", async () => {
      const claims = new FakeClaimsProvider();
      const statuses = new FakeStatusSource(
        new Map([['1042', { state: 'failing', tenantId: 7 } as const]]),
      );
      const service = await setup({ claims, statuses });

      await expect(service.listIntegrations(alice)).resolves.toStrictEqual([
        { ...netsuite, status: { state: 'failing', tenantId: 7 } },
        { ...shopify, status: { state: 'not-installed' } },
      ]);
      expect(claims.calls).toEqual([[alice, { kind: 'marketplace' }]]);
      expect(statuses.calls).toEqual(['user-alice']);
    });

    it('should give every entry unknown when the statuses cannot be known', async () => {
      const service = await setup({
        statuses: new FakeStatusSource(undefined),
      });

      await expect(service.listIntegrations(alice)).resolves.toStrictEqual([
        { ...netsuite, status: { state: 'unknown' } },
        { ...shopify, status: { state: 'unknown' } },
      ]);
    });

    it('should fail with 502 when the ClaimsProvider gives invalid claims, without asking for statuses', async () => {
      const statuses = new FakeStatusSource(new Map());
      const service = await setup({
        claims: new FakeClaimsProvider(() => ({ sub: '' })),
        statuses,
      });

      await expect(service.listIntegrations(alice)).rejects.toMatchObject({
        code: 'PANDIUM_STRATEGY_FAILED',
      });
      expect(statuses.calls).toEqual([]);
    });
  });

  describe('runIntegration, uninstallIntegration, refreshStatuses', () => {
    it("should run the integration for the user's sub (marketplace claims) once it is in their catalog", async () => {
      const claims = new FakeClaimsProvider();
      const actions = new FakeActions();
      const service = await setup({ claims, actions });

      await expect(service.runIntegration(alice, '1042')).resolves.toEqual({
        triggerId: '31',
      });
      expect(actions.calls).toEqual(['sync user-alice 1042']);
      expect(claims.calls).toEqual([[alice, { kind: 'marketplace' }]]);
    });

    it('should answer 404 PANDIUM_INTEGRATION_NOT_FOUND for a run of an id not in the catalog, without acting', async () => {
      const actions = new FakeActions();
      const service = await setup({ actions, catalog: perUserCatalog() });

      await expect(service.runIntegration(bob, '1042')).rejects.toMatchObject({
        code: 'PANDIUM_INTEGRATION_NOT_FOUND',
      });
      expect(actions.calls).toEqual([]);
    });

    it("should uninstall an id that is not in the user's catalog (a user may always remove their own tenant)", async () => {
      const actions = new FakeActions();
      const catalog = perUserCatalog();
      const service = await setup({ actions, catalog });

      await service.uninstallIntegration(bob, '1042');
      expect(actions.calls).toEqual(['uninstall user-bob 1042']);
      expect(catalog.calls).toEqual([]);
    });

    it('should answer a logged 501 PANDIUM_API_KEY_MISSING for both actions without an apiKey, asking no strategy', async () => {
      const claims = new FakeClaimsProvider();
      const service = await setup({ claims });

      for (const call of [
        () => service.runIntegration(alice, '1042'),
        () => service.uninstallIntegration(alice, '1042'),
      ]) {
        errorLog.mockClear();
        const error = (await rejectionOf(call())) as PandiumHttpException;
        expect(error.getStatus()).toBe(501);
        expect(error.getResponse()).toMatchObject({
          code: 'PANDIUM_API_KEY_MISSING',
          message: expect.stringContaining('PANDIUM_API_KEY'),
        });
        expectLoggedWith(error.correlationId ?? '', ['apiKey']);
      }
      expect(claims.calls).toEqual([]);
    });

    it('should fail with 502 when the ClaimsProvider gives invalid claims, without acting', async () => {
      const actions = new FakeActions();
      const service = await setup({
        claims: new FakeClaimsProvider(() => ({ sub: '' })),
        actions,
      });

      await expect(
        service.uninstallIntegration(alice, '1042'),
      ).rejects.toMatchObject({ code: 'PANDIUM_STRATEGY_FAILED' });
      expect(actions.calls).toEqual([]);
    });

    it("should ask the status source to refresh the user's sub, and do nothing without an apiKey", async () => {
      const statuses = new FakeStatusSource(new Map());
      await (await setup({ statuses })).refreshStatuses(alice);
      expect(statuses.refreshed).toEqual(['user-alice']);

      const claims = new FakeClaimsProvider();
      await expect(
        (await setup({ claims })).refreshStatuses(alice),
      ).resolves.toBeUndefined();
      expect(claims.calls).toEqual([]);
    });
  });

  describe('listIntegrations', () => {
    it('should not call the ClaimsProvider nor give a status without an apiKey', async () => {
      const claims = new FakeClaimsProvider();
      const service = await setup({ claims });

      const integrations = await service.listIntegrations(alice);

      expect(integrations).toStrictEqual([netsuite, shopify]);
      expect(claims.calls).toEqual([]);
    });

    it('should return only the Pandium fields of each entry, omitting an absent displayName', async () => {
      const catalog = new FakeCatalog(() => [
        { ...netsuite, internalNote: 'vip only', price: 10 },
        { ...shopify, ownerId: 'u-1' },
      ]);
      const service = await setup({ catalog });

      const integrations = await service.listIntegrations(alice);

      expect(integrations).toStrictEqual([
        {
          id: '1042',
          name: 'netsuite-orders',
          connectorName: 'netsuite',
          displayName: 'NetSuite orders',
        },
        { id: '2001', name: 'shopify-sync', connectorName: 'shopify' },
      ]);
      expect(integrations[1]).not.toHaveProperty('displayName');
    });

    it('should omit a null displayName, as a nullable database column gives it', async () => {
      const catalog = new FakeCatalog(() => [
        { ...shopify, displayName: null },
      ]);
      const service = await setup({ catalog });

      await expect(service.listIntegrations(alice)).resolves.toStrictEqual([
        { id: '2001', name: 'shopify-sync', connectorName: 'shopify' },
      ]);
    });

    it('should pass the user to the catalog', async () => {
      const catalog = perUserCatalog();
      const service = await setup({ catalog });

      await expect(service.listIntegrations(bob)).resolves.toStrictEqual([
        shopify,
      ]);
      expect(catalog.calls).toEqual([bob]);
    });

    it('should list the static integrations option for every user', async () => {
      const service = await setup();

      await expect(service.listIntegrations(alice)).resolves.toStrictEqual([
        netsuite,
        shopify,
      ]);
      await expect(service.listIntegrations(bob)).resolves.toStrictEqual([
        netsuite,
        shopify,
      ]);
    });

    it('should check a catalog array again when it may have changed since the last call', async () => {
      const entries: Record<string, unknown>[] = [{ ...netsuite }];
      const service = await setup({ catalog: new FakeCatalog(() => entries) });
      await expect(
        service.createInstallUrl(alice, '1042'),
      ).resolves.toBeDefined();

      entries[0].id = '../1042';

      await expectStrategyFailure(
        service.createInstallUrl(alice, '../1042'),
        'IntegrationCatalog',
        problemAt('integrations.0.id'),
      );
    });

    it('should answer fresh entries each call, so a caller changing them changes nothing after', async () => {
      const service = await setup();

      const first = await service.listIntegrations(alice);
      first[0].name = 'changed';
      first.pop();

      await expect(service.listIntegrations(alice)).resolves.toStrictEqual([
        netsuite,
        shopify,
      ]);
    });

    it('should refuse a catalog that lists the same id twice', async () => {
      const catalog = new FakeCatalog(() => [
        netsuite,
        { ...shopify, id: netsuite.id },
      ]);
      const service = await setup({ catalog });

      await expectStrategyFailure(
        service.listIntegrations(alice),
        'IntegrationCatalog',
        problemAt('integrations'),
        'same integration id twice',
      );
    });

    it.each(['..', 'a/b', ''])(
      'should refuse a catalog entry with the id %p',
      async (id) => {
        const catalog = new FakeCatalog(() => [{ ...netsuite, id }]);
        const service = await setup({ catalog });

        await expectStrategyFailure(
          service.listIntegrations(alice),
          'IntegrationCatalog',
          problemAt('integrations.0.id'),
        );
      },
    );

    it('should refuse a catalog that returns something other than a list', async () => {
      const catalog = new FakeCatalog(() => ({ integrations: [netsuite] }));
      const service = await setup({ catalog });

      await expectStrategyFailure(
        service.listIntegrations(alice),
        'IntegrationCatalog',
        'integrations must be a list of integrations',
      );
    });
  });

  describe('createInstallUrl', () => {
    it('should return the URL, its expiry as ISO time and seconds, and the integration id', async () => {
      const service = await setup();

      const result = await service.createInstallUrl(alice, '1042');

      expect(result).toStrictEqual({
        url: expect.any(String),
        expiresAt: new Date(NOW + TTL_SECONDS * 1000).toISOString(),
        expiresIn: TTL_SECONDS,
        integrationId: '1042',
      });
      expect(result.url).toMatch(
        /^https:\/\/imp\.sandbox\.pandium\.com\/acme\/tenants\/create\/1042\?tenant=[^&]+$/,
      );
    });

    it('should sign the provider claims, the catalog names and the connector token', async () => {
      const service = await setup();

      const { url } = await service.createInstallUrl(alice, '1042');
      const payload = await payloadOf(url);

      expect(payload).toEqual({
        iat: NOW / 1000 - DEFAULT_SKEW_SECONDS,
        exp: NOW / 1000 + TTL_SECONDS,
        jti: expect.any(String),
        sub: 'user-alice',
        ti: {
          udn: 'Acme Corp',
          ufn: 'Alice Example',
          uem: 'alice@acme.test',
          ili: ['acme-1'],
          aid: 'acct-7',
          adn: 'Acme',
          xti: {
            user_tier: 'gold',
            connector_name: 'netsuite',
            integration_name: 'netsuite-orders',
            token: 'conn-token-for-alice',
          },
        },
      });
    });

    it('should not be verifiable with another secret', async () => {
      const service = await setup();

      const { url } = await service.createInstallUrl(alice, '1042');

      await expect(
        verifyPandiumToken(tenantTokenOf(url), `${SECRET}-other`, {
          currentDate: new Date(NOW),
        }),
      ).rejects.toThrow();
    });

    it('should give both strategies the user and the install target', async () => {
      const claims = new FakeClaimsProvider();
      const tokens = new FakeTokenProvider();
      const service = await setup({ claims, tokens });

      await service.createInstallUrl(alice, '1042');

      const target = { kind: 'install', integration: netsuite };
      expect(claims.calls).toEqual([[alice, target]]);
      expect(tokens.calls).toEqual([[alice, target]]);
    });

    it('should throw PANDIUM_INTEGRATION_NOT_FOUND (404) for an id not in the catalog', async () => {
      const claims = new FakeClaimsProvider();
      const service = await setup({ claims });

      const call = service.createInstallUrl(alice, '9999');

      const error = await rejectionOf(call);
      expect(error).toBeInstanceOf(PandiumHttpException);
      expect(error).toMatchObject({ code: 'PANDIUM_INTEGRATION_NOT_FOUND' });
      expect((error as PandiumHttpException).getStatus()).toBe(
        HttpStatus.NOT_FOUND,
      );
      // Nothing is signed for an integration the user may not install.
      expect(claims.calls).toEqual([]);
    });

    describe('with a per-user catalog', () => {
      it("should refuse another user's integration", async () => {
        const service = await setup({ catalog: perUserCatalog() });

        await expect(
          service.createInstallUrl(alice, shopify.id),
        ).rejects.toMatchObject({ code: 'PANDIUM_INTEGRATION_NOT_FOUND' });
        await expect(
          service.createInstallUrl(bob, netsuite.id),
        ).rejects.toMatchObject({ code: 'PANDIUM_INTEGRATION_NOT_FOUND' });
      });

      it("should sign the user's own integration", async () => {
        const service = await setup({ catalog: perUserCatalog() });

        const { url, integrationId } = await service.createInstallUrl(
          bob,
          shopify.id,
        );

        expect(integrationId).toBe('2001');
        const payload = await payloadOf(url);
        expect(payload.sub).toBe('user-bob');
        expect(payload.ti).toMatchObject({
          xti: {
            connector_name: 'shopify',
            integration_name: 'shopify-sync',
            token: 'conn-token-for-bob',
          },
        });
      });
    });

    describe('with the static catalog', () => {
      it('should sign any listed integration for every user', async () => {
        const service = await setup();

        for (const user of [alice, bob]) {
          for (const { id } of [netsuite, shopify]) {
            await expect(
              service.createInstallUrl(user, id),
            ).resolves.toMatchObject({ integrationId: id });
          }
        }
      });
    });
  });

  describe('createMarketplaceUrl', () => {
    it('should return the marketplace URL and its expiry', async () => {
      const service = await setup();

      const result = await service.createMarketplaceUrl(alice);

      expect(result).toStrictEqual({
        url: expect.any(String),
        expiresAt: new Date(NOW + TTL_SECONDS * 1000).toISOString(),
        expiresIn: TTL_SECONDS,
      });
      expect(result.url).toMatch(
        /^https:\/\/imp\.sandbox\.pandium\.com\/acme\?tenant=[^&]+$/,
      );
    });

    it('should sign the claims and the token without integration names', async () => {
      const service = await setup();

      const { url } = await service.createMarketplaceUrl(alice);
      const payload = await payloadOf(url);

      expect(payload.sub).toBe('user-alice');
      expect((payload.ti as { xti: unknown }).xti).toStrictEqual({
        user_tier: 'gold',
        token: 'conn-token-for-alice',
      });
    });

    it('should give both strategies the user and the marketplace target', async () => {
      const claims = new FakeClaimsProvider();
      const tokens = new FakeTokenProvider();
      const service = await setup({ claims, tokens });

      await service.createMarketplaceUrl(bob);

      expect(claims.calls).toEqual([[bob, { kind: 'marketplace' }]]);
      expect(tokens.calls).toEqual([[bob, { kind: 'marketplace' }]]);
    });
  });

  describe('when a strategy fails', () => {
    it('should turn a throwing ClaimsProvider into a 502 and log the strategy and the cause', async () => {
      const claims = new FakeClaimsProvider(() => {
        throw new Error('directory unreachable');
      });
      const service = await setup({ claims });

      await expectStrategyFailure(
        service.createInstallUrl(alice, '1042'),
        'ClaimsProvider',
        'directory unreachable',
      );
    });

    it('should turn a rejecting TokenProvider into a 502 and log the strategy and the cause', async () => {
      const tokens = new FakeTokenProvider(() => {
        throw new TypeError('token mint offline');
      });
      const service = await setup({ tokens });

      await expectStrategyFailure(
        service.createMarketplaceUrl(alice),
        'TokenProvider',
        'TypeError: token mint offline',
      );
    });

    it('should turn a rejecting IntegrationCatalog into a 502 and log the strategy and the cause', async () => {
      const catalog = new FakeCatalog(() => {
        throw new Error('catalog database down');
      });
      const service = await setup({ catalog });

      await expectStrategyFailure(
        service.createInstallUrl(alice, '1042'),
        'IntegrationCatalog',
        'catalog database down',
      );
    });

    it('should log the cause stack beside the message', async () => {
      const claims = new FakeClaimsProvider(() => {
        throw new Error('directory unreachable');
      });
      const service = await setup({ claims });

      await expect(service.createMarketplaceUrl(alice)).rejects.toMatchObject({
        code: 'PANDIUM_STRATEGY_FAILED',
      });

      expect(errorLog.mock.calls[0][1]).toEqual(
        expect.stringContaining('Error: directory unreachable'),
      );
    });

    it('should not put a thrown non-Error value in the log', async () => {
      const claims = new FakeClaimsProvider(() => {
        // eslint-disable-next-line @typescript-eslint/only-throw-error
        throw 'raw-thrown-string-value';
      });
      const service = await setup({ claims });

      await expectStrategyFailure(
        service.createMarketplaceUrl(alice),
        'ClaimsProvider',
        'non-Error',
      );
      expect(loggedText()).not.toContain('raw-thrown-string-value');
    });

    it('should let a 4xx HttpException from a strategy pass through unchanged', async () => {
      const refusal = new ForbiddenException('Your plan has no integrations.');
      const claims = new FakeClaimsProvider(() => {
        throw refusal;
      });
      const service = await setup({ claims });

      await expect(service.createInstallUrl(alice, '1042')).rejects.toBe(
        refusal,
      );
      expect(errorLog).not.toHaveBeenCalled();
    });

    it.each([
      ['a 302', new HttpException('moved', HttpStatus.FOUND)],
      ['a 200', new HttpException('fine', HttpStatus.OK)],
      ['a 503', new HttpException('down', HttpStatus.SERVICE_UNAVAILABLE)],
    ])(
      'should answer a logged 502, not pass through, for an HttpException that is not a 4xx (%s)',
      async (_case, thrown) => {
        const claims = new FakeClaimsProvider(() => {
          throw thrown;
        });
        const service = await setup({ claims });

        await expect(
          service.createInstallUrl(alice, '1042'),
        ).rejects.toMatchObject({ code: 'PANDIUM_STRATEGY_FAILED' });
        expect(errorLog).toHaveBeenCalled();
      },
    );

    it('should let a 4xx HttpException from the catalog pass through unchanged', async () => {
      const refusal = new ForbiddenException();
      const catalog = new FakeCatalog(() => {
        throw refusal;
      });
      const service = await setup({ catalog });

      await expect(service.listIntegrations(alice)).rejects.toBe(refusal);
    });
  });

  describe('when the ClaimsProvider returns invalid claims', () => {
    const valid = claimsFor(alice);
    const withTi = (ti: Record<string, unknown>): unknown => ({
      ...valid,
      ti: { ...valid.ti, ...ti },
    });

    it.each<[string, unknown, string]>([
      ['no sub', { ti: valid.ti }, 'sub'],
      ['an empty sub', { ...valid, sub: '' }, 'sub'],
      ['no ti', { sub: valid.sub }, 'ti'],
      ['a uem that is not an email', withTi({ uem: 'not-an-email' }), 'ti.uem'],
      ['a 300-character udn', withTi({ udn: 'u'.repeat(300) }), 'ti.udn'],
      [
        '101 ili entries',
        withTi({ ili: Array.from({ length: 101 }, (_, i) => `id-${i}`) }),
        'ti.ili',
      ],
      ['xti setting token', withTi({ xti: { token: 'forged' } }), 'ti.xti'],
      [
        'xti setting connector_name',
        withTi({ xti: { connector_name: 'other' } }),
        'ti.xti',
      ],
      [
        'xti setting integration_name',
        withTi({ xti: { integration_name: 'other' } }),
        'ti.xti',
      ],
      ['xti holding a function', withTi({ xti: { run: () => 1 } }), 'ti.xti'],
      [
        'xti holding a 5 KB value',
        withTi({ xti: { blob: 'x'.repeat(5 * 1024) } }),
        'ti.xti',
      ],
      ['an unknown ti key', withTi({ role: 'admin' }), 'ti.role'],
      ['an unknown top-level key', { ...valid, iss: 'me' }, 'iss'],
      ['a non-object', 'user-alice', '(root)'],
    ])(
      'should refuse %s with a 502 naming the field',
      async (_, output, field) => {
        const claims = new FakeClaimsProvider(() => output);
        const service = await setup({ claims });

        await expectStrategyFailure(
          service.createInstallUrl(alice, '1042'),
          'ClaimsProvider',
          problemAt(field),
        );
      },
    );

    it('should name the reserved xti key the provider tried to set', async () => {
      const claims = new FakeClaimsProvider(() =>
        withTi({ xti: { token: 'forged' } }),
      );
      const service = await setup({ claims });

      const message = await expectStrategyFailure(
        service.createMarketplaceUrl(alice),
        problemAt('ti.xti'),
        'must not set token',
      );
      expect(message).not.toContain('forged');
    });
  });

  describe('when the TokenProvider returns an invalid token', () => {
    it.each<[string, unknown]>([
      ['an empty string', ''],
      ['a number', 987654321],
      ['a string with a newline', 'leaky-connector-token\nsecond-line'],
      ['a 5000-character string', `leaky-connector-token-${'t'.repeat(4978)}`],
      ['a string with a space', 'leaky-connector-token with-space'],
      ['undefined', undefined],
    ])(
      'should refuse %s with a 502 naming token, without the value',
      async (_, output) => {
        const tokens = new FakeTokenProvider(() => output);
        const service = await setup({ tokens });

        await expectStrategyFailure(
          service.createInstallUrl(alice, '1042'),
          'TokenProvider',
          problemAt('token'),
        );
        expect(loggedText()).not.toContain('leaky-connector-token');
        expect(loggedText()).not.toContain('987654321');
      },
    );
  });
  describe('token times', () => {
    it('should answer expiresIn equal to the TTL and expiresAt equal to exp', async () => {
      const service = await setup();

      const { url, expiresAt, expiresIn } =
        await service.createMarketplaceUrl(alice);
      const payload = await payloadOf(url);

      expect(expiresIn).toBe(TTL_SECONDS);
      expect(payload.exp).toBe(NOW / 1000 + TTL_SECONDS);
      expect(Date.parse(expiresAt)).toBe((payload.exp as number) * 1000);
    });

    it('should back-date iat by the default clock skew of 5 s, leaving exp at now + TTL', async () => {
      const service = await setup();

      const { url } = await service.createInstallUrl(alice, '1042');
      const payload = await payloadOf(url);

      expect(payload.iat).toBe(NOW / 1000 - DEFAULT_SKEW_SECONDS);
      expect(payload.exp).toBe(NOW / 1000 + TTL_SECONDS);
    });

    it.each([0, 30])(
      'should back-date iat by clockSkewSeconds %p without changing exp or expiresIn',
      async (clockSkewSeconds) => {
        const service = await setup({}, { clockSkewSeconds });

        const { url, expiresIn, expiresAt } =
          await service.createMarketplaceUrl(alice);
        const payload = await payloadOf(url);

        expect(payload.iat).toBe(NOW / 1000 - clockSkewSeconds);
        expect(payload.exp).toBe(NOW / 1000 + TTL_SECONDS);
        expect(expiresIn).toBe(TTL_SECONDS);
        expect(expiresAt).toBe(
          new Date(NOW + TTL_SECONDS * 1000).toISOString(),
        );
      },
    );
  });

  describe('logging of issued URLs', () => {
    it('should log a debug line naming the integration, with the token redacted', async () => {
      const service = await setup();

      const { url } = await service.createInstallUrl(alice, '1042');
      const { jti } = await payloadOf(url);

      expect(debugLog).toHaveBeenCalledTimes(1);
      const [message] = debugLog.mock.calls[0] as [string, ...unknown[]];
      expect(message).toContain('integration 1042');
      expect(message).toContain(`jti ${jti as string}`);
      expect(message).toContain(
        'https://imp.sandbox.pandium.com/acme/tenants/create/1042?tenant=[redacted]',
      );
    });

    it('should log a debug line for a marketplace URL, with the token redacted', async () => {
      const service = await setup();

      await service.createMarketplaceUrl(alice);

      expect(debugLog).toHaveBeenCalledTimes(1);
      const [message] = debugLog.mock.calls[0] as [string, ...unknown[]];
      expect(message).toContain('marketplace URL');
      expect(message).toContain(
        'https://imp.sandbox.pandium.com/acme?tenant=[redacted]',
      );
    });

    it('should build no debug line when debug logging is off', async () => {
      const service = await setup();
      jest.spyOn(Logger, 'isLevelEnabled').mockReturnValue(false);

      await service.createInstallUrl(alice, '1042');
      await service.createMarketplaceUrl(alice);

      expect(debugLog).not.toHaveBeenCalled();
    });

    it('should never put the signed token in any log line', async () => {
      const service = await setup();

      const install = await service.createInstallUrl(alice, '1042');
      const marketplace = await service.createMarketplaceUrl(bob);

      const logged = allLoggedText();
      expect(logged).toContain('tenant=[redacted]');
      for (const { url } of [install, marketplace]) {
        const token = tenantTokenOf(url);
        expect(logged).not.toContain(token);
        // Nor any of its three parts, e.g. the signature alone.
        for (const part of token.split('.')) {
          expect(logged).not.toContain(part);
        }
      }
    });
  });

  describe('correlation ids', () => {
    it('should give every failure its own correlation id, in its answer and its log line', async () => {
      const claims = new FakeClaimsProvider(() => {
        throw new Error('directory unreachable');
      });
      const service = await setup({ claims });

      const first = (await rejectionOf(
        service.createMarketplaceUrl(alice),
      )) as PandiumHttpException;
      const second = (await rejectionOf(
        service.createMarketplaceUrl(alice),
      )) as PandiumHttpException;

      expect(first.correlationId).toMatch(UUID);
      expect(second.correlationId).toMatch(UUID);
      expect(first.correlationId).not.toBe(second.correlationId);
      const lines = errorLog.mock.calls.map(([message]) => message as string);
      expect(lines).toEqual([
        expect.stringMatching(
          new RegExp(`\\[correlationId ${first.correlationId}\\]$`),
        ),
        expect.stringMatching(
          new RegExp(`\\[correlationId ${second.correlationId}\\]$`),
        ),
      ]);
    });
  });

  describe('when a strategy throws synchronously', () => {
    it.each<[string, TokenProvider<TestUser>]>([
      [
        'throws synchronously',
        {
          getToken: () => {
            throw new RangeError('token mint misconfigured');
          },
        },
      ],
      [
        'rejects',
        {
          getToken: () =>
            Promise.reject(new RangeError('token mint misconfigured')),
        },
      ],
    ])(
      'should answer 502 and log the cause when the TokenProvider %s',
      async (_, tokens) => {
        const service = await setup({ tokens });

        await expectStrategyFailure(
          service.createInstallUrl(alice, '1042'),
          'TokenProvider',
          'RangeError: token mint misconfigured',
        );
      },
    );

    it('should answer 502 when the IntegrationCatalog throws before returning a promise', async () => {
      const catalog: IntegrationCatalog<TestUser> = {
        listIntegrations: () => {
          throw new Error('catalog not configured');
        },
      };
      const service = await setup({ catalog });

      await expectStrategyFailure(
        service.listIntegrations(alice),
        'IntegrationCatalog',
        'catalog not configured',
      );
    });
  });

  describe('when a strategy does not answer in time', () => {
    it('should answer 504 when the ClaimsProvider hangs, logging the strategy and the timeout', async () => {
      const claims = new HangingClaimsProvider();
      const service = await setup(
        { claims },
        { strategyTimeoutMs: TIMEOUT_MS },
      );

      await expectStrategyTimeout(
        service.createMarketplaceUrl(alice),
        'ClaimsProvider',
        `within ${TIMEOUT_MS} ms`,
        'strategyTimeoutMs',
      );
      expect(debugLog).not.toHaveBeenCalled();
    });

    it('should answer 504 when the TokenProvider hangs', async () => {
      const tokens: TokenProvider<TestUser> = { getToken: () => never() };
      const service = await setup(
        { tokens },
        { strategyTimeoutMs: TIMEOUT_MS },
      );

      await expectStrategyTimeout(
        service.createInstallUrl(alice, '1042'),
        'TokenProvider',
        `within ${TIMEOUT_MS} ms`,
      );
    });

    it('should answer 504 when the IntegrationCatalog hangs, before asking the other strategies', async () => {
      const catalog: IntegrationCatalog<TestUser> = {
        listIntegrations: () => never(),
      };
      const claims = new FakeClaimsProvider();
      const service = await setup(
        { catalog, claims },
        { strategyTimeoutMs: TIMEOUT_MS },
      );

      await expectStrategyTimeout(
        service.createInstallUrl(alice, '1042'),
        'IntegrationCatalog',
        `within ${TIMEOUT_MS} ms`,
      );
      expect(claims.calls).toEqual([]);
    });

    it('should not answer before the timeout has passed', async () => {
      const service = await setup(
        { claims: new HangingClaimsProvider() },
        { strategyTimeoutMs: TIMEOUT_MS },
      );

      const started = performance.now();
      await rejectionOf(service.createMarketplaceUrl(alice));

      // Timers may fire a millisecond early; never much earlier.
      expect(performance.now() - started).toBeGreaterThanOrEqual(
        TIMEOUT_MS - 5,
      );
    });

    it('should accept a strategy that answers within the timeout', async () => {
      const service = await setup(
        { claims: new SlowClaimsProvider(20) },
        { strategyTimeoutMs: TIMEOUT_MS },
      );

      await expect(service.createMarketplaceUrl(alice)).resolves.toMatchObject({
        expiresIn: TTL_SECONDS,
      });
      expect(errorLog).not.toHaveBeenCalled();
    });

    it('should give the catalog and then the other strategies the whole time limit each', async () => {
      const delayed = <T>(value: T): Promise<T> =>
        new Promise((resolve) =>
          setTimeout(() => resolve(value), TIMEOUT_MS * 0.7),
        );
      const catalog: IntegrationCatalog<TestUser> = {
        listIntegrations: () => delayed([netsuite]),
      };
      const service = await setup(
        { catalog, claims: new SlowClaimsProvider(TIMEOUT_MS * 0.7) },
        { strategyTimeoutMs: TIMEOUT_MS },
      );

      await expect(
        service.createInstallUrl(alice, '1042'),
      ).resolves.toMatchObject({ integrationId: '1042' });
      expect(errorLog).not.toHaveBeenCalled();
    });

    it('should wait 5000 ms by default', async () => {
      const service = await setup({ claims: new SlowClaimsProvider(300) });

      await expect(service.createMarketplaceUrl(alice)).resolves.toMatchObject({
        expiresIn: TTL_SECONDS,
      });
    });

    it('should keep serving after a strategy timed out', async () => {
      const claims = new FirstCallHangsClaimsProvider();
      const service = await setup(
        { claims },
        { strategyTimeoutMs: TIMEOUT_MS },
      );

      await expect(service.createMarketplaceUrl(alice)).rejects.toMatchObject({
        code: 'PANDIUM_STRATEGY_TIMEOUT',
      });
      const { url } = await service.createMarketplaceUrl(alice);

      expect(claims.calls).toBe(2);
      expect((await payloadOf(url)).sub).toBe('user-alice');
      expect(errorLog).toHaveBeenCalledTimes(1);
    });
  });

  describe('when the token is over maxTokenBytes', () => {
    /** Ten 200-character `ili` entries: valid claims, but a token of about 3 KB. */
    const bulkyClaims = (user: TestUser): PandiumUserClaims => {
      const claims = claimsFor(user);
      return {
        ...claims,
        ti: {
          ...claims.ti,
          ili: Array.from({ length: 10 }, (_, i) => `${i}`.padEnd(200, 'x')),
        },
      };
    };

    it('should answer 502 and log the size and maxTokenBytes, without the token', async () => {
      const encode = jest.spyOn(
        PandiumJwtSigner.prototype as unknown as {
          encode(payload: object): string;
        },
        'encode',
      );
      const claims = new FakeClaimsProvider(bulkyClaims);
      const service = await setup({ claims }, { maxTokenBytes: 1024 });

      await expectStrategyFailure(
        service.createInstallUrl(alice, '1042'),
        'maxTokenBytes (1024)',
      );

      expect(encode).toHaveBeenCalledTimes(1);
      const token = encode.mock.results[0].value as string;
      expect(token.length).toBeGreaterThan(1024);
      expect(allLoggedText()).not.toContain(token);
      expect(allLoggedText()).not.toContain(token.split('.')[2]);
      expect(debugLog).not.toHaveBeenCalled();
    });

    it('should sign the same claims under the default limit', async () => {
      const claims = new FakeClaimsProvider(bulkyClaims);
      const service = await setup({ claims });

      const { url } = await service.createInstallUrl(alice, '1042');

      expect(tenantTokenOf(url).length).toBeGreaterThan(1024);
      expect(errorLog).not.toHaveBeenCalled();
    });
  });
});
