import { Injectable } from '@nestjs/common';
import { inspect } from 'node:util';
import type { ClaimsProvider } from '../core/claims-provider.interface.js';
import type {
  PandiumEmbedModuleExtras,
  PandiumRateLimitOptions,
} from './pandium-embed-module-options.interface.js';
import type { PandiumLaunchTicketStore } from '../launch/pandium-launch-ticket-store.interface.js';
import type { PandiumRateLimitStore } from '../rate-limit/pandium-rate-limit-store.interface.js';
import type { TokenProvider } from '../core/token-provider.interface.js';
import {
  resolveControllerOptions,
  resolvePandiumEmbedOptions,
  validatePandiumEmbedExtras,
} from './pandium-embed-options.validator.js';
import { PandiumOptionsError } from '../errors/pandium-options.error.js';

const SECRET = 'RECOGNISABLE-S3CRET-value-for-the-options-spec';
/** 16 bytes: below the 32 bytes HS256 wants. */
const SHORT_SECRET = 'SHORT-S3CRET-16b';
/** Exactly 32 ASCII bytes. */
const SECRET_32_BYTES = 'x'.repeat(31) + 'Z';
/** 16 characters of two UTF-8 bytes each: 32 bytes, though only 16 characters. */
const TWO_BYTE_SECRET_32_BYTES = 'é'.repeat(16);

const validOptions = { account: 'acme', sharedSecret: SECRET };

/** Runs `fn`, expecting a PandiumOptionsError, and returns it. */
function optionsErrorOf(fn: () => unknown): PandiumOptionsError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(PandiumOptionsError);
    return error as PandiumOptionsError;
  }
  throw new Error('expected a PandiumOptionsError, but nothing was thrown');
}

function resolveError(options: Record<string, unknown>): PandiumOptionsError {
  return optionsErrorOf(() => resolvePandiumEmbedOptions(options));
}

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
  return optionsErrorOf(() =>
    validatePandiumEmbedExtras(extras as unknown as PandiumEmbedModuleExtras),
  );
}

