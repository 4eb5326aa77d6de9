import { compactVerify, errors } from 'jose';
import { createHash } from 'node:crypto';
import type { PandiumTokenProblem } from './pandium-token-diagnosis.interface.js';
import { tokenError, tokenWarning } from './pandium-token-problem.factory.js';

/** The result of checking the signature. @internal */
export interface PandiumSignatureCheck {
  verified: boolean;
  problems: PandiumTokenProblem[];
}

const PASS_SECRET =
  'pass the shared secret (diagnosePandiumToken: options.secret; CLI: --secret-env PANDIUM_SHARED_SECRET)';

/**
 * Verifies the HS256 signature with jose, an implementation independent of the signer's `node:crypto` code.
 * Call it only with a token whose segments decoded and whose signature is 32 bytes.
 *
 * @param token the compact JWT.
 * @param alg the header's `alg`: jose checks nothing but HS256 here.
 * @param secret the shared secret, if the caller has it.
 * @internal
 */
export async function checkPandiumSignature(
  token: string,
  alg: unknown,
  secret: string | undefined,
): Promise<PandiumSignatureCheck> {
  if (secret === undefined || secret === '') {
    return unchecked(
      secret === undefined
        ? 'signature not checked: no secret was given'
        : 'signature not checked: the secret given is empty',
      'without the shared secret, anyone could have made this token',
      PASS_SECRET,
    );
  }
  if (alg !== 'HS256') {
    return unchecked(
      'signature not checked: the header does not say HS256',
      'only an HS256 signature can be checked with a shared secret (the header problem refuses the token anyway)',
      'sign with HS256 and the shared secret',
    );
  }
  try {
    await compactVerify(token, new TextEncoder().encode(secret), {
      algorithms: ['HS256'],
    });
    return { verified: true, problems: [] };
  } catch (error) {
    if (error instanceof errors.JWSSignatureVerificationFailed) {
      return {
        verified: false,
        problems: [
          tokenError(
            'signature-mismatch',
            'signature',
            'signature does not match the secret given here',
            mismatchCause(secret),
            'use the same PANDIUM_SHARED_SECRET on the host app and here (the emulator, or inspect --secret-env), ' +
              'and pass the token unchanged; the host app logs "Signing with the shared secret whose SHA-256 starts …" at boot',
          ),
        ],
      };
    }
    // jose's codes name the reason (e.g. ERR_JOSE_NOT_SUPPORTED for a `crit` header) and never carry the key.
    const code =
      error instanceof errors.JOSEError ? error.code : 'an unexpected error';
    return unchecked(
      `signature not checked: jose refused the token (${code})`,
      'the header carries parameters jose will not verify, such as crit',
      `sign with exactly {"alg":"HS256","typ":"JWT"} as the header`,
    );
  }
}

function unchecked(
  message: string,
  cause: string,
  fix: string,
): PandiumSignatureCheck {
  return {
    verified: false,
    problems: [
      tokenWarning('signature-unchecked', 'signature', message, cause, fix),
    ],
  };
}

/** Why the secrets may differ, with a fingerprint of the one given (as the signer logs its own). */
function mismatchCause(secret: string): string {
  const fingerprint = createHash('sha256')
    .update(secret, 'utf8')
    .digest('hex')
    .slice(0, 8);
  const whitespace =
    secret.trim() === secret
      ? ''
      : ' The secret given here starts or ends with whitespace (a newline from a .env file or `echo`?).';
  return (
    'the secret differs from the one the token was signed with, or the header or payload was changed after ' +
    `signing. The secret given here has a SHA-256 starting ${fingerprint}.${whitespace}`
  );
}
