import { Injectable } from '@nestjs/common';
import type { ClaimsProvider } from '../core/claims-provider.interface.js';
import type { TokenProvider } from '../core/token-provider.interface.js';
import { PandiumOptionsError } from '../errors/pandium-options.error.js';
import type { PandiumLaunchTicketStore } from '../launch/pandium-launch-ticket-store.interface.js';
import type { PandiumRateLimitStore } from '../rate-limit/pandium-rate-limit-store.interface.js';
import type { PandiumEmbedModuleExtras } from './pandium-embed-module-extras.interface.js';
import { resolvePandiumEmbedExtras } from './pandium-embed-module-extras.schema.js';
import { InMemoryStatusStore } from '../tenants/in-memory-status.store.js';

const validOptions = {
  account: 'acme',
  sharedSecret: 'RECOGNISABLE-S3CRET-value-for-the-extras-spec',
};

@Injectable()
class FakeClaimsProvider implements ClaimsProvider {
  getClaims() {
    return { sub: 'u1', ti: { udn: 'Acme', ufn: 'Ada', uem: 'a@acme.test' } };
  }
}

@Injectable()
class FakeTokenProvider implements TokenProvider {
  getToken() {
    return 'connector-token';
  }
}

const validExtras: PandiumEmbedModuleExtras = {
  claimsProvider: FakeClaimsProvider,
  tokenProvider: FakeTokenProvider,
};

function extrasError(extras: Record<string, unknown>): PandiumOptionsError {
  try {
    resolvePandiumEmbedExtras(extras as unknown as PandiumEmbedModuleExtras);
  } catch (error) {
    expect(error).toBeInstanceOf(PandiumOptionsError);
    return error as PandiumOptionsError;
  }
  throw new Error('expected a PandiumOptionsError, but nothing was thrown');
}

