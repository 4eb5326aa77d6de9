import { jest, describe, it, expect, beforeAll } from '@jest/globals';
import { JwtService } from '@nestjs/jwt';
import { Logger } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import type { PandiumEmbedModuleOptions } from '../options/pandium-embed-module-options.interface.js';
import { resolvePandiumEmbedOptions } from '../options/pandium-embed-options.validator.js';
import { PandiumEmbedError } from '../errors/pandium-embed.error.js';
import { PandiumJwtSigner } from '../signing/pandium-jwt.signer.js';
import { formatPandiumDiagnosis } from './pandium-diagnosis.formatter.js';
import type { PandiumTokenDiagnosisOptions } from './pandium-token-diagnosis-options.interface.js';
import type {
  PandiumTokenDiagnosis,
  PandiumTokenProblem,
} from './pandium-token-diagnosis.interface.js';
import { diagnosePandiumToken } from './pandium-token.diagnosis.js';

const SECRET = 'diagnosis-spec-secret-0123456789-abcdefghij';
const OTHER_SECRET = 'another-secret-that-is-not-the-signers-one';
const CONNECTOR_TOKEN = 'conn-token-SENSITIVE-4f9a2b';
const HEADER = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9';
const NOW_S = 1_900_000_000;
const NOW_MS = NOW_S * 1000 + 250;
const JTI = '1cfa7dbf-8110-4237-ad22-410608791b7d';
const BASE = 'https://imp.sandbox.pandium.com';

// The specs build deliberately broken payloads (a string where an object belongs, fields deleted).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type LoosePayload = Record<string, any>;

/** Pandium's reference payload (its missing comma restored), with an `exp` and a connector token. */
function referencePayload(): LoosePayload {
  return {
    iat: NOW_S - 5,
    exp: NOW_S + 300,
    jti: JTI,
    ti: {
      udn: 'Pandium Test',
      ufn: 'Important Person',
      uem: 'test@pandium.com',
      ili: ['new-id', 'something-different'],
      aid: '',
      adn: '',
      xti: {
        extraProp: 'extra value',
        extraList: ['val1', 'listVal'],
        connector_name: 'gwt',
        integration_name: 'gwt2hs',
        token: CONNECTOR_TOKEN,
      },
    },
    sub: 'test-pandium-com',
  };
}

function b64(text: string): string {
  return Buffer.from(text).toString('base64url');
}

/** Signs with node:crypto, exactly as given: a header's JSON text, or Pandium's header segment. */
function sign(
  payload: object | string,
  {
    secret = SECRET,
    headerText,
  }: { secret?: string; headerText?: string } = {},
): string {
  const header = headerText === undefined ? HEADER : b64(headerText);
  const body = b64(
    typeof payload === 'string' ? payload : JSON.stringify(payload),
  );
  const signature = createHmac('sha256', secret)
    .update(`${header}.${body}`)
    .digest('base64url');
  return `${header}.${body}.${signature}`;
}

/** A reference payload with some fields changed (`undefined` removes a field). */
function payloadWith(change: (payload: LoosePayload) => void): LoosePayload {
  const payload = referencePayload();
  change(payload);
  return payload;
}

/** A token PandiumJwtSigner signs at NOW_MS for Jane of Acme, with `options` beside the account and secret. */
function signerToken(options: Partial<PandiumEmbedModuleOptions> = {}): string {
  const signer = new PandiumJwtSigner(
    resolvePandiumEmbedOptions({
      account: 'acme',
      sharedSecret: SECRET,
      ...options,
    }),
    { now: () => NOW_MS },
    new JwtService(),
  );
  return signer.sign(
    {
      sub: 'usr_1',
      ti: { udn: 'Acme', ufn: 'Jane Doe', uem: 'jane@acme.test' },
    },
    {
      connector_name: 'gwt',
      integration_name: 'gwt2hs',
      token: CONNECTOR_TOKEN,
    },
  ).token;
}

const install = (token: string) =>
  `${BASE}/acme/tenants/create/1042?tenant=${token}`;
