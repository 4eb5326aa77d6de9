import { Injectable } from '@nestjs/common';
import { inspect } from 'node:util';
import type {
  ClaimsProvider,
  PandiumEmbedModuleExtras,
  TokenProvider,
} from './interfaces/index.js';
import {
  resolveControllerOptions,
  resolvePandiumEmbedOptions,
  validatePandiumEmbedExtras,
} from './pandium-embed-options.validator.js';
import { PandiumOptionsError } from './pandium-embed.exceptions.js';

const SECRET = 'RECOGNISABLE-S3CRET-value-for-the-options-spec';

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
    it('should apply the defaults: sandbox and a 300-second TTL', () => {
      const resolved = resolvePandiumEmbedOptions(validOptions);

      expect(resolved).toEqual({
        account: 'acme',
        environment: 'sandbox',
        baseUrl: undefined,
        tokenTtlSeconds: 300,
        integrations: undefined,
      });
    });

    it('should keep every value that was given', () => {
      const resolved = resolvePandiumEmbedOptions({
        account: 'acme.corp_eu-1',
        environment: 'production',
        baseUrl: 'https://imp.pandium.io/prefix',
        sharedSecret: SECRET,
        tokenTtlSeconds: 3600,
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
        tokenTtlSeconds: 3600,
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

  it('should name isGlobal when it is not a boolean', () => {
    const error = extrasError({ ...validExtras, isGlobal: 'yes' });

    expect(error.problems).toEqual(['isGlobal must be true or false']);
  });
});

describe('resolveControllerOptions', () => {
  it('should give no controller for false', () => {
    expect(resolveControllerOptions(false)).toBeUndefined();
  });

  it.each([
    ['undefined', undefined],
    ['an empty object', {}],
  ])('should apply the defaults for %s', (_case, controller) => {
    expect(resolveControllerOptions(controller)).toEqual({
      path: 'pandium',
      guards: [],
      userProperty: 'user',
    });
  });

  it('should keep the given settings', () => {
    const guard = { canActivate: () => true };

    expect(
      resolveControllerOptions({
        path: 'api/embed',
        guards: [guard],
        userProperty: 'account',
      }),
    ).toEqual({ path: 'api/embed', guards: [guard], userProperty: 'account' });
  });
});
