import type { PandiumTokenProblem } from './pandium-token-diagnosis.interface.js';
import { tokenError, tokenWarning } from './pandium-token-problem.factory.js';
import type { PandiumJsonObject } from './pandium-token.decoder.js';
import {
  readObjectClaim,
  readStringClaim,
} from './pandium-token-claim.reader.js';
import { checkPandiumTenantInfo } from './pandium-token-tenant.check.js';
import type { PandiumTenantContext } from './pandium-token-tenant.check.js';

/** What the claims are checked against, beyond the payload. @internal */
export interface PandiumClaimsContext extends PandiumTenantContext {
  isReplay?: (jti: string) => boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TENANT_KEYS = ['udn', 'ufn', 'uem', 'ili', 'aid', 'adn', 'xti'];

/**
 * Checks every claim but the times: `jti`, `sub`, and `ti` with its fields (see {@link checkPandiumTenantInfo}).
 * Messages name fields and types, never a claim's value.
 *
 * @internal
 */
export function checkPandiumClaims(
  payload: PandiumJsonObject,
  context: PandiumClaimsContext,
): PandiumTokenProblem[] {
  const problems: PandiumTokenProblem[] = [];
  checkJti(payload, context, problems);
  readStringClaim(payload, 'sub', problems, {
    absent: 'error',
    nonEmpty: true,
    role: "Pandium keys the user's tenants on sub",
    fix: 'set sub to a stable id of the user, as a string (String(user.id)), never reused',
  });
  const ti = readObjectClaim(payload, 'ti', problems, {
    role: TENANT_KEYS.some((key) => Object.hasOwn(payload, key))
      ? 'the tenant fields (udn, uem, xti, …) are at the top level of the payload instead of inside ti'
      : "ti carries the user's names, email and the connector token",
    fix: 'set ti: { udn, ufn, uem, ili, aid, adn, xti: { token, … } }',
  });
  if (ti !== undefined) {
    checkPandiumTenantInfo(ti, context, problems);
  }
  return problems;
}

function checkJti(
  payload: PandiumJsonObject,
  context: PandiumClaimsContext,
  problems: PandiumTokenProblem[],
): void {
  const jti = readStringClaim(payload, 'jti', problems, {
    absent: 'error',
    nonEmpty: true,
    role: "jti is the token's unique id, which Pandium's example sends",
    fix: 'set jti to a fresh UUID per token (crypto.randomUUID())',
  });
  if (jti === undefined || jti.trim() === '') {
    return;
  }
  if (!UUID.test(jti)) {
    problems.push(
      tokenWarning(
        'jti-not-uuid',
        'jti',
        'jti is not a UUID',
        "the signer makes its own ids; Pandium's example uses a UUID, and a guessable id weakens replay checks",
        'set jti to crypto.randomUUID()',
      ),
    );
  }
  if (context.isReplay?.(jti) === true) {
    problems.push(
      tokenError(
        'replayed-jti',
        'jti',
        'this jti was already used: the same token was opened before',
        'the URL was loaded twice (a reload, a prefetch, a cached response, two iframes) or the signer reuses jti',
        'sign a fresh URL for each page load, serve it with Cache-Control: no-store, and make jti a new UUID each time',
      ),
    );
  }
}