describe('resolvePandiumEmbedExtras', () => {
  it('should accept strategies given as classes', () => {
    expect(() => resolvePandiumEmbedExtras(validExtras)).not.toThrow();
  });

  it.each([
    ['useClass', { useClass: FakeClaimsProvider }],
    ['useExisting', { useExisting: 'HOST_CLAIMS' }],
    ['useExisting with a class token', { useExisting: FakeClaimsProvider }],
    ['useValue', { useValue: new FakeClaimsProvider() }],
  ])('should accept a strategy given with %s', (_case, claimsProvider) => {
    expect(() =>
      resolvePandiumEmbedExtras({
        ...validExtras,
        claimsProvider,
      }),
    ).not.toThrow();
  });

  it.each([
    'claimsProvider',
    'tokenProvider',
    'integrationCatalog',
    'rateLimitStore',
  ])(
    'should not call the constructor again for a %s given with useValue',
    (key) => {
      let constructed = 0;
      class NeedsDependency {
        constructor(readonly dependency: { name: string }) {
          constructed += 1;
          if (dependency === undefined) {
            throw new Error('NeedsDependency needs its dependency');
          }
        }
      }
      const value = new NeedsDependency({ name: 'redis' });

      expect(() =>
        resolvePandiumEmbedExtras({
          ...validExtras,
          [key]: { useValue: value },
        }),
      ).not.toThrow();
      expect(constructed).toBe(1);
    },
  );

  it('should not call the constructor again for guard instances, nor copy imported modules', () => {
    let constructed = 0;
    class RolesGuard {
      constructor(readonly roles: string[]) {
        constructed += 1;
        if (roles === undefined) {
          throw new Error('RolesGuard needs its roles');
        }
      }
      canActivate(): boolean {
        return true;
      }
    }
    class Service {
      constructor(readonly url: string) {
        constructed += 1;
        if (url === undefined) {
          throw new Error('Service needs its url');
        }
      }
    }
    const guard = new RolesGuard(['admin']);
    const dynamicModule = {
      module: class SomeModule {},
      providers: [{ provide: 'SERVICE', useValue: new Service('redis://x') }],
    };

    expect(() =>
      resolvePandiumEmbedExtras({
        ...validExtras,
        controller: { guards: [guard] },
        imports: [dynamicModule],
      }),
    ).not.toThrow();
    expect(constructed).toBe(2);
  });

  it('should ignore the run-time options passed along with the extras by forRoot', () => {
    expect(() =>
      resolvePandiumEmbedExtras({
        ...validExtras,
        ...validOptions,
      }),
    ).not.toThrow();
  });

  it('should name claimsProvider and tokenProvider when both are missing', () => {
    const error = extrasError({});

    expect(error.problems).toEqual([
      expect.stringMatching(/^claimsProvider /),
      expect.stringMatching(/^tokenProvider /),
    ]);
  });

  it.each([
    ['an empty object', {}],
    ['a useClass that is not a class', { useClass: 1 }],
    ['two provider shapes', { useClass: FakeTokenProvider, useValue: {} }],
    ['a string', 'FakeTokenProvider'],
    ['null', null],
  ])('should refuse a strategy given as %s', (_case, tokenProvider) => {
    const error = extrasError({ ...validExtras, tokenProvider });

    expect(error.problems).toEqual([
      'tokenProvider must be a class, or exactly one of { useClass }, { useExisting }, { useValue }',
    ]);
  });

  it('should name integrationCatalog when it is malformed', () => {
    const error = extrasError({ ...validExtras, integrationCatalog: {} });

    expect(error.problems).toEqual([
      expect.stringMatching(/^integrationCatalog /),
    ]);
  });

  describe('rateLimitStore', () => {
    class FakeRateLimitStore implements PandiumRateLimitStore {
      increment() {
        return Promise.resolve({ totalHits: 1, timeToExpire: 60_000 });
      }
    }

    it.each([
      ['a class', FakeRateLimitStore],
      ['useClass', { useClass: FakeRateLimitStore }],
      ['useExisting', { useExisting: 'REDIS_THROTTLER_STORAGE' }],
      ['useValue', { useValue: new FakeRateLimitStore() }],
    ])('should accept a store given as %s', (_case, rateLimitStore) => {
      expect(() =>
        resolvePandiumEmbedExtras({ ...validExtras, rateLimitStore }),
      ).not.toThrow();
    });

    it.each([
      ['an empty object', {}],
      ['a string', 'redis'],
      ['a bare instance', new FakeRateLimitStore()],
    ])('should refuse a store given as %s', (_case, rateLimitStore) => {
      const error = extrasError({ ...validExtras, rateLimitStore });

      expect(error.problems).toEqual([
        'rateLimitStore must be a class, or exactly one of { useClass }, { useExisting }, { useValue }',
      ]);
    });
  });

  describe('launchTicketStore', () => {
    class FakeLaunchTicketStore implements PandiumLaunchTicketStore {
      save() {
        return Promise.resolve();
      }

      take() {
        return Promise.resolve(undefined);
      }
    }

    it.each([
      ['a class', FakeLaunchTicketStore],
      ['useExisting', { useExisting: 'REDIS_TICKETS' }],
      ['useValue', { useValue: new FakeLaunchTicketStore() }],
    ])('should accept a store given as %s', (_case, launchTicketStore) => {
      expect(() =>
        resolvePandiumEmbedExtras({ ...validExtras, launchTicketStore }),
      ).not.toThrow();
    });

    it('should refuse a bare instance', () => {
      const error = extrasError({
        ...validExtras,
        launchTicketStore: new FakeLaunchTicketStore(),
      });

      expect(error.problems).toEqual([
        'launchTicketStore must be a class, or exactly one of { useClass }, { useExisting }, { useValue }',
      ]);
    });
  });

  describe('statusStore', () => {
    it.each([
      ['a class', InMemoryStatusStore],
      ['useExisting', { useExisting: 'APP:STATUS_STORE' }],
    ])('should accept a store given as %s', (_case, statusStore) => {
      expect(() =>
        resolvePandiumEmbedExtras({ ...validExtras, statusStore }),
      ).not.toThrow();
    });

    it('should refuse a bare instance', () => {
      const error = extrasError({
        ...validExtras,
        statusStore: new InMemoryStatusStore({ now: () => 0 }),
      });

      expect(error.problems).toEqual([
        'statusStore must be a class, or exactly one of { useClass }, { useExisting }, { useValue }',
      ]);
    });
  });

  describe('launchUserSerializer', () => {
    const serializer = {
      serializeUser: (user: unknown) => user,
      deserializeUser: (stored: unknown) => stored,
    };

    it('should accept a serializer given as a strategy', () => {
      expect(() =>
        resolvePandiumEmbedExtras({
          ...validExtras,
          launchUserSerializer: { useValue: serializer },
        }),
      ).not.toThrow();
    });

    it('should refuse a bare object, naming the option', () => {
      const error = extrasError({
        ...validExtras,
        launchUserSerializer: serializer,
      });

      expect(error.problems).toEqual([
        'launchUserSerializer must be a class, or exactly one of { useClass }, { useExisting }, { useValue }',
      ]);
    });
  });

  describe('rateLimitKey', () => {
    it('should accept a function', () => {
      expect(() =>
        resolvePandiumEmbedExtras({
          ...validExtras,
          rateLimitKey: (user: unknown) => (user as { id: string }).id,
        }),
      ).not.toThrow();
    });

    it.each([
      ['a property name', 'id'],
      ['an object', { key: 'id' }],
    ])('should refuse %s', (_case, rateLimitKey) => {
      const error = extrasError({ ...validExtras, rateLimitKey });

      expect(error.problems).toEqual([
        'rateLimitKey must be a function (user) => key',
      ]);
    });
  });

  it('should name isGlobal when it is not a boolean', () => {
    const error = extrasError({ ...validExtras, isGlobal: 'yes' });

    expect(error.problems).toEqual(['isGlobal must be true or false']);
  });
  describe('controller', () => {
    it('should list its problems with the other extras, under controller', () => {
      const error = extrasError({
        ...validExtras,
        rateLimitKey: 'id',
        controller: { rateLimit: { limit: 0 } },
      });

      expect(error.problems).toEqual([
        'rateLimitKey must be a function (user) => key',
        'controller.rateLimit.limit must be at least 1',
      ]);
    });

    it('should resolve the route settings, with none for a named instance unless given', () => {
      expect(resolvePandiumEmbedExtras(validExtras).controller?.path).toBe(
        'pandium',
      );
      expect(
        resolvePandiumEmbedExtras({ ...validExtras, name: 'eu' }).controller,
      ).toBeUndefined();
      expect(
        resolvePandiumEmbedExtras({
          ...validExtras,
          name: 'eu',
          controller: { path: 'eu/pandium' },
        }).controller?.path,
      ).toBe('eu/pandium');
    });
  });
});
