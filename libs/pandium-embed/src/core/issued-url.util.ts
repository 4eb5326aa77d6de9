import { Logger } from '@nestjs/common';
import type { PandiumSignedToken } from '../signing/pandium-jwt.signer.js';
import { redactTenantToken } from '../signing/redact-tenant-token.util.js';
import type { PandiumEmbedUrl } from './pandium-embed-url.interface.js';

/**
 * Logs, at debug level, that a URL was signed: what for, its `jti` and lifetime, and the URL with its token redacted.
 *
 * @internal
 */
export function logIssuedUrl(
  logger: Logger,
  what: string,
  signed: PandiumSignedToken,
  url: string,
): void {
  // The line (and its redaction) is built only when debug lines are written.
  if (!Logger.isLevelEnabled('debug')) {
    return;
  }
  logger.debug(
    `Signed ${what} (jti ${signed.jti}, expires in ${signed.expiresIn} s): ${redactTenantToken(url)}`,
  );
}

/**
 * An expiry in seconds since the epoch (a signed token's, a launch ticket's), as the answers carry it: an ISO date
 * and the lifetime in seconds. @internal
 */
export function expiryOf(
  issued: Pick<PandiumSignedToken, 'expiresAt' | 'expiresIn'>,
): Pick<PandiumEmbedUrl, 'expiresAt' | 'expiresIn'> {
  return {
    expiresAt: new Date(issued.expiresAt * 1000).toISOString(),
    expiresIn: issued.expiresIn,
  };
}
