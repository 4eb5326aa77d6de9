// Verifies tokens with jose, a JWT library independent of the signer's, so a test never checks the signer with its
// own code.
import { jwtVerify } from 'jose';
import type { JWTPayload, JWTHeaderParameters } from 'jose';

export interface VerifiedPandiumToken {
  /** The header as decoded by jose. */
  header: JWTHeaderParameters;
  /** The first segment exactly as sent (for byte-level checks). */
  rawHeader: string;
  payload: JWTPayload & Record<string, unknown>;
}

/** Verifies an HS256 token with the shared secret; rejects on a bad signature, algorithm or expiry. */
export async function verifyPandiumToken(
  token: string,
  secret: string,
  options: { currentDate?: Date } = {},
): Promise<VerifiedPandiumToken> {
  const { payload, protectedHeader } = await jwtVerify(
    token,
    new TextEncoder().encode(secret),
    {
      algorithms: ['HS256'],
      typ: 'JWT',
      currentDate: options.currentDate,
    },
  );
  return {
    header: protectedHeader,
    rawHeader: token.split('.')[0],
    payload: payload,
  };
}

/** The `tenant` query parameter of a Pandium URL. */
export function tenantTokenOf(url: string): string {
  const token = new URL(url).searchParams.get('tenant');
  if (token === null) {
    throw new Error('URL has no tenant parameter');
  }
  return token;
}
