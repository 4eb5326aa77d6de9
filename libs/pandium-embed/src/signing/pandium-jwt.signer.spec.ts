import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { JwtModule, JwtService } from '@nestjs/jwt';
import { createHash, hkdfSync } from 'node:crypto';
import { inspect } from 'node:util';
import { verifyPandiumToken } from '../../../../test/support/pandium-token.verifier.js';
import type { PandiumClock } from '../core/pandium-clock.interface.js';
import type { PandiumUserClaims } from '../core/pandium-claims.interface.js';
import { jwtServiceProvider } from '../module/pandium-embed.providers.js';
import { resolvePandiumEmbedOptions } from '../options/pandium-embed-options.validator.js';
import {
  PANDIUM_CLOCK,
  PANDIUM_RESOLVED_OPTIONS,
} from '../pandium-embed.tokens.js';
import { PandiumTokenTooLargeError } from '../errors/pandium-token-too-large.error.js';
import { PandiumJwtSigner } from './pandium-jwt.signer.js';
import type { PandiumXtiBase } from './pandium-jwt.signer.js';

const SECRET = 'signer-spec-secret-0123456789-abcdefghij';
/** A non-whole second, so a rounding mistake in `iat` shows. */
const NOW_MS = 1_700_000_000_999;
const NOW_S = 1_700_000_000;
/** The default `clockSkewSeconds`. */
const SKEW_S = 5;
/** The first 8 hex characters of SHA-256(SECRET), as an operator would compute them with `sha256sum`. */
const SECRET_SHA256_HEX = createHash('sha256').update(SECRET).digest('hex');
const PANDIUM_HEADER_SEGMENT = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9';
const UUID_V4 =
  /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const fullClaims: PandiumUserClaims = {
  sub: 'test-pandium-com',
  ti: {
    udn: 'Pandium Test',
    ufn: 'Important Person',
    uem: 'test@pandium.com',
    ili: ['new-id', 'something-different'],
    aid: 'acct-7',
    adn: 'Acme Account',
    xti: { extraProp: 'extra value', extraList: ['val1', 'listVal'] },
  },
};

const minimalClaims: PandiumUserClaims = {
  sub: 'user-42',
  ti: { udn: 'Acme', ufn: 'Ada Lovelace', uem: 'ada@acme.test' },
};

const installXti: PandiumXtiBase = {
  connector_name: 'gwt',
  integration_name: 'gwt2hs',
  token: 'connector-token-1',
};

/** Reaches the protected `encode` so a payload can be signed exactly as given. */
class ExposedPandiumJwtSigner extends PandiumJwtSigner {
  encodeExactly(payload: object): string {
    return this.encode(payload);
  }
}

async function setup(
  options: Record<string, unknown> = {},
  clock: PandiumClock = { now: () => NOW_MS },
  signer: typeof PandiumJwtSigner = PandiumJwtSigner,
): Promise<PandiumJwtSigner> {
  const moduleRef = await Test.createTestingModule({
    providers: [
      { provide: PandiumJwtSigner, useClass: signer },
      {
        provide: PANDIUM_RESOLVED_OPTIONS,
        useValue: resolvePandiumEmbedOptions({
          account: 'acme',
          sharedSecret: SECRET,
          ...options,
        }),
      },
      { provide: PANDIUM_CLOCK, useValue: clock },
      jwtServiceProvider,
    ],
  }).compile();
  return moduleRef.get(PandiumJwtSigner);
}

/** Verifies with jose as Pandium would, at the fixed clock's time. */
function verify(token: string, secret = SECRET, currentMs = NOW_MS) {
  return verifyPandiumToken(token, secret, {
    currentDate: new Date(currentMs),
  });
}

