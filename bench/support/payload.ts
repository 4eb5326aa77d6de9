// The Pandium-shaped payload every signer contender signs, and the independent check (jose) of what they sign.
import { deepStrictEqual, strictEqual } from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { jwtVerify } from 'jose';
import type {
  ClaimsProvider,
  PandiumIntegration,
  PandiumUserClaims,
  TokenProvider,
} from 'pandium-embed';
import type { PandiumXtiBase } from '../../libs/pandium-embed/src/signing/pandium-jwt.signer.js';

/** `{"alg":"HS256","typ":"JWT"}`, base64url: the one header Pandium accepts. */
export const PANDIUM_HEADER_SEGMENT = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9';

export const CONNECTOR_TOKEN_LENGTH = 300;

/** A JWT-shaped connector token of exactly `length` characters (printable ASCII, as the library requires). */
function connectorToken(length: number): string {
  const chunk = (seed: string): string =>
    createHash('sha512').update(seed).digest('base64url');
  let body = '';
  for (let i = 0; body.length < length; i += 1) {
    body += chunk(`connector-${i}`);
  }
  const header = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9';
  const signature = chunk('signature').slice(0, 43);
  const payloadLength = length - header.length - signature.length - 2;
  return `${header}.${body.slice(0, payloadLength)}.${signature}`;
}

export const CONNECTOR_TOKEN = connectorToken(CONNECTOR_TOKEN_LENGTH);

/** The integration every signed URL is for: Pandium's reference example, as in the example app. */
export const BENCH_INTEGRATION: PandiumIntegration = {
  id: '1042',
  name: 'gwt2hs',
  connectorName: 'gwt',
  displayName: 'GWT to HubSpot',
};

/** What a `ClaimsProvider` answers for the benchmark's user. */
export function benchClaims(): PandiumUserClaims {
  return {
    sub: 'usr_1001',
    ti: {
      udn: 'Acme Corp',
      ufn: 'Jane Doe',
      uem: 'jane@acme.test',
      ili: ['org_acme'],
      aid: 'org_acme',
      adn: 'Acme Corp',
      xti: { user_group: 'growth', hidden_integrations: ['2318'] },
    },
  };
}

/** The library's own `xti` entries for an install URL of {@link BENCH_INTEGRATION}. */
export const INSTALL_XTI: PandiumXtiBase = {
  connector_name: BENCH_INTEGRATION.connectorName,
  integration_name: BENCH_INTEGRATION.name,
  token: CONNECTOR_TOKEN,
};

/** Fake strategies for a Nest context that has the library and nothing else. */
export const fakeClaimsProvider: ClaimsProvider = {
  getClaims: () => benchClaims(),
};
export const fakeTokenProvider: TokenProvider = {
  getToken: () => CONNECTOR_TOKEN,
};

/** The `ti` a token must carry when it was signed from `claims` and `xti`. */
export function expectedTenantInfo(
  claims: PandiumUserClaims,
  xti: PandiumXtiBase,
): Record<string, unknown> {
  const { ti } = claims;
  return {
    udn: ti.udn,
    ufn: ti.ufn,
    uem: ti.uem,
    ili: ti.ili ?? [],
    aid: ti.aid ?? '',
    adn: ti.adn ?? '',
    xti: { ...ti.xti, ...xti },
  };
}

export interface VerifiedToken {
  payload: Record<string, unknown>;
}

/**
 * Verifies an HS256 token with jose (independent of `jsonwebtoken`, `@nestjs/jwt` and `node:crypto` code here):
 * signature, algorithm, `typ`, expiry, the exact header segment, a UUID `jti`, and optionally `sub` and `ti`.
 *
 * @throws when anything differs.
 */
export async function verifyPandiumToken(
  token: string,
  secret: string,
  expected: { sub?: string; ti?: Record<string, unknown> } = {},
): Promise<VerifiedToken> {
  const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
    algorithms: ['HS256'],
    typ: 'JWT',
  });
  strictEqual(token.split('.')[0], PANDIUM_HEADER_SEGMENT, 'header segment');
  strictEqual(typeof payload.iat, 'number', 'iat');
  strictEqual(typeof payload.exp, 'number', 'exp');
  strictEqual(
    /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(
      String(payload.jti),
    ),
    true,
    'jti is a UUID v4',
  );
  if (expected.sub !== undefined) {
    strictEqual(payload.sub, expected.sub, 'sub');
  }
  if (expected.ti !== undefined) {
    deepStrictEqual(payload.ti, expected.ti, 'ti');
  }
  return { payload };
}

/** The `tenant` query parameter of a Pandium URL. */
export function tenantTokenOf(url: string): string {
  const token = new URL(url).searchParams.get('tenant');
  if (token === null) {
    throw new Error(`URL has no tenant parameter: ${url.slice(0, 80)}…`);
  }
  return token;
}
