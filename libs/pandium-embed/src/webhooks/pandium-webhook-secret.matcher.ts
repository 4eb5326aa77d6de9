import { createHash, timingSafeEqual } from 'node:crypto';
import type { PandiumSecret } from '../options/pandium.secret.js';

/** A fixed-length digest, so that comparing never depends on the lengths of the two values. */
const digest = (value: string): Buffer =>
  createHash('sha256').update(value, 'utf8').digest();

/**
 * Whether a URL's secret segment is one of the configured webhook secrets (two during a rotation), compared in
 * constant time: each secret is checked, whatever the first one answered.
 *
 * @internal
 */
export class PandiumWebhookSecretMatcher {
  private readonly digests: readonly Buffer[];

  constructor(secrets: readonly PandiumSecret[]) {
    this.digests = secrets.map((secret) => digest(secret.reveal()));
  }

  matches(candidate: string): boolean {
    const given = digest(candidate);
    let matched = false;
    for (const expected of this.digests) {
      // The comparison comes first, so that `||` never skips it once an earlier secret matched.
      matched = timingSafeEqual(given, expected) || matched;
    }
    return matched;
  }
}
