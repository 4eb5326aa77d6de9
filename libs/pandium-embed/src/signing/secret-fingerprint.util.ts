import { createHash } from 'node:crypto';

/**
 * The first 8 hex characters of the shared secret's SHA-256: what the signer logs at boot and `pandium-embed doctor`
 * prints, to compare with Pandium's copy without showing either.
 *
 * @internal
 */
export function secretFingerprint(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex').slice(0, 8);
}