const marketplace = (token: string) => `${BASE}/acme?tenant=${token}`;

function diagnose(
  input: string,
  options: PandiumTokenDiagnosisOptions = {},
): Promise<PandiumTokenDiagnosis> {
  return diagnosePandiumToken(input, {
    secret: SECRET,
    now: NOW_MS,
    ...options,
  });
}

function codesOf(diagnosis: PandiumTokenDiagnosis): string[] {
  return diagnosis.problems.map((problem) =>
    `${problem.code} ${problem.field ?? ''}`.trim(),
  );
}

function problemOf(
  diagnosis: PandiumTokenDiagnosis,
  code: string,
  field?: string,
): PandiumTokenProblem {
  const problem = diagnosis.problems.find(
    (p) => p.code === code && (field === undefined || p.field === field),
  );
  if (problem === undefined) {
    throw new Error(
      `no ${code} ${field ?? ''} problem in ${codesOf(diagnosis).join(', ')}`,
    );
  }
  return problem;
}

describe('diagnosePandiumToken', () => {
  beforeAll(() => {
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => {});
  });

  describe('good tokens', () => {
    it('should pass an install URL signed by PandiumJwtSigner', async () => {
      const diagnosis = await diagnose(install(signerToken()), {
        expectedAccount: 'acme',
      });

      expect(diagnosis.problems).toEqual([]);
      expect(diagnosis.valid).toBe(true);
      expect(diagnosis.signatureVerified).toBe(true);
      expect(diagnosis.target).toEqual({
        kind: 'install',
        account: 'acme',
        integrationId: '1042',
      });
      expect(diagnosis.header).toEqual({ alg: 'HS256', typ: 'JWT' });
    });

    it('should pass a token PandiumJwtSigner makes with the longest TTL and clock skew its options allow', async () => {
      // exp - iat is tokenTtlSeconds + clockSkewSeconds: up to 3600 + 300 s.
      const token = signerToken({
        tokenTtlSeconds: 3600,
        clockSkewSeconds: 300,
      });

      const diagnosis = await diagnose(install(token));

      expect(diagnosis.problems).toEqual([]);
      expect(diagnosis.valid).toBe(true);
    });

    it("should accept Pandium's reference payload as its page shows it, without exp, with a warning", async () => {
      const diagnosis = await diagnose(
        install(sign(payloadWith((p) => delete p.exp))),
      );

      expect(diagnosis.valid).toBe(true);
      expect(diagnosis.problems).toEqual([
        expect.objectContaining({
          code: 'missing-claim',
          field: 'exp',
          severity: 'warning',
        }),
      ]);
      expect(diagnosis.problems[0].fix).toMatch(/exp/);
    });

    it("should pass Pandium's reference payload signed with node:crypto, as a bare token and as URLs", async () => {
      const token = sign(referencePayload());

      for (const input of [token, install(token), marketplace(token)]) {
        const diagnosis = await diagnose(input);
        expect(diagnosis.problems).toEqual([]);
        expect(diagnosis.valid).toBe(true);
      }
    });

    it('should pass a marketplace URL without connector_name and integration_name', async () => {
      const token = sign(
        payloadWith((p) => {
          delete p.ti.xti.connector_name;
          delete p.ti.xti.integration_name;
        }),
      );

      expect((await diagnose(marketplace(token))).problems).toEqual([]);
    });

    it("should verify the complete example token of Pandium's reference page and list what it lacks", async () => {
      // Pandium's page shows jwt.io's example: signed with "your-256-bit-secret", payload { sub, name, iat }.
      const golden =
        'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9' +
        '.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ' +
        '.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';

      const diagnosis = await diagnose(golden, {
        secret: 'your-256-bit-secret',
      });

      expect(diagnosis.signatureVerified).toBe(true);
      expect(diagnosis.valid).toBe(false);
      expect(codesOf(diagnosis)).toEqual([
        'missing-claim exp',
        'missing-claim jti',
        'missing-claim ti',
      ]);
      expect(diagnosis.claims).toEqual({
        sub: '1234567890',
        name: 'John Doe',
        iat: 1516239022,
      });
    });
  });

  describe('malformed', () => {
    it('should refuse a token without three segments', async () => {
      const [header, payload] = sign(referencePayload()).split('.');

      const diagnosis = await diagnose(`${header}.${payload}`);

      expect(codesOf(diagnosis)).toEqual(['malformed token']);
      expect(diagnosis.problems[0].message).toBe(
        'the token has 2 segments separated by ".", a JWT has 3',
      );
      expect(diagnosis.problems[0].cause).toMatch(
        /signature segment is missing/,
      );
    });

    it('should refuse segments that are not base64url, not JSON, or not an object', async () => {
      const good = sign(referencePayload()).split('.');

      expect(codesOf(await diagnose(`${good[0]}.a+b/c=.${good[2]}`))).toEqual([
        'malformed payload',
      ]);
      expect(codesOf(await diagnose(sign('{"iat": 1,')))).toEqual([
        'malformed payload',
      ]);
      expect(codesOf(await diagnose(sign('[1,2]')))).toEqual([
        'malformed payload',
      ]);
      expect(
        problemOf(await diagnose(sign('"text"')), 'malformed').message,
      ).toBe('the payload is JSON but not an object (string)');
    });

    it('should refuse a signature that is not 32 bytes', async () => {
      const [header, payload] = sign(referencePayload()).split('.');

      const diagnosis = await diagnose(`${header}.${payload}.${b64('short')}`);

      expect(codesOf(diagnosis)).toEqual(['malformed signature']);
      expect(diagnosis.signatureVerified).toBe(false);
    });

    it('should refuse a URL without a tenant parameter, as a problem on the url', async () => {
      const diagnosis = await diagnose(`${BASE}/acme/tenants/create/1042`);

      expect(codesOf(diagnosis)).toEqual(['malformed url']);
      expect(diagnosis.problems[0].message).toMatch(/no tenant parameter/);
      expect(diagnosis.valid).toBe(false);
    });
  });

  describe('header-mismatch', () => {
    it.each([
      ['alg', '{"alg":"HS512","typ":"JWT"}', 'header.alg', /alg is "HS512"/],
      ['a missing typ', '{"alg":"HS256"}', 'header.typ', /typ is absent/],
      [
        'extra keys',
        '{"alg":"HS256","typ":"JWT","kid":"k1"}',
        'header',
        /extra keys: "kid"/,
      ],
      ['key order', '{"typ":"JWT","alg":"HS256"}', 'header', /order typ, alg/],
      [
        'whitespace',
        '{"alg": "HS256", "typ": "JWT"}',
        'header',
        /written differently/,
      ],
    ])('should explain %s', async (_what, headerText, field, message) => {
      const diagnosis = await diagnose(
        sign(referencePayload(), { headerText }),
      );

      const problem = problemOf(diagnosis, 'header-mismatch', field);
      expect(problem.message).toMatch(message);
      expect(`${problem.cause} ${problem.fix}`).toContain(HEADER);
      expect(diagnosis.valid).toBe(false);
    });

    it('should still verify an HS256 signature over a header written differently', async () => {
      const diagnosis = await diagnose(
        sign(referencePayload(), { headerText: '{"typ":"JWT","alg":"HS256"}' }),
      );

      expect(diagnosis.signatureVerified).toBe(true);
      expect(codesOf(diagnosis)).toEqual(['header-mismatch header']);
    });

    it('should leave the signature unchecked, with a warning, when alg is not HS256', async () => {
      const diagnosis = await diagnose(
        sign(referencePayload(), { headerText: '{"alg":"HS512","typ":"JWT"}' }),
      );

      expect(codesOf(diagnosis)).toEqual([
        'header-mismatch header.alg',
        'signature-unchecked signature',
      ]);
      expect(problemOf(diagnosis, 'signature-unchecked').severity).toBe(
        'warning',
      );
    });
  });

  describe('signature', () => {
    it('should report signature-mismatch for a token signed with another secret', async () => {
      const diagnosis = await diagnose(
        install(sign(referencePayload(), { secret: OTHER_SECRET })),
      );

      const problem = problemOf(diagnosis, 'signature-mismatch', 'signature');
      expect(problem.message).toBe(
        'signature does not match the secret given here',
      );
      expect(problem.cause).toMatch(/the secret differs/);
      expect(problem.cause).toMatch(/SHA-256 starting [0-9a-f]{8}/);
      expect(problem.fix).toMatch(/same PANDIUM_SHARED_SECRET on the host app/);
      expect(diagnosis.signatureVerified).toBe(false);
      expect(diagnosis.valid).toBe(false);
    });

    it('should report signature-mismatch for a payload changed after signing', async () => {
      const [header, , signature] = sign(referencePayload()).split('.');
      const changed = b64(
        JSON.stringify(payloadWith((p) => (p.sub = 'someone-else'))),
      );

      expect(
        codesOf(await diagnose(`${header}.${changed}.${signature}`)),
      ).toEqual(['signature-mismatch signature']);
    });

    it('should hint at whitespace around the secret given', async () => {
      const diagnosis = await diagnose(sign(referencePayload()), {
        secret: `${SECRET}\n`,
      });

      expect(problemOf(diagnosis, 'signature-mismatch').cause).toMatch(
        /whitespace/,
      );
    });

    it('should warn signature-unchecked without a secret, and still accept the token', async () => {
      const diagnosis = await diagnosePandiumToken(sign(referencePayload()), {
        now: NOW_MS,
      });

      expect(codesOf(diagnosis)).toEqual(['signature-unchecked signature']);
      expect(diagnosis.problems[0]).toMatchObject({
        severity: 'warning',
        message: 'signature not checked: no secret was given',
      });
      expect(diagnosis.valid).toBe(true);
      expect(diagnosis.signatureVerified).toBe(false);
    });

    it('should warn signature-unchecked for an empty secret', async () => {
      const diagnosis = await diagnose(sign(referencePayload()), {
        secret: '',
      });

      expect(problemOf(diagnosis, 'signature-unchecked').message).toMatch(
        /empty/,
      );
    });
  });

  describe('times', () => {
    it('should report expired, with how long ago', async () => {
      const diagnosis = await diagnose(
        sign(payloadWith((p) => ((p.iat = NOW_S - 342), (p.exp = NOW_S - 42)))),
      );

      const problem = problemOf(diagnosis, 'expired', 'exp');
      expect(problem.message).toBe('expired 42 s ago');
      expect(problem.fix).toMatch(/check the TTL and the server clock/);
    });

    it('should accept an exp within the clock-skew allowance, and honour clockSkewSeconds', async () => {
      const token = sign(
        payloadWith((p) => ((p.iat = NOW_S - 300), (p.exp = NOW_S - 10))),
      );

      expect((await diagnose(token)).valid).toBe(true);
      expect(codesOf(await diagnose(token, { clockSkewSeconds: 5 }))).toEqual([
        'expired exp',
      ]);
    });

    it('should report not-yet-valid for an iat in the future beyond the allowance', async () => {
      const diagnosis = await diagnose(
        sign(payloadWith((p) => ((p.iat = NOW_S + 90), (p.exp = NOW_S + 390)))),
      );

      expect(problemOf(diagnosis, 'not-yet-valid', 'iat').message).toBe(
        'issued 90 s in the future: the server clock is ahead',
      );
    });

    it('should report lifetime-too-long, and honour maxLifetimeSeconds', async () => {
      const token = sign(payloadWith((p) => (p.exp = p.iat + 86_400)));

      expect(
        problemOf(await diagnose(token), 'lifetime-too-long').message,
      ).toBe(
        'the token lives 86400 s (exp - iat), more than the 3900 s allowed',
      );
      expect(
        codesOf(
          await diagnose(sign(referencePayload()), { maxLifetimeSeconds: 60 }),
        ),
      ).toEqual(['lifetime-too-long exp']);
    });

    it('should report exp-before-iat', async () => {
      const diagnosis = await diagnose(
        sign(payloadWith((p) => ((p.iat = NOW_S), (p.exp = NOW_S - 60)))),
      );

      expect(problemOf(diagnosis, 'exp-before-iat', 'exp').message).toMatch(
        /60 s before iat/,
      );
    });

    it('should report iat and exp that are absent, milliseconds, fractional or strings', async () => {
      const absent = await diagnose(
        sign(payloadWith((p) => (delete p.iat, delete p.exp))),
      );
      expect(codesOf(absent)).toEqual([
        'missing-claim iat',
        'missing-claim exp',
      ]);

      const wrong = await diagnose(
        sign(
          payloadWith(
            (p) => ((p.iat = NOW_S * 1000), (p.exp = String(NOW_S + 300))),
          ),
        ),
      );
      expect(codesOf(wrong)).toEqual(['wrong-type iat', 'wrong-type exp']);
      expect(problemOf(wrong, 'wrong-type', 'iat').message).toMatch(
        /milliseconds, not seconds/,
      );
      expect(problemOf(wrong, 'wrong-type', 'exp').message).toBe(
        'exp is a string, not whole seconds',
      );

      const fractional = await diagnose(
        sign(payloadWith((p) => (p.iat = NOW_S - 0.5))),
      );
      expect(problemOf(fractional, 'wrong-type', 'iat').message).toBe(
        'iat is a fractional number, not whole seconds',
      );
    });
  });

  describe('claims', () => {
    it.each([
      ['jti', (p: LoosePayload) => delete p.jti],
      ['sub', (p: LoosePayload) => delete p.sub],
      ['ti', (p: LoosePayload) => delete p.ti],
      ['ti.udn', (p: LoosePayload) => delete p.ti.udn],
      ['ti.ufn', (p: LoosePayload) => delete p.ti.ufn],
      ['ti.uem', (p: LoosePayload) => delete p.ti.uem],
      ['ti.xti', (p: LoosePayload) => delete p.ti.xti],
      ['ti.xti.token', (p: LoosePayload) => delete p.ti.xti.token],
    ])(
      'should report missing-claim for an absent %s',
      async (field, change) => {
        const diagnosis = await diagnose(sign(payloadWith(change)));

        expect(problemOf(diagnosis, 'missing-claim', field)).toMatchObject({
          severity: 'error',
          message: `${field} is absent`,
        });
        expect(diagnosis.valid).toBe(false);
      },
    );

    it('should say a missing ti.xti.token stops the Auth dialog from authenticating', async () => {
      const diagnosis = await diagnose(
        sign(payloadWith((p) => (p.ti.xti.token = ''))),
      );

      const problem = problemOf(diagnosis, 'missing-claim', 'ti.xti.token');
      expect(problem.message).toBe('ti.xti.token is empty');
      expect(problem.cause).toMatch(
        /Auth dialog cannot authenticate into the host app's connector/,
      );
      expect(problem.fix).toMatch(/TokenProvider/);
    });

    it('should report an empty or blank sub', async () => {
      expect(
        problemOf(
          await diagnose(sign(payloadWith((p) => (p.sub = ' ')))),
          'missing-claim',
          'sub',
        ).message,
      ).toBe('sub is only whitespace');
    });

    it('should only warn about absent ili, aid and adn', async () => {
      const diagnosis = await diagnose(
        sign(
          payloadWith(
            (p) => (delete p.ti.ili, delete p.ti.aid, delete p.ti.adn),
          ),
        ),
      );

      expect(codesOf(diagnosis)).toEqual([
        'missing-claim ti.ili',
        'missing-claim ti.aid',
        'missing-claim ti.adn',
      ]);
      expect(diagnosis.problems.every((p) => p.severity === 'warning')).toBe(
        true,
      );
      expect(diagnosis.valid).toBe(true);
    });

    it('should hint that tenant fields were put at the top level', async () => {
      const diagnosis = await diagnose(
        sign(payloadWith((p) => ((p.uem = p.ti.uem), delete p.ti))),
      );

      expect(problemOf(diagnosis, 'missing-claim', 'ti').cause).toMatch(
        /top level/,
      );
    });

    it('should report wrong-type, naming the field and the type but not the value', async () => {
      const diagnosis = await diagnose(
        sign(
          payloadWith((p) => {
            p.sub = 42;
            p.jti = 7;
            p.ti.ufn = ['Important', 'Person'];
            p.ti.ili = ['ok', 3];
            p.ti.aid = null;
            p.ti.xti.token = 123456;
          }),
        ),
      );

      expect(codesOf(diagnosis)).toEqual([
        'wrong-type jti',
        'wrong-type sub',
        'wrong-type ti.ufn',
        'wrong-type ti.ili[1]',
        'wrong-type ti.aid',
        'wrong-type ti.xti.token',
      ]);
      expect(problemOf(diagnosis, 'wrong-type', 'sub').message).toBe(
        'sub is a number, not a string',
      );
      expect(diagnosis.claims?.ti).toMatchObject({
        xti: { token: '[masked, a number]' },
      });
    });

    it('should report wrong-type for a ti or xti that is not an object', async () => {
      expect(
        codesOf(await diagnose(sign(payloadWith((p) => (p.ti = 'x'))))),
      ).toEqual(['wrong-type ti']);
      expect(
        codesOf(await diagnose(sign(payloadWith((p) => (p.ti.xti = []))))),
      ).toEqual(['wrong-type ti.xti']);
    });

    it('should report invalid-email', async () => {
      const diagnosis = await diagnose(
        sign(payloadWith((p) => (p.ti.uem = 'Important Person'))),
      );

      expect(problemOf(diagnosis, 'invalid-email', 'ti.uem').message).toBe(
        'ti.uem is not an email address',
      );
    });

    it('should warn jti-not-uuid and still accept the token', async () => {
      const diagnosis = await diagnose(
        sign(payloadWith((p) => (p.jti = 'token-1'))),
      );

      expect(codesOf(diagnosis)).toEqual(['jti-not-uuid jti']);
      expect(diagnosis.valid).toBe(true);
    });

    it('should report replayed-jti when isReplay says so', async () => {
      const isReplay = jest.fn((jti: string) => jti === JTI);

      const diagnosis = await diagnose(sign(referencePayload()), { isReplay });

      expect(isReplay).toHaveBeenCalledTimes(1);
      expect(isReplay).toHaveBeenCalledWith(JTI);
      expect(problemOf(diagnosis, 'replayed-jti', 'jti').message).toMatch(
        /already used/,
      );
      expect(diagnosis.valid).toBe(false);
    });
  });

  describe('URL targets', () => {
    it('should report account-mismatch', async () => {
      const diagnosis = await diagnose(install(sign(referencePayload())), {
        expectedAccount: 'acme-prod',
      });

      expect(problemOf(diagnosis, 'account-mismatch', 'account').message).toBe(
        `the URL's account is "acme", expected "acme-prod"`,
      );
      expect(problemOf(diagnosis, 'account-mismatch').fix).toMatch(
        /PANDIUM_ACCOUNT/,
      );
    });

    it('should read the target from the end of a URL whose base has a path prefix', async () => {
      const diagnosis = await diagnose(
        `https://proxy.example/pandium/acme/tenants/create/1042?tenant=${sign(referencePayload())}`,
        { expectedAccount: 'acme' },
      );

      expect(diagnosis.valid).toBe(true);
      expect(diagnosis.target).toEqual({
        kind: 'install',
        account: 'acme',
        integrationId: '1042',
      });
    });

    it('should report integration-mismatch for an install URL without the names', async () => {
      const diagnosis = await diagnose(
        install(
          sign(
            payloadWith((p) => {
              p.ti.connector_name = p.ti.xti.connector_name;
              delete p.ti.xti.connector_name;
              p.ti.xti.integration_name = '';
            }),
          ),
        ),
      );

      expect(codesOf(diagnosis)).toEqual([
        'integration-mismatch ti.xti.connector_name',
        'integration-mismatch ti.xti.integration_name',
      ]);
      expect(
        problemOf(diagnosis, 'integration-mismatch', 'ti.xti.connector_name')
          .cause,
      ).toMatch(/put in ti instead of ti.xti/);
    });

    it("should report integration-mismatch for names that are not the integration's", async () => {
      const diagnosis = await diagnose(install(sign(referencePayload())), {
        expectedIntegration: {
          integrationName: 'gwt2sf',
          connectorName: 'gwt',
        },
      });

      expect(codesOf(diagnosis)).toEqual([
        'integration-mismatch ti.xti.integration_name',
      ]);
      expect(diagnosis.problems[0].message).toBe(
        'ti.xti.integration_name is "gwt2hs", but integration "1042" has "gwt2sf"',
      );
    });
  });

  describe('several problems at once', () => {
    it('should list every problem, not only the first', async () => {
      const token = sign(
        payloadWith((p) => {
          p.iat = NOW_S - 4100;
          p.exp = NOW_S - 120;
          delete p.sub;
          p.ti.uem = 'nobody';
          delete p.ti.xti.token;
          delete p.ti.xti.integration_name;
        }),
        {
          secret: OTHER_SECRET,
          headerText: '{"alg":"HS256","typ":"JWT","kid":"1"}',
        },
      );

      const diagnosis = await diagnose(install(token), {
        expectedAccount: 'other',
      });

      expect(codesOf(diagnosis)).toEqual([
        'account-mismatch account',
        'header-mismatch header',
        'signature-mismatch signature',
        'lifetime-too-long exp',
        'expired exp',
        'missing-claim sub',
        'invalid-email ti.uem',
        'missing-claim ti.xti.token',
        'integration-mismatch ti.xti.integration_name',
      ]);
      expect(diagnosis.valid).toBe(false);
      for (const problem of diagnosis.problems) {
        expect(problem.message).not.toBe('');
        expect(problem.cause).not.toBe('');
        expect(problem.fix).not.toBe('');
      }
    });
  });

  describe('secrets', () => {
    it('should mask ti.xti.token in the claims, and leave the rest as decoded', async () => {
      const diagnosis = await diagnose(sign(referencePayload()));

      const expected = referencePayload();
      expected.ti.xti.token = `[masked, ${CONNECTOR_TOKEN.length} chars]`;
      expect(diagnosis.claims).toEqual(expected);
    });

    it('should never put the secret, the token or xti.token in any output', async () => {
      const payload = payloadWith((p) => {
        p.exp = NOW_S - 100;
        p.jti = CONNECTOR_TOKEN; // the same text in another claim, so a message about jti would show it
        p.ti.uem = CONNECTOR_TOKEN;
      });
      const inputs = [
        install(sign(payload, { secret: OTHER_SECRET })),
        install(
          sign(payload, {
            secret: SECRET,
            headerText: `{"alg":"HS256","typ":"JWT","${SECRET}":1}`,
          }),
        ),
        marketplace(sign(payload)),
        sign(payload).split('.').slice(0, 2).join('.'),
      ];

      for (const input of inputs) {
        const token = new URL(input, BASE).searchParams.get('tenant') ?? input;
        const diagnosis = await diagnose(input, {
          isReplay: () => true,
          expectedAccount: SECRET,
          expectedIntegration: { integrationName: SECRET },
        });
        const texts = diagnosis.problems
          .map((p) => `${p.message} ${p.cause} ${p.fix}`)
          .join('\n');

        expect(diagnosis.problems.length).toBeGreaterThan(0);
        for (const sensitive of [
          SECRET,
          CONNECTOR_TOKEN,
          token,
          token.split('.')[2] ?? token,
        ]) {
          expect(texts).not.toContain(sensitive);
        }
        for (const output of [
          JSON.stringify(diagnosis.claims ?? {}),
          JSON.stringify(diagnosis.problems),
        ]) {
          expect(output).not.toContain(SECRET);
          expect(output).not.toContain(token);
        }
        expect(formatPandiumDiagnosis(diagnosis)).not.toContain(token);
      }
    });

    it('should mask a connector token put in the wrong place (xti at the top level, token in ti)', async () => {
      const misplaced = payloadWith((p) => {
        p.xti = p.ti.xti;
        delete p.ti.xti;
        p.ti.token = `${CONNECTOR_TOKEN}-in-ti`;
      });

      const diagnosis = await diagnose(install(sign(misplaced)));

      expect(diagnosis.valid).toBe(false);
      expect(JSON.stringify(diagnosis)).not.toContain(CONNECTOR_TOKEN);
      expect(formatPandiumDiagnosis(diagnosis)).not.toContain(CONNECTOR_TOKEN);
      expect(diagnosis.claims?.xti).toMatchObject({
        token: `[masked, ${CONNECTOR_TOKEN.length} chars]`,
      });
    });

    it('should mask every credential-like xti extra (token, secret, password, key, authorization) and keep the others', async () => {
      const credentials = {
        api_key: 'ak-0123456789abcdefghij',
        client_secret: 'cs-0123456789abcdefghij',
        refresh_token: 'rt-0123456789abcdefghij',
        userPassword: 'pw-0123456789abcdefghij',
        Authorization: 'Bearer 0123456789abcdefghij',
      };
      const diagnosis = await diagnose(
        install(
          sign(
            payloadWith((p) => {
              Object.assign(p.ti.xti, credentials, { user_group: 'growth' });
            }),
            { secret: OTHER_SECRET },
          ),
        ),
      );

      const xti = (diagnosis.claims?.ti as { xti: Record<string, unknown> })
        .xti;
      for (const [key, value] of Object.entries(credentials)) {
        expect(xti[key]).toBe(`[masked, ${value.length} chars]`);
        expect(JSON.stringify(diagnosis)).not.toContain(value);
        expect(formatPandiumDiagnosis(diagnosis)).not.toContain(value);
      }
      expect(xti.user_group).toBe('growth');
    });

    it('should mask credentials under xti keys named after Object.prototype members, keeping those keys', async () => {
      // A payload's JSON text can own any key, `__proto__` included; a copy by assignment would lose it.
      const text = JSON.stringify(referencePayload()).replace(
        '"xti":{',
        '"xti":{"__proto__":{"token":"pt-0123456789abcdefghij"},"constructor":{"api_key":"ck-0123456789abcdefghij"},',
      );
      const diagnosis = await diagnose(install(sign(text)));

      const xti = (diagnosis.claims?.ti as { xti: Record<string, unknown> })
        .xti;
      expect(Object.getOwnPropertyDescriptor(xti, '__proto__')?.value).toEqual({
        token: '[masked, 23 chars]',
      });
      expect(
        Object.getOwnPropertyDescriptor(xti, 'constructor')?.value,
      ).toEqual({ api_key: '[masked, 23 chars]' });
      for (const output of [
        JSON.stringify(diagnosis),
        formatPandiumDiagnosis(diagnosis),
      ]) {
        expect(output).not.toContain('pt-0123456789');
        expect(output).not.toContain('ck-0123456789');
      }
    });

    it('should keep xti.token out of the whole result and its text', async () => {
      const diagnosis = await diagnose(
        install(sign(referencePayload(), { secret: OTHER_SECRET })),
      );

      expect(JSON.stringify(diagnosis)).not.toContain(CONNECTOR_TOKEN);
      expect(JSON.stringify(diagnosis)).not.toContain(SECRET);
      expect(formatPandiumDiagnosis(diagnosis)).not.toContain(CONNECTOR_TOKEN);
    });
  });

  describe('options', () => {
    it('should refuse negative or non-finite limits, naming them', async () => {
      await expect(
        diagnose(sign(referencePayload()), { clockSkewSeconds: -1 }),
      ).rejects.toThrow(PandiumEmbedError);
      await expect(
        diagnose(sign(referencePayload()), { maxLifetimeSeconds: Number.NaN }),
      ).rejects.toThrow(/maxLifetimeSeconds/);
    });
  });
});