describe('PandiumJwtSigner', () => {
  let log: jest.SpiedFunction<Logger['log']>;
  let warn: jest.SpiedFunction<Logger['warn']>;
  let others: jest.SpiedFunction<Logger['error']>[];

  beforeEach(() => {
    log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => {});
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => {});
    others = (['error', 'debug', 'verbose'] as const).map((method) =>
      jest.spyOn(Logger.prototype, method).mockImplementation(() => {}),
    );
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  /** Everything logged through Nest's Logger, as one string. */
  function everythingLogged(): string {
    return [log, warn, ...others]
      .flatMap((spy) => spy.mock.calls)
      .map((call) => inspect(call, { depth: 10 }))
      .join('\n');
  }

  describe('sign', () => {
    describe('header', () => {
      it('should start every token with the exact header segment Pandium documents', async () => {
        const signer = await setup();
        const { token } = signer.sign(fullClaims, installXti);

        const verified = await verify(token);

        expect(verified.rawHeader).toBe(PANDIUM_HEADER_SEGMENT);
        expect(token.split('.')[0]).toBe(PANDIUM_HEADER_SEGMENT);
        expect(
          Buffer.from(verified.rawHeader, 'base64url').toString('utf8'),
        ).toBe('{"alg":"HS256","typ":"JWT"}');
        expect(verified.header).toEqual({ alg: 'HS256', typ: 'JWT' });
      });
    });

    describe('claims', () => {
      it('should sign the full claim set in the order of Pandium’s example', async () => {
        const signer = await setup();
        const signed = signer.sign(fullClaims, installXti);

        const { payload } = await verify(signed.token);

        expect(payload).toEqual({
          iat: NOW_S - SKEW_S,
          exp: NOW_S + 300,
          jti: signed.jti,
          ti: {
            udn: 'Pandium Test',
            ufn: 'Important Person',
            uem: 'test@pandium.com',
            ili: ['new-id', 'something-different'],
            aid: 'acct-7',
            adn: 'Acme Account',
            xti: {
              extraProp: 'extra value',
              extraList: ['val1', 'listVal'],
              connector_name: 'gwt',
              integration_name: 'gwt2hs',
              token: 'connector-token-1',
            },
          },
          sub: 'test-pandium-com',
        });
        expect(Object.keys(payload)).toEqual([
          'iat',
          'exp',
          'jti',
          'ti',
          'sub',
        ]);
        expect(Object.keys(payload.ti as object)).toEqual([
          'udn',
          'ufn',
          'uem',
          'ili',
          'aid',
          'adn',
          'xti',
        ]);
      });

      it('should default ili to [], aid and adn to empty strings when the claims omit them', async () => {
        const signer = await setup();
        const { token } = signer.sign(minimalClaims, installXti);

        const { payload } = await verify(token);

        expect(payload.ti).toEqual({
          udn: 'Acme',
          ufn: 'Ada Lovelace',
          uem: 'ada@acme.test',
          ili: [],
          aid: '',
          adn: '',
          xti: {
            connector_name: 'gwt',
            integration_name: 'gwt2hs',
            token: 'connector-token-1',
          },
        });
        expect(payload.sub).toBe('user-42');
      });

      it('should keep the xti extras and write the library’s entries after them', async () => {
        const signer = await setup();
        const { token } = signer.sign(fullClaims, installXti);

        const { payload } = await verify(token);
        const xti = (payload.ti as { xti: Record<string, unknown> }).xti;

        expect(Object.keys(xti)).toEqual([
          'extraProp',
          'extraList',
          'connector_name',
          'integration_name',
          'token',
        ]);
      });

      it('should let the library’s connector_name, integration_name and token win over same-named extras', async () => {
        const signer = await setup();
        const claims: PandiumUserClaims = {
          ...minimalClaims,
          ti: {
            ...minimalClaims.ti,
            xti: {
              connector_name: 'forged-connector',
              integration_name: 'forged-integration',
              token: 'forged-token',
            },
          },
        };
        const { token } = signer.sign(claims, installXti);

        const { payload } = await verify(token);

        expect((payload.ti as { xti: unknown }).xti).toEqual({
          connector_name: 'gwt',
          integration_name: 'gwt2hs',
          token: 'connector-token-1',
        });
      });

      it('should write only the token in xti for the marketplace', async () => {
        const signer = await setup();
        const { token } = signer.sign(minimalClaims, { token: 'market-tok' });

        const { payload } = await verify(token);

        expect((payload.ti as { xti: unknown }).xti).toEqual({
          token: 'market-tok',
        });
      });
    });

    describe('times', () => {
      it('should back-date iat by 5 seconds and set exp to now + 300 by default', async () => {
        const signer = await setup();
        const signed = signer.sign(minimalClaims, installXti);

        const { payload } = await verify(signed.token);

        expect(payload.iat).toBe(1_699_999_995);
        expect(payload.exp).toBe(1_700_000_300);
        expect(signed.issuedAt).toBe(payload.iat);
        expect(signed.expiresAt).toBe(payload.exp);
        expect(signed.expiresIn).toBe(300);
      });

      it.each([
        ['x.000', NOW_S * 1000],
        ['x.001', NOW_S * 1000 + 1],
        ['x.999', NOW_S * 1000 + 999],
      ])(
        'should use the clock’s whole seconds when it reads %s s',
        async (_case, nowMs) => {
          const signer = await setup({}, { now: () => nowMs });
          const signed = signer.sign(minimalClaims, installXti);

          const { payload } = await verify(signed.token, SECRET, nowMs);

          expect(payload.iat).toBe(NOW_S - SKEW_S);
          expect(payload.exp).toBe(NOW_S + 300);
        },
      );

      it('should not back-date iat with a clock skew of 0', async () => {
        const signer = await setup({ clockSkewSeconds: 0 });
        const signed = signer.sign(minimalClaims, installXti);

        const { payload } = await verify(signed.token);

        expect(payload.iat).toBe(NOW_S);
        expect(payload.exp).toBe(NOW_S + 300);
        expect(signed.issuedAt).toBe(NOW_S);
      });

      it('should back-date iat by 300 seconds with the largest skew, leaving exp where it was', async () => {
        const signer = await setup({ clockSkewSeconds: 300 });
        const signed = signer.sign(minimalClaims, installXti);

        const { payload } = await verify(signed.token);

        expect(payload.iat).toBe(NOW_S - 300);
        expect(payload.exp).toBe(NOW_S + 300);
        expect(signed.expiresIn).toBe(300);
      });

      it('should count exp from the signing time, not from the back-dated iat', async () => {
        const signer = await setup({
          tokenTtlSeconds: 3600,
          clockSkewSeconds: 300,
        });
        const signed = signer.sign(minimalClaims, installXti);

        const { payload } = await verify(signed.token);

        expect(payload.iat).toBe(NOW_S - 300);
        expect(payload.exp).toBe(NOW_S + 3600);
        expect(signed.expiresAt - signed.issuedAt).toBe(3900);
        expect(signed.expiresIn).toBe(3600);
      });

      it.each([1, 45, 3600])(
        'should set exp to now + %i and expiresIn to the TTL',
        async (tokenTtlSeconds) => {
          const signer = await setup({ tokenTtlSeconds });
          const signed = signer.sign(minimalClaims, installXti);

          const { payload } = await verify(signed.token);

          expect(payload.iat).toBe(NOW_S - SKEW_S);
          expect(payload.exp).toBe(NOW_S + tokenTtlSeconds);
          expect(signed.expiresAt).toBe(NOW_S + tokenTtlSeconds);
          expect(signed.expiresIn).toBe(tokenTtlSeconds);
        },
      );

      it('should give a 1-second token that verifies at the signing time and is rejected one second later', async () => {
        const signer = await setup({ tokenTtlSeconds: 1 });
        const { token } = signer.sign(minimalClaims, installXti);

        await expect(verify(token, SECRET, NOW_MS)).resolves.toBeDefined();
        await expect(verify(token, SECRET, (NOW_S + 1) * 1000)).rejects.toThrow(
          /exp/,
        );
      });

      it('should read the clock for every token', async () => {
        let now = NOW_MS;
        const signer = await setup({}, { now: () => now });
        const first = signer.sign(minimalClaims, installXti);
        now += 61_000;
        const second = signer.sign(minimalClaims, installXti);

        expect((await verify(first.token)).payload.iat).toBe(NOW_S - SKEW_S);
        expect((await verify(second.token, SECRET, now)).payload.iat).toBe(
          NOW_S + 61 - SKEW_S,
        );
        expect(second.expiresAt).toBe(NOW_S + 61 + 300);
      });

      it('should make tokens that an independent verifier accepts at the signing time, iat being in the past', async () => {
        const signer = await setup();
        const { token } = signer.sign(minimalClaims, installXti);

        const { payload } = await verify(token, SECRET, NOW_MS);

        expect(payload.iat).toBeLessThan(Math.floor(NOW_MS / 1000));
      });

      it('should make tokens that an independent verifier rejects once exp is reached', async () => {
        const signer = await setup({ tokenTtlSeconds: 60 });
        const { token, expiresAt } = signer.sign(minimalClaims, installXti);

        await expect(
          verify(token, SECRET, expiresAt * 1000 - 1),
        ).resolves.toBeDefined();
        await expect(verify(token, SECRET, expiresAt * 1000)).rejects.toThrow(
          /exp/,
        );
        expect(expiresAt).toBe(NOW_S + 60);
      });
    });

    describe('size budget', () => {
      /** Claims whose token size grows with the connector token's length. */
      const xtiWithToken = (length: number): PandiumXtiBase => ({
        ...installXti,
        token: 'T'.repeat(length),
      });

      /** The size of the token these claims give with the fixed clock (a UUID jti is always 36 characters). */
      async function tokenSize(xti: PandiumXtiBase): Promise<number> {
        const signer = await setup({ maxTokenBytes: 65536 });
        return signer.sign(fullClaims, xti).token.length;
      }

      it('should refuse a token over maxTokenBytes, giving its size and the budget but not the token', async () => {
        const xti = xtiWithToken(900);
        const size = await tokenSize(xti);
        const signer = await setup({ maxTokenBytes: 1024 });

        let thrown: unknown;
        try {
          signer.sign(fullClaims, xti);
        } catch (error) {
          thrown = error;
        }

        expect(size).toBeGreaterThan(1024);
        expect(thrown).toBeInstanceOf(PandiumTokenTooLargeError);
        const { message } = thrown as PandiumTokenTooLargeError;
        expect(message).toContain(`${size} bytes`);
        expect(message).toContain('maxTokenBytes (1024)');
        expect(message).not.toContain(xti.token);
        expect(message).not.toContain(PANDIUM_HEADER_SEGMENT);
        expect(inspect(thrown)).not.toContain(xti.token);
      });

      it('should accept a token exactly at the budget and refuse it one byte under', async () => {
        const xti = xtiWithToken(900);
        const size = await tokenSize(xti);

        const atBudget = await setup({ maxTokenBytes: size });
        const oneUnder = await setup({ maxTokenBytes: size - 1 });

        const signed = atBudget.sign(fullClaims, xti);
        expect(signed.token).toHaveLength(size);
        await expect(verify(signed.token)).resolves.toBeDefined();
        expect(() => oneUnder.sign(fullClaims, xti)).toThrow(
          PandiumTokenTooLargeError,
        );
      });

      it('should refuse a token over the default 6144 bytes', async () => {
        const xti = xtiWithToken(4096);
        const claims: PandiumUserClaims = {
          ...fullClaims,
          ti: { ...fullClaims.ti, xti: { note: 'n'.repeat(1500) } },
        };
        const signer = await setup();

        expect(() => signer.sign(claims, xti)).toThrow(
          /over maxTokenBytes \(6144\)/,
        );
      });

      it('should sign an ordinary token under the default budget', async () => {
        const signer = await setup();

        expect(signer.sign(fullClaims, installXti).token.length).toBeLessThan(
          6144,
        );
      });
    });

    describe('jti', () => {
      it('should give each token a UUID v4 jti, different across 1000 signatures', async () => {
        const signer = await setup();
        const jtis = new Set<string>();

        for (let i = 0; i < 1000; i += 1) {
          const signed = signer.sign(minimalClaims, installXti);
          const { payload } = await verify(signed.token);
          expect(payload.jti).toBe(signed.jti);
          expect(signed.jti).toMatch(UUID_V4);
          jtis.add(signed.jti);
        }

        expect(jtis.size).toBe(1000);
      });
    });

    describe('signature', () => {
      it('should sign with the configured shared secret only', async () => {
        const signer = await setup();
        const { token } = signer.sign(fullClaims, installXti);

        await expect(verify(token)).resolves.toBeDefined();
        await expect(verify(token, `${SECRET}-other`)).rejects.toThrow(
          /signature/,
        );
        await expect(verify(token, 'your-256-bit-secret')).rejects.toThrow(
          /signature/,
        );
      });
    });
  });

  describe('deriveKey', () => {
    it('should derive HKDF-SHA256 of the secret with the purpose as info, never the secret itself', async () => {
      const signer = await setup();

      const key = signer.deriveKey('some purpose');

      expect(key.type).toBe('secret');
      expect(
        key
          .export()
          .equals(
            Buffer.from(
              hkdfSync('sha256', SECRET, Buffer.alloc(0), 'some purpose', 32),
            ),
          ),
      ).toBe(true);
      expect(key.export().equals(Buffer.from(SECRET))).toBe(false);
    });

    it('should derive the same key for the same secret and purpose, another for another purpose or secret', async () => {
      const signer = await setup();
      const other = await setup({ sharedSecret: `${SECRET}-other` });
      const bytes = (key: { export(): Buffer }) => key.export().toString('hex');

      expect(bytes(signer.deriveKey('a'))).toBe(
        bytes((await setup()).deriveKey('a')),
      );
      expect(bytes(signer.deriveKey('a'))).not.toBe(
        bytes(signer.deriveKey('b')),
      );
      expect(bytes(signer.deriveKey('a'))).not.toBe(
        bytes(other.deriveKey('a')),
      );
    });
  });

  describe('encode', () => {
    it('should reproduce Pandium’s complete example token byte for byte', async () => {
      // Pandium's example secret is 19 bytes: accepted only because allowShortSecret is set.
      const signer = (await setup(
        { sharedSecret: 'your-256-bit-secret', allowShortSecret: true },
        undefined,
        ExposedPandiumJwtSigner,
      )) as ExposedPandiumJwtSigner;
      const payload = JSON.parse(
        '{"sub":"1234567890","name":"John Doe","iat":1516239022}',
      ) as object;

      const token = signer.encodeExactly(payload);

      expect(token).toBe(
        'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
      );
      const verified = await verifyPandiumToken(token, 'your-256-bit-secret', {
        currentDate: new Date(1516239022 * 1000),
      });
      expect(verified.payload).toEqual({
        sub: '1234567890',
        name: 'John Doe',
        iat: 1516239022,
      });
    });
  });

  describe('through @nestjs/jwt', () => {
    it("should sign through the module's JwtService, passing the secret's KeyObject with the call", async () => {
      const sign = jest.spyOn(JwtService.prototype, 'sign');
      const signer = await setup();

      const { token } = signer.sign(minimalClaims, installXti);

      expect(sign).toHaveBeenCalledTimes(1);
      expect(sign.mock.results[0].value).toBe(token);
      const [payload, options] = sign.mock.calls[0] as [
        unknown,
        { privateKey?: { type?: string }; algorithm?: string },
      ];
      expect(Buffer.isBuffer(payload)).toBe(true);
      expect(options.algorithm).toBe('HS256');
      expect(options.privateKey?.type).toBe('secret');
      await expect(verify(token)).resolves.toBeDefined();
    });

    it('should sign exactly the payload given, adding no claim: no iat where there is none, an iat of 0 kept', async () => {
      const signer = (await setup(
        {},
        undefined,
        ExposedPandiumJwtSigner,
      )) as ExposedPandiumJwtSigner;
      const payloadOf = (token: string) =>
        Buffer.from(token.split('.')[1], 'base64url').toString('utf8');

      expect(payloadOf(signer.encodeExactly({ sub: 'a' }))).toBe('{"sub":"a"}');
      expect(payloadOf(signer.encodeExactly({ iat: 0, sub: 'a' }))).toBe(
        '{"iat":0,"sub":"a"}',
      );
    });

    it('should sign an iat of 0 as 0, when the clock reads exactly the skew', async () => {
      const signer = await setup({}, { now: () => SKEW_S * 1000 });

      const signed = signer.sign(minimalClaims, installXti);

      const { payload } = await verify(signed.token, SECRET, SKEW_S * 1000);
      expect(payload.iat).toBe(0);
      expect(signed.issuedAt).toBe(0);
    });

    it("should keep a host app's global JwtModule options (its secret, expiresIn, issuer) out of the token", async () => {
      const moduleRef = await Test.createTestingModule({
        imports: [
          JwtModule.register({
            global: true,
            secret: 'host-app-jwt-secret-0123456789-abcdefgh',
            signOptions: { expiresIn: 60, issuer: 'host-app', audience: 'x' },
          }),
        ],
        providers: [
          PandiumJwtSigner,
          {
            provide: PANDIUM_RESOLVED_OPTIONS,
            useValue: resolvePandiumEmbedOptions({
              account: 'acme',
              sharedSecret: SECRET,
            }),
          },
          { provide: PANDIUM_CLOCK, useValue: { now: () => NOW_MS } },
          jwtServiceProvider,
        ],
      }).compile();
      const signed = moduleRef
        .get(PandiumJwtSigner)
        .sign(minimalClaims, installXti);

      const { payload } = await verify(signed.token);

      expect(Object.keys(payload)).toEqual(['iat', 'exp', 'jti', 'ti', 'sub']);
      expect(payload.exp).toBe(NOW_S + 300);
    });
  });

  describe('boot logging', () => {
    it('should log the first 8 hex characters of the secret’s SHA-256, once, from its own logger', async () => {
      await setup();

      const fingerprintLines = log.mock.calls.filter(([message]) =>
        String(message).includes('SHA-256'),
      );
      expect(fingerprintLines).toHaveLength(1);
      const [message] = fingerprintLines[0];
      expect(message).toMatch(
        new RegExp(`\\b${SECRET_SHA256_HEX.slice(0, 8)}\\b`),
      );
      expect(message).not.toContain(SECRET_SHA256_HEX.slice(0, 9));
      const logger =
        log.mock.contexts[log.mock.calls.indexOf(fingerprintLines[0])];
      expect((logger as { context?: string }).context).toBe('PandiumJwtSigner');
    });

    it('should give different fingerprints for different secrets', async () => {
      await setup();
      await setup({ sharedSecret: `${SECRET}-rotated` });

      const fingerprints = log.mock.calls
        .map(([message]) => /\b([0-9a-f]{8})\b/.exec(String(message))?.[1])
        .filter((value) => value !== undefined);
      expect(fingerprints).toHaveLength(2);
      expect(fingerprints[0]).not.toBe(fingerprints[1]);
    });

    it('should never log the secret while booting and signing', async () => {
      const signer = await setup();
      signer.sign(fullClaims, installXti);

      const logged = everythingLogged();
      expect(logged).not.toContain(SECRET);
      expect(logged).not.toContain(Buffer.from(SECRET).toString('base64'));
      expect(logged).not.toContain(Buffer.from(SECRET).toString('hex'));
      expect(warn).not.toHaveBeenCalled();
    });

    it('should warn about a 16-byte secret accepted with allowShortSecret, without showing it', async () => {
      const shortSecret = 'SHORT-S3CRET-16b';
      await setup({ sharedSecret: shortSecret, allowShortSecret: true });

      expect(warn).toHaveBeenCalledTimes(1);
      const [message] = warn.mock.calls[0];
      expect(message).toContain('16 bytes');
      expect(message).toContain('allowShortSecret');
      const logged = everythingLogged();
      expect(logged).not.toContain(shortSecret);
      expect(log).toHaveBeenCalledWith(
        expect.stringContaining(
          createHash('sha256').update(shortSecret).digest('hex').slice(0, 8),
        ),
      );
    });

    it('should measure the secret in UTF-8 bytes, not characters', async () => {
      // 8 two-byte characters: 16 bytes, short; 16 of them: 32 bytes, long enough.
      await setup({ sharedSecret: 'é'.repeat(8), allowShortSecret: true });
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0][0]).toContain('16 bytes');

      warn.mockClear();
      await setup({ sharedSecret: 'é'.repeat(16) });
      expect(warn).not.toHaveBeenCalled();
    });

    it('should not warn when allowShortSecret is set but the secret is long enough', async () => {
      await setup({ allowShortSecret: true });

      expect(warn).not.toHaveBeenCalled();
    });
  });

  describe('secret handling', () => {
    it('should not expose the secret through JSON.stringify or util.inspect', async () => {
      const signer = await setup();
      const { token } = signer.sign(minimalClaims, installXti);
      await verify(token);
      const encodings = [
        SECRET,
        Buffer.from(SECRET).toString('base64'),
        Buffer.from(SECRET).toString('base64url'),
        Buffer.from(SECRET).toString('hex'),
      ];

      const serialised = JSON.stringify(signer);
      const inspected = inspect(signer, { depth: 10 });
      const inspectedHidden = inspect(signer, { depth: 10, showHidden: true });

      for (const encoding of encodings) {
        expect(serialised).not.toContain(encoding);
        expect(inspected).not.toContain(encoding);
        expect(inspectedHidden).not.toContain(encoding);
      }
    });
  });
});