describe('resolvePandiumEmbedOptions', () => {
  describe('with valid options', () => {
    it('should apply the defaults: sandbox, 300-second TTL, 5-second skew, 5-second timeout, 6144-byte budget', () => {
      const resolved = resolvePandiumEmbedOptions(validOptions);

      expect(resolved).toEqual({
        account: 'acme',
        environment: 'sandbox',
        baseUrl: undefined,
        allowShortSecret: false,
        tokenTtlSeconds: 300,
        clockSkewSeconds: 5,
        strategyTimeoutMs: 5000,
        maxTokenBytes: 6144,
        launchTicketTtlSeconds: 30,
        integrations: undefined,
      });
      expect(resolved.sharedSecret).toBe(SECRET);
    });

    it('should keep every value that was given', () => {
      const resolved = resolvePandiumEmbedOptions({
        account: 'acme.corp_eu-1',
        environment: 'production',
        baseUrl: 'https://imp.pandium.io/prefix',
        sharedSecret: SECRET,
        allowShortSecret: true,
        tokenTtlSeconds: 3600,
        clockSkewSeconds: 0,
        strategyTimeoutMs: 60000,
        maxTokenBytes: 1024,
        launchTicketTtlSeconds: 300,
        integrations: [
          { id: '1042', name: 'gwt2hs', connectorName: 'gwt' },
          {
            id: 'shop.v2',
            name: 'shopify',
            connectorName: 'shopify',
            displayName: 'Shopify',
          },
        ],
      });

      expect(resolved).toEqual({
        account: 'acme.corp_eu-1',
        environment: 'production',
        baseUrl: 'https://imp.pandium.io/prefix',
        allowShortSecret: true,
        tokenTtlSeconds: 3600,
        clockSkewSeconds: 0,
        strategyTimeoutMs: 60000,
        maxTokenBytes: 1024,
        launchTicketTtlSeconds: 300,
        integrations: [
          { id: '1042', name: 'gwt2hs', connectorName: 'gwt' },
          {
            id: 'shop.v2',
            name: 'shopify',
            connectorName: 'shopify',
            displayName: 'Shopify',
          },
        ],
      });
      expect(resolved.sharedSecret).toBe(SECRET);
    });

    it.each([
      ['a TTL of 1 second', { tokenTtlSeconds: 1 }],
      ['a demo environment', { environment: 'demo' }],
      ['http on localhost', { baseUrl: 'http://localhost:4010' }],
      ['http on 127.0.0.1', { baseUrl: 'http://127.0.0.1:4010/' }],
      ['an empty integration list', { integrations: [] }],
      ['a clock skew of 0', { clockSkewSeconds: 0 }],
      ['a clock skew of 300 seconds', { clockSkewSeconds: 300 }],
      ['a strategy timeout of 100 ms', { strategyTimeoutMs: 100 }],
      ['a strategy timeout of 60000 ms', { strategyTimeoutMs: 60000 }],
      ['a token budget of 1024 bytes', { maxTokenBytes: 1024 }],
      ['a token budget of 65536 bytes', { maxTokenBytes: 65536 }],
      ['a launch ticket TTL of 5 seconds', { launchTicketTtlSeconds: 5 }],
      ['a launch ticket TTL of 300 seconds', { launchTicketTtlSeconds: 300 }],
      ['allowShortSecret false', { allowShortSecret: false }],
      ['a secret of exactly 32 bytes', { sharedSecret: SECRET_32_BYTES }],
      [
        'a secret of 16 two-byte characters (32 bytes)',
        { sharedSecret: TWO_BYTE_SECRET_32_BYTES },
      ],
      [
        'white space inside the secret',
        { sharedSecret: `${SECRET} ${SECRET}` },
      ],
    ])('should accept %s', (_case, extra) => {
      expect(() =>
        resolvePandiumEmbedOptions({ ...validOptions, ...extra }),
      ).not.toThrow();
    });

    it('should return an object that cannot be changed afterwards', () => {
      const resolved = resolvePandiumEmbedOptions({
        ...validOptions,
        integrations: [{ id: '1', name: 'n', connectorName: 'c' }],
      });

      expect(Object.isFrozen(resolved)).toBe(true);
      expect(Object.isFrozen(resolved.integrations?.[0])).toBe(true);
    });
  });

  describe('sharedSecret given as a non-enumerable property', () => {
    it('should read it, as pandiumConfig gives it', () => {
      const options = { account: 'acme' };
      Object.defineProperty(options, 'sharedSecret', {
        value: SECRET,
        enumerable: false,
      });

      const resolved = resolvePandiumEmbedOptions(options);

      expect(resolved.sharedSecret).toBe(SECRET);
    });
  });

  describe('sharedSecret on the resolved object', () => {
    it('should be readable but not enumerable, serialised or inspected', () => {
      const resolved = resolvePandiumEmbedOptions(validOptions);

      expect(resolved.sharedSecret).toBe(SECRET);
      expect(Object.keys(resolved)).not.toContain('sharedSecret');
      expect(JSON.stringify(resolved)).not.toContain(SECRET);
      expect(inspect(resolved, { depth: 10 })).not.toContain(SECRET);
      expect({ ...resolved }).not.toHaveProperty('sharedSecret');
    });
  });

  describe('sharedSecret length', () => {
    it.each([
      ['31 ASCII bytes', SECRET_32_BYTES.slice(1)],
      ['16 bytes', SHORT_SECRET],
      ['15 two-byte characters (30 bytes)', 'é'.repeat(15)],
    ])(
      'should refuse %s, naming sharedSecret and the 32-byte minimum without the value',
      (_case, sharedSecret) => {
        const error = resolveError({ ...validOptions, sharedSecret });

        expect(error.problems).toEqual([
          expect.stringMatching(/^sharedSecret must be at least 32 bytes/),
        ]);
        expect(error.problems[0]).toContain('allowShortSecret');
        expect(error.message).not.toContain(sharedSecret);
      },
    );

    it('should refuse a short secret when allowShortSecret is false', () => {
      const error = resolveError({
        ...validOptions,
        sharedSecret: SHORT_SECRET,
        allowShortSecret: false,
      });

      expect(error.problems).toEqual([
        expect.stringMatching(/^sharedSecret must be at least 32 bytes/),
      ]);
    });

    it('should accept a short secret with allowShortSecret: true, and keep it as given', () => {
      const resolved = resolvePandiumEmbedOptions({
        ...validOptions,
        sharedSecret: SHORT_SECRET,
        allowShortSecret: true,
      });

      expect(resolved.sharedSecret).toBe(SHORT_SECRET);
      expect(resolved.allowShortSecret).toBe(true);
    });

    it('should not take allowShortSecret given as the string "true"', () => {
      const error = resolveError({
        ...validOptions,
        sharedSecret: SHORT_SECRET,
        allowShortSecret: 'true',
      });

      expect(error.problems).toEqual(
        expect.arrayContaining([
          'allowShortSecret must be true or false',
          expect.stringMatching(/^sharedSecret must be at least 32 bytes/),
        ]),
      );
      expect(error.problems).toHaveLength(2);
      expect(error.message).not.toContain(SHORT_SECRET);
    });

    it('should still refuse an empty secret with allowShortSecret: true', () => {
      const error = resolveError({
        ...validOptions,
        sharedSecret: '',
        allowShortSecret: true,
      });

      expect(error.problems).toEqual([
        expect.stringMatching(/^sharedSecret must not be empty/),
      ]);
    });
  });

  describe('sharedSecret white space', () => {
    it.each([
      ['a leading space', ` ${SECRET}`],
      ['a trailing newline', `${SECRET}\n`],
      ['a trailing CRLF', `${SECRET}\r\n`],
      ['a leading tab', `\t${SECRET}`],
      ['only white space', ' '.repeat(40)],
    ])(
      'should refuse a secret with %s, saying it is not trimmed, without the value',
      (_case, sharedSecret) => {
        const error = resolveError({ ...validOptions, sharedSecret });

        expect(error.problems).toHaveLength(1);
        expect(error.problems[0]).toMatch(
          /^sharedSecret has leading or trailing white space/,
        );
        expect(error.problems[0]).toMatch(/not trimmed/);
        expect(error.message).not.toContain(SECRET);
        expect(inspect(error)).not.toContain(SECRET);
      },
    );

    it('should refuse a trailing newline even with allowShortSecret: true', () => {
      const error = resolveError({
        ...validOptions,
        sharedSecret: `${SHORT_SECRET}\n`,
        allowShortSecret: true,
      });

      expect(error.problems).toEqual([
        expect.stringMatching(
          /^sharedSecret has leading or trailing white space/,
        ),
      ]);
      expect(error.message).not.toContain(SHORT_SECRET);
    });
  });

  describe('with a bad value', () => {
    it.each([
      ['account', 'containing "/"', { account: 'a/b' }],
      ['account', '".."', { account: '..' }],
      ['account', 'empty', { account: '' }],
      ['account', 'missing', { account: undefined }],
      ['environment', 'unknown', { environment: 'staging' }],
      ['baseUrl', 'http on a public host', { baseUrl: 'http://evil.example' }],
      ['baseUrl', 'with a query', { baseUrl: 'https://imp.pandium.io/?x=1' }],
      [
        'baseUrl',
        'with an empty query',
        { baseUrl: 'https://imp.pandium.io?' },
      ],
      ['baseUrl', 'with a fragment', { baseUrl: 'https://imp.pandium.io/#a' }],
      [
        'baseUrl',
        'with credentials',
        { baseUrl: 'https://user:pass@imp.pandium.io' },
      ],
      ['baseUrl', 'relative', { baseUrl: '/pandium' }],
      [
        'baseUrl',
        'with a leading space',
        { baseUrl: ' https://imp.pandium.io' },
      ],
      [
        'baseUrl',
        'with a trailing newline',
        { baseUrl: 'https://imp.pandium.io\n' },
      ],
      ['baseUrl', 'with a tab inside', { baseUrl: 'https://imp.pan\tdium.io' }],
      ['baseUrl', 'not a URL', { baseUrl: 'imp.pandium.io' }],
      ['sharedSecret', 'empty', { sharedSecret: '' }],
      ['sharedSecret', 'a number', { sharedSecret: 12345 }],
      ['sharedSecret', 'missing', { sharedSecret: undefined }],
      ['tokenTtlSeconds', '0', { tokenTtlSeconds: 0 }],
      ['tokenTtlSeconds', '3601', { tokenTtlSeconds: 3601 }],
      ['tokenTtlSeconds', '1.5', { tokenTtlSeconds: 1.5 }],
      ['tokenTtlSeconds', 'the string "300"', { tokenTtlSeconds: '300' }],
      ['allowShortSecret', 'the string "true"', { allowShortSecret: 'true' }],
      ['allowShortSecret', '1', { allowShortSecret: 1 }],
      ['clockSkewSeconds', '-1', { clockSkewSeconds: -1 }],
      ['clockSkewSeconds', '301', { clockSkewSeconds: 301 }],
      ['clockSkewSeconds', '2.5', { clockSkewSeconds: 2.5 }],
      ['clockSkewSeconds', 'the string "5"', { clockSkewSeconds: '5' }],
      ['strategyTimeoutMs', '99', { strategyTimeoutMs: 99 }],
      ['strategyTimeoutMs', '60001', { strategyTimeoutMs: 60001 }],
      ['strategyTimeoutMs', '250.5', { strategyTimeoutMs: 250.5 }],
      ['strategyTimeoutMs', '0', { strategyTimeoutMs: 0 }],
      ['maxTokenBytes', '1023', { maxTokenBytes: 1023 }],
      ['maxTokenBytes', '65537', { maxTokenBytes: 65537 }],
      ['maxTokenBytes', '2048.5', { maxTokenBytes: 2048.5 }],
      ['maxTokenBytes', 'Infinity', { maxTokenBytes: Infinity }],
      ['launchTicketTtlSeconds', '4', { launchTicketTtlSeconds: 4 }],
      ['launchTicketTtlSeconds', '301', { launchTicketTtlSeconds: 301 }],
      ['launchTicketTtlSeconds', '30.5', { launchTicketTtlSeconds: 30.5 }],
      [
        'launchTicketTtlSeconds',
        'the string "30"',
        { launchTicketTtlSeconds: '30' },
      ],
    ])('should name %s when it is %s', (option, _case, extra) => {
      const error = resolveError({ ...validOptions, ...extra });

      expect(error.message).toMatch(/^Invalid PandiumEmbedModule options:/);
      expect(error.problems.length).toBeGreaterThan(0);
      for (const problem of error.problems) {
        expect(problem).toMatch(new RegExp(`^${option} `));
      }
    });

    it.each([
      [
        'a duplicate id',
        [
          { id: '1042', name: 'a', connectorName: 'c' },
          { id: '1042', name: 'b', connectorName: 'c' },
        ],
        /^integrations must not list the same integration id twice$/,
      ],
      [
        'a bad id',
        [{ id: '../1042', name: 'a', connectorName: 'c' }],
        /^integrations\.0\.id /,
      ],
      [
        'a missing name',
        [
          { id: '1', name: 'a', connectorName: 'c' },
          { id: '2', connectorName: 'c' },
        ],
        /^integrations\.1\.name /,
      ],
      ['not a list', 'gwt2hs', /^integrations /],
    ])('should name the integration entry with %s', (_case, list, pattern) => {
      const error = resolveError({ ...validOptions, integrations: list });

      expect(error.problems.length).toBeGreaterThan(0);
      expect(error.problems.every((problem) => pattern.test(problem))).toBe(
        true,
      );
    });

    it('should name an unknown key such as a misspelt sharedSecret', () => {
      const error = resolveError({ account: 'acme', sharedSecert: SECRET });

      expect(error.problems).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^sharedSecert .*should not exist/),
          expect.stringMatching(/^sharedSecret /),
        ]),
      );
      expect(error.message).not.toContain(SECRET);
    });

    it('should refuse options that are not an object', () => {
      expect(
        resolveError(null as unknown as Record<string, unknown>).message,
      ).toContain('must be an object');
    });
  });

  describe('with several problems', () => {
    it('should list all of them at once under one prefix', () => {
      const error = resolveError({
        account: 'a/b',
        environment: 'staging',
        baseUrl: 'http://evil.example',
        sharedSecret: '',
        tokenTtlSeconds: 0,
      });

      const lines = error.message.split('\n');
      expect(lines[0]).toBe('Invalid PandiumEmbedModule options:');
      expect(lines.slice(1).map((line) => line.split(' ')[3])).toEqual(
        expect.arrayContaining([
          'account',
          'environment',
          'baseUrl',
          'sharedSecret',
          'tokenTtlSeconds',
        ]),
      );
      expect(lines.slice(1).every((line) => line.startsWith('  - '))).toBe(
        true,
      );
      expect(error.problems).toHaveLength(lines.length - 1);
    });
  });

  describe('secret in messages', () => {
    it.each([
      ['beside other bad options', { account: 'a/b', tokenTtlSeconds: 0 }],
      ['when the secret is not a string', { sharedSecret: [SECRET] }],
      ['under a misspelt key', { sharedSecret: undefined, secret: SECRET }],
      ['pasted into account', { account: `${SECRET}/` }],
      ['pasted into baseUrl', { baseUrl: `http://${SECRET}.example` }],
      ['pasted into environment', { environment: SECRET }],
      ['pasted into maxTokenBytes', { maxTokenBytes: SECRET }],
      ['when it is short', { sharedSecret: SECRET.slice(0, 20) }],
      ['when it ends with a newline', { sharedSecret: `${SECRET}\n` }],
      ['when it starts with a space', { sharedSecret: ` ${SECRET}` }],
    ])('should never contain the secret’s value %s', (_case, extra) => {
      const error = resolveError({ ...validOptions, ...extra });

      expect(error.message).not.toContain(SECRET);
      expect(error.problems.join('\n')).not.toContain(SECRET);
      expect(inspect(error)).not.toContain(SECRET);
    });
  });
});

