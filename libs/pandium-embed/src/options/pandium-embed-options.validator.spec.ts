import { ConsoleLogger } from '@nestjs/common';
import { jest } from '@jest/globals';
import { inspect } from 'node:util';
import { resolvePandiumEmbedOptions } from './pandium-embed-options.validator.js';
import { PandiumSecret } from './pandium.secret.js';
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
        sharedSecret: expect.any(PandiumSecret),
        apiKey: undefined,
        apiBaseUrl: 'https://api.sandbox.pandium.com',
        statusCacheTtlSeconds: 30,
        webhookSecrets: [],
      });
      expect(resolved.sharedSecret.reveal()).toBe(SECRET);
    });

    it('should take the production API host in production, and keep an API key as a PandiumSecret', () => {
      const resolved = resolvePandiumEmbedOptions({
        ...validOptions,
        environment: 'production',
        apiKey: 'key-123',
      });

      expect(resolved.apiBaseUrl).toBe('https://api.pandium.io');
      expect(resolved.apiKey).toBeInstanceOf(PandiumSecret);
      expect(resolved.apiKey?.reveal()).toBe('key-123');
      expect(JSON.stringify(resolved)).not.toContain('key-123');
    });

    it('should refuse an API key with white space, a bad apiBaseUrl and a status TTL out of range, naming each', () => {
      const error = resolveError({
        ...validOptions,
        apiKey: 'key-123\n',
        apiBaseUrl: 'ftp://example.com',
        statusCacheTtlSeconds: 0,
      });

      expect(error.message).toMatch(/apiKey must not contain white space/);
      expect(error.message).toMatch(/apiBaseUrl/);
      expect(error.message).toMatch(/statusCacheTtlSeconds/);
      expect(error.message).not.toContain('key-123');
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
        apiBaseUrl: 'http://localhost:4010',
        statusCacheTtlSeconds: 3600,
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
        sharedSecret: expect.any(PandiumSecret),
        apiKey: undefined,
        apiBaseUrl: 'http://localhost:4010',
        statusCacheTtlSeconds: 3600,
        webhookSecrets: [],
      });
      expect(resolved.sharedSecret.reveal()).toBe(SECRET);
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
    it('should read it', () => {
      const options = { account: 'acme' };
      Object.defineProperty(options, 'sharedSecret', {
        value: SECRET,
        enumerable: false,
      });

      const resolved = resolvePandiumEmbedOptions(options);

      expect(resolved.sharedSecret.reveal()).toBe(SECRET);
    });
  });

  describe('sharedSecret given as a PandiumSecret', () => {
    it('should check and keep the secret inside', () => {
      const secret = PandiumSecret.from(SECRET);

      const resolved = resolvePandiumEmbedOptions({
        ...validOptions,
        sharedSecret: secret,
      });

      expect(resolved.sharedSecret).toBe(secret);
    });

    it('should refuse a short one like a short string, without its value', () => {
      const error = resolveError({
        ...validOptions,
        sharedSecret: PandiumSecret.from(SHORT_SECRET),
      });

      expect(error.problems).toEqual([
        expect.stringMatching(/^sharedSecret must be at least 32 bytes/),
      ]);
      expect(error.message).not.toContain(SHORT_SECRET);
    });
  });

  describe('sharedSecret on the resolved object', () => {
    it('should be a PandiumSecret that survives spreading and Object.assign', () => {
      const resolved = resolvePandiumEmbedOptions(validOptions);

      expect(resolved.sharedSecret).toBeInstanceOf(PandiumSecret);
      expect({ ...resolved }.sharedSecret.reveal()).toBe(SECRET);
      expect(Object.assign({}, resolved).sharedSecret.reveal()).toBe(SECRET);
    });

    it('should never show the secret when the options are serialised, inspected or printed', () => {
      const resolved = resolvePandiumEmbedOptions(validOptions);

      for (const shown of [
        JSON.stringify(resolved),
        JSON.stringify({ pandium: { ...resolved } }),
        inspect(resolved, { depth: 10 }),
        // eslint-disable-next-line @typescript-eslint/restrict-template-expressions -- what a careless log line does
        `secret: ${resolved.sharedSecret}`,
        String(resolved.sharedSecret),
        'secret: ' + (resolved.sharedSecret as unknown as string),
      ]) {
        expect(shown).not.toContain(SECRET);
        expect(shown).toContain('[redacted]');
      }
    });

    it('should never show the secret in a Nest Logger line of the options', () => {
      const written: string[] = [];
      const write = jest
        .spyOn(process.stdout, 'write')
        .mockImplementation((chunk: string | Uint8Array) => {
          written.push(String(chunk));
          return true;
        });
      try {
        const logger = new ConsoleLogger('OptionsSpec', { colors: false });
        const resolved = resolvePandiumEmbedOptions(validOptions);

        logger.log(resolved);
        logger.log(`options: ${JSON.stringify(resolved)}`);
        new ConsoleLogger('OptionsSpec', { json: true }).log(resolved);
      } finally {
        write.mockRestore();
      }

      expect(written.join('')).toContain('[redacted]');
      expect(written.join('')).not.toContain(SECRET);
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

      expect(resolved.sharedSecret.reveal()).toBe(SHORT_SECRET);
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
      // Invisible when pasted, and not white space to String.prototype.trim (but U+FEFF).
      ['a trailing zero-width space (U+200B)', `${SECRET}\u200B`],
      ['a leading zero-width non-joiner (U+200C)', `\u200C${SECRET}`],
      ['a trailing zero-width joiner (U+200D)', `${SECRET}\u200D`],
      ['a trailing word joiner (U+2060)', `${SECRET}\u2060`],
      ['a leading byte-order mark (U+FEFF)', `\uFEFF${SECRET}`],
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

  describe('with webhookSecret', () => {
    const NEW = 'N'.repeat(32);
    const OLD = 'o'.repeat(100);

    it('should give one secret, or both of a rotation, as PandiumSecrets', () => {
      const one = resolvePandiumEmbedOptions({
        ...validOptions,
        webhookSecret: NEW,
      });
      const two = resolvePandiumEmbedOptions({
        ...validOptions,
        webhookSecret: [NEW, PandiumSecret.from(OLD)],
      });

      expect(one.webhookSecrets.map((secret) => secret.reveal())).toEqual([
        NEW,
      ]);
      expect(two.webhookSecrets.map((secret) => secret.reveal())).toEqual([
        NEW,
        OLD,
      ]);
      expect(JSON.stringify(two)).not.toContain(NEW);
    });

    it.each([
      ['31 characters', 'x'.repeat(31)],
      ['101 characters', 'x'.repeat(101)],
      ['a character that is not URL-safe', `${'x'.repeat(32)}/`],
      ['three secrets', [NEW, OLD, `${NEW}x`]],
      ['no secret', []],
      ['the same secret twice', [NEW, NEW]],
      ['a number', 12],
    ])('should refuse %s, never showing a secret', (_, webhookSecret) => {
      expect(() =>
        resolvePandiumEmbedOptions({ ...validOptions, webhookSecret }),
      ).toThrow(/webhookSecret must/);
      try {
        resolvePandiumEmbedOptions({ ...validOptions, webhookSecret });
      } catch (error) {
        expect((error as Error).message).not.toContain('xxxxxxxx');
        expect((error as Error).message).not.toContain(NEW);
      }
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
