import { Test } from '@nestjs/testing';
import { inspect } from 'node:util';
import { verifyPandiumToken } from '../../../test/support/pandium-token.verifier.js';
import type { PandiumClock, PandiumUserClaims } from './interfaces/index.js';
import { resolvePandiumEmbedOptions } from './pandium-embed-options.validator.js';
import {
  PANDIUM_CLOCK,
  PANDIUM_RESOLVED_OPTIONS,
} from './pandium-embed.constants.js';
import { PandiumJwtSigner } from './pandium-jwt.signer.js';
import type { PandiumXtiBase } from './pandium-jwt.signer.js';

const SECRET = 'signer-spec-secret-0123456789-abcdefghij';
/** A non-whole second, so a rounding mistake in `iat` shows. */
const NOW_MS = 1_700_000_000_999;
const NOW_S = 1_700_000_000;
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
          iat: NOW_S,
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
      it('should set iat to the clock’s whole seconds and exp to iat + 300 by default', async () => {
        const signer = await setup();
        const signed = signer.sign(minimalClaims, installXti);

        const { payload } = await verify(signed.token);

        expect(payload.iat).toBe(1_700_000_000);
        expect(payload.exp).toBe(1_700_000_300);
        expect(signed.issuedAt).toBe(payload.iat);
        expect(signed.expiresAt).toBe(payload.exp);
      });

      it('should set exp to iat + tokenTtlSeconds when a TTL is configured', async () => {
        const signer = await setup({ tokenTtlSeconds: 45 });
        const signed = signer.sign(minimalClaims, installXti);

        const { payload } = await verify(signed.token);

        expect(payload.iat).toBe(NOW_S);
        expect(payload.exp).toBe(NOW_S + 45);
        expect(signed.expiresAt - signed.issuedAt).toBe(45);
      });

      it('should read the clock for every token', async () => {
        let now = NOW_MS;
        const signer = await setup({}, { now: () => now });
        const first = signer.sign(minimalClaims, installXti);
        now += 61_000;
        const second = signer.sign(minimalClaims, installXti);

        expect((await verify(first.token)).payload.iat).toBe(NOW_S);
        expect((await verify(second.token, SECRET, now)).payload.iat).toBe(
          NOW_S + 61,
        );
      });

      it('should make tokens that an independent verifier rejects once exp is reached', async () => {
        const signer = await setup({ tokenTtlSeconds: 60 });
        const { token } = signer.sign(minimalClaims, installXti);

        await expect(
          verify(token, SECRET, (NOW_S + 59) * 1000),
        ).resolves.toBeDefined();
        await expect(
          verify(token, SECRET, (NOW_S + 60) * 1000),
        ).rejects.toThrow(/exp/);
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

  describe('encode', () => {
    it('should reproduce Pandium’s complete example token byte for byte', async () => {
      const signer = (await setup(
        { sharedSecret: 'your-256-bit-secret' },
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