describe('validatePandiumEmbedExtras', () => {
  it('should accept strategies given as classes', () => {
    expect(() => validatePandiumEmbedExtras(validExtras)).not.toThrow();
  });

  it.each([
    ['useClass', { useClass: FakeClaimsProvider }],
    ['useExisting', { useExisting: 'HOST_CLAIMS' }],
    ['useExisting with a class token', { useExisting: FakeClaimsProvider }],
    ['useValue', { useValue: new FakeClaimsProvider() }],
  ])('should accept a strategy given with %s', (_case, claimsProvider) => {
    expect(() =>
      validatePandiumEmbedExtras({
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
        validatePandiumEmbedExtras({
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
      validatePandiumEmbedExtras({
        ...validExtras,
        controller: { guards: [guard] },
        imports: [dynamicModule],
      }),
    ).not.toThrow();
    expect(constructed).toBe(2);
  });

  it('should ignore the run-time options passed along with the extras by forRoot', () => {
    expect(() =>
      validatePandiumEmbedExtras({
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

  describe('controller', () => {
    it.each([
      ['false', false],
      ['an empty object', {}],
      [
        'full settings',
        { path: 'api/pandium/', guards: [], userProperty: 'account' },
      ],
      ['a leading slash', { path: '/v1/pandium' }],
    ])('should accept %s', (_case, controller) => {
      expect(() =>
        validatePandiumEmbedExtras({
          ...validExtras,
          controller,
        } as PandiumEmbedModuleExtras),
      ).not.toThrow();
    });

    it.each([
      ['with a space', 'pandium embed'],
      ['with a parameter', 'pandium/:id'],
      ['with a double slash', 'pandium//embed'],
      ['with a query', 'pandium?x=1'],
    ])('should refuse a path %s', (_case, path) => {
      const error = extrasError({ ...validExtras, controller: { path } });

      expect(error.problems).toEqual([
        expect.stringMatching(/^controller\.path must be a route path/),
      ]);
    });

    it('should refuse a long path with a stray character', () => {
      // A trailing space: an earlier pattern backtracked exponentially on this (seconds here, hours at 40 characters).
      const error = extrasError({
        ...validExtras,
        controller: { path: 'pandium-embed-integrations-v2 ' },
      });

      expect(error.problems).toEqual([
        expect.stringMatching(/^controller\.path /),
      ]);
    });

    it.each([
      ['true', true],
      ['a string', 'pandium'],
    ])('should refuse controller given as %s', (_case, controller) => {
      const error = extrasError({ ...validExtras, controller });

      expect(error.problems).toContain(
        'controller must be false or an object of controller settings',
      );
      for (const problem of error.problems) {
        expect(problem).toMatch(/^controller /);
      }
    });

    describe('rateLimit', () => {
      it.each<[string, PandiumRateLimitOptions | false]>([
        ['false', false],
        ['an empty object', {}],
        ['the smallest values', { limit: 1, windowSeconds: 1 }],
        ['a day-long window', { limit: 1000, windowSeconds: 86400 }],
        ['only a limit', { limit: 5 }],
      ])('should accept %s', (_case, rateLimit) => {
        expect(() =>
          validatePandiumEmbedExtras({
            ...validExtras,
            controller: { rateLimit },
          }),
        ).not.toThrow();
      });

      it.each([
        ['limit', '0', { limit: 0 }, 'must be at least 1'],
        ['limit', '-5', { limit: -5 }, 'must be at least 1'],
        ['limit', '1.5', { limit: 1.5 }, 'must be a whole number of requests'],
        [
          'limit',
          'the string "30"',
          { limit: '30' },
          'must be a whole number of requests',
        ],
        [
          'windowSeconds',
          '0',
          { windowSeconds: 0 },
          'must be at least 1 second',
        ],
        [
          'windowSeconds',
          '86401',
          { windowSeconds: 86401 },
          'must be at most 86400 seconds',
        ],
        [
          'windowSeconds',
          '2.5',
          { windowSeconds: 2.5 },
          'must be a whole number of seconds',
        ],
      ])(
        'should name controller.rateLimit.%s when it is %s',
        (field, _case, rateLimit, message) => {
          const error = extrasError({
            ...validExtras,
            controller: { rateLimit },
          });

          expect(error.problems).toContain(
            `controller.rateLimit.${field} ${message}`,
          );
          for (const problem of error.problems) {
            expect(problem).toMatch(
              new RegExp(`^controller\\.rateLimit\\.${field} `),
            );
          }
        },
      );

      it.each([
        ['true', true],
        ['a number', 30],
        ['a string', 'off'],
        ['a list', [30, 60]],
      ])('should refuse rateLimit given as %s', (_case, rateLimit) => {
        const error = extrasError({
          ...validExtras,
          controller: { rateLimit },
        });

        expect(error.problems).toContain(
          'controller.rateLimit must be false or { limit, windowSeconds }',
        );
        for (const problem of error.problems) {
          expect(problem).toMatch(/^controller\.rateLimit[ .]/);
        }
      });

      it('should name a misspelt key', () => {
        const error = extrasError({
          ...validExtras,
          controller: { rateLimit: { max: 10 } },
        });

        expect(error.problems).toEqual([
          expect.stringMatching(
            /^controller\.rateLimit\.max .*should not exist/,
          ),
        ]);
      });
    });

    it('should name guards and userProperty when they are malformed', () => {
      const error = extrasError({
        ...validExtras,
        controller: { guards: 'JwtAuthGuard', userProperty: '' },
      });

      expect(error.problems).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^controller\.guards /),
          expect.stringMatching(/^controller\.userProperty /),
        ]),
      );
    });
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
        validatePandiumEmbedExtras({ ...validExtras, rateLimitStore }),
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
        validatePandiumEmbedExtras({ ...validExtras, launchTicketStore }),
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

  describe('controller.launch', () => {
    it.each([
      ['false', false],
      ['an empty object', {}],
      ['redeemRateLimit: false', { redeemRateLimit: false }],
      [
        'a redemption limit',
        { redeemRateLimit: { limit: 1000, windowSeconds: 60 } },
      ],
    ])('should accept %s', (_case, launch) => {
      expect(() =>
        validatePandiumEmbedExtras({
          ...validExtras,
          controller: { launch },
        } as PandiumEmbedModuleExtras),
      ).not.toThrow();
    });

    it.each([
      ['true', true, 'controller.launch must be false or { redeemRateLimit }'],
      [
        'a redemption limit of 0',
        { redeemRateLimit: { limit: 0 } },
        'controller.launch.redeemRateLimit.limit must be at least 1',
      ],
    ])('should refuse %s', (_case, launch, problem) => {
      const error = extrasError({ ...validExtras, controller: { launch } });

      expect(error.problems).toContain(problem);
    });
  });

  describe('rateLimitKey', () => {
    it('should accept a function', () => {
      expect(() =>
        validatePandiumEmbedExtras({
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
});

describe('resolveControllerOptions', () => {
  const rateLimitKey = (user: unknown) => (user as { id: string }).id;

  it('should give no controller for false', () => {
    expect(
      resolveControllerOptions({ controller: false, rateLimitKey }),
    ).toBeUndefined();
  });

  it.each([
    ['no controller settings', undefined],
    ['an empty object', {}],
  ])('should apply the defaults for %s', (_case, controller) => {
    expect(resolveControllerOptions({ controller })).toEqual({
      path: 'pandium',
      guards: [],
      userProperty: 'user',
      rateLimit: { limit: 30, windowSeconds: 60 },
      rateLimitKey: undefined,
      launch: { redeemRateLimit: { limit: 300, windowSeconds: 60 } },
    });
  });

  it('should keep the given settings', () => {
    const guard = { canActivate: () => true };

    expect(
      resolveControllerOptions({
        controller: {
          path: 'api/embed',
          guards: [guard],
          userProperty: 'account',
          rateLimit: { limit: 5, windowSeconds: 10 },
          launch: { redeemRateLimit: { limit: 50 } },
        },
        rateLimitKey,
      }),
    ).toEqual({
      path: 'api/embed',
      guards: [guard],
      userProperty: 'account',
      rateLimit: { limit: 5, windowSeconds: 10 },
      rateLimitKey,
      launch: { redeemRateLimit: { limit: 50, windowSeconds: 60 } },
    });
  });

  describe('launch', () => {
    it('should leave the launch routes out for launch: false', () => {
      expect(
        resolveControllerOptions({ controller: { launch: false } })?.launch,
      ).toBeUndefined();
    });

    it('should turn the redemption limit off for redeemRateLimit: false, keeping the routes', () => {
      expect(
        resolveControllerOptions({
          controller: { launch: { redeemRateLimit: false } },
        })?.launch,
      ).toEqual({ redeemRateLimit: undefined });
    });
  });

  describe('rateLimit', () => {
    it('should be undefined when rateLimit is false', () => {
      const resolved = resolveControllerOptions({
        controller: { rateLimit: false },
      });

      expect(resolved).toBeDefined();
      expect(resolved?.rateLimit).toBeUndefined();
    });

    it.each([
      ['only a limit', { limit: 5 }, { limit: 5, windowSeconds: 60 }],
      [
        'only a window',
        { windowSeconds: 3600 },
        { limit: 30, windowSeconds: 3600 },
      ],
      ['an empty object', {}, { limit: 30, windowSeconds: 60 }],
    ])('should fill in the defaults for %s', (_case, rateLimit, expected) => {
      expect(
        resolveControllerOptions({ controller: { rateLimit } })?.rateLimit,
      ).toEqual(expected);
    });

    it('should pass the rateLimitKey function through unchanged', () => {
      expect(
        resolveControllerOptions({ controller: {}, rateLimitKey })
          ?.rateLimitKey,
      ).toBe(rateLimitKey);
    });
  });
});
