import { isEmail } from 'class-validator';
import type { PandiumJsonValue } from '../core/pandium-claims.interface.js';
import type { PandiumJsonObject } from './pandium-token.decoder.js';
import type { PandiumTokenDiagnosisOptions } from './pandium-token-diagnosis-options.interface.js';
import type {
  PandiumTokenProblem,
  PandiumUrlTarget,
} from './pandium-token-diagnosis.interface.js';
import {
  jsonTypeOf,
  tokenError,
  tokenWarning,
} from './pandium-token-problem.factory.js';

/** What the claims are checked against, beyond the payload. @internal */
export interface PandiumClaimsContext {
  target?: PandiumUrlTarget;
  expectedIntegration?: PandiumTokenDiagnosisOptions['expectedIntegration'];
  isReplay?: (jti: string) => boolean;
}

/** How one string claim is checked and explained. */
interface StringRule {
  /** Absent: an error, or (for what Pandium's example sends but does not demand) a warning. */
  absent: 'error' | 'warning';
  nonEmpty: boolean;
  /** Why the claim matters, for the cause of a missing claim. */
  role: string;
  fix: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TENANT_KEYS = ['udn', 'ufn', 'uem', 'ili', 'aid', 'adn', 'xti'];

/**
 * Checks every claim but the times: `jti`, `sub`, `ti` and its fields, `ti.xti.token`, and for install targets
 * `xti.connector_name` / `xti.integration_name`. Messages name fields and types, never a claim's value.
 *
 * @internal
 */
export function checkPandiumClaims(
  payload: PandiumJsonObject,
  context: PandiumClaimsContext,
): PandiumTokenProblem[] {
  const problems: PandiumTokenProblem[] = [];
  checkJti(payload, context, problems);
  stringClaim(payload, 'sub', problems, {
    absent: 'error',
    nonEmpty: true,
    role: "Pandium keys the user's tenants on sub",
    fix: 'set sub to a stable id of the user, as a string (String(user.id)), never reused',
  });
  const ti = objectClaim(payload, 'ti', problems, {
    role: TENANT_KEYS.some((key) => Object.hasOwn(payload, key))
      ? 'the tenant fields (udn, uem, xti, …) are at the top level of the payload instead of inside ti'
      : "ti carries the user's names, email and the connector token",
    fix: 'set ti: { udn, ufn, uem, ili, aid, adn, xti: { token, … } }',
  });
  if (ti !== undefined) {
    checkTenantInfo(ti, context, problems);
  }
  return problems;
}

function checkJti(
  payload: PandiumJsonObject,
  context: PandiumClaimsContext,
  problems: PandiumTokenProblem[],
): void {
  const jti = stringClaim(payload, 'jti', problems, {
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

function checkTenantInfo(
  ti: PandiumJsonObject,
  context: PandiumClaimsContext,
  problems: PandiumTokenProblem[],
): void {
  const field = (name: string) => ({ object: ti, path: `ti.${name}`, name });
  stringField(field('udn'), problems, {
    absent: 'error',
    nonEmpty: false,
    role: "udn is the display name Pandium shows for the user's organisation",
    fix: "set ti.udn to the organisation's display name",
  });
  stringField(field('ufn'), problems, {
    absent: 'error',
    nonEmpty: false,
    role: "ufn is the user's full name",
    fix: "set ti.ufn to the user's full name",
  });
  const uem = stringField(field('uem'), problems, {
    absent: 'error',
    nonEmpty: false,
    role: "uem is the user's email address",
    fix: "set ti.uem to the user's email address",
  });
  if (uem !== undefined && !isEmail(uem)) {
    problems.push(
      tokenError(
        'invalid-email',
        'ti.uem',
        'ti.uem is not an email address',
        'another user field (a name, an id) was put in uem, or the address has spaces or no domain',
        "set ti.uem to the user's email address, e.g. jane@acme.example",
      ),
    );
  }
  checkIli(ti, problems);
  for (const name of ['aid', 'adn']) {
    stringField(field(name), problems, {
      absent: 'warning',
      nonEmpty: false,
      role: `Pandium's example sends ${name}, empty when there is none`,
      fix: `set ti.${name}, '' when you have none (PandiumJwtSigner does)`,
    });
  }
  const xti = objectClaim(ti, 'xti', problems, {
    path: 'ti.xti',
    role: "without ti.xti there is no connector token, so the Auth dialog cannot authenticate into the host app's connector",
    fix: 'set ti.xti: { token, connector_name, integration_name } (the names for install URLs)',
  });
  if (xti === undefined) {
    return;
  }
  stringField({ object: xti, path: 'ti.xti.token', name: 'token' }, problems, {
    absent: 'error',
    nonEmpty: true,
    role: "without it the Auth dialog cannot authenticate into the host app's connector, so users cannot connect",
    fix: 'return the connector token for this user from your TokenProvider',
  });
  if (context.target?.kind === 'install') {
    checkIntegrationNames(ti, xti, context, problems);
  }
}

function checkIli(ti: PandiumJsonObject, problems: PandiumTokenProblem[]) {
  const ili = ti.ili;
  if (ili === undefined) {
    problems.push(
      tokenWarning(
        'missing-claim',
        'ti.ili',
        'ti.ili is absent',
        "Pandium's example sends ili, a list of identifiers kept with the tenant",
        'set ti.ili, [] when you have none (PandiumJwtSigner does)',
      ),
    );
    return;
  }
  const bad = Array.isArray(ili)
    ? ili.findIndex((item) => typeof item !== 'string')
    : -1;
  if (!Array.isArray(ili) || bad >= 0) {
    const item = Array.isArray(ili) ? ili[bad] : ili;
    problems.push(
      tokenError(
        'wrong-type',
        Array.isArray(ili) ? `ti.ili[${bad}]` : 'ti.ili',
        Array.isArray(ili)
          ? `ti.ili[${bad}] is ${jsonTypeOf(item)}, not a string`
          : `ti.ili is ${jsonTypeOf(ili)}, not a list of strings`,
        'ids were put in as numbers, or a single id instead of a list',
        'set ti.ili to a list of strings: ids.map(String)',
      ),
    );
  }
}

function checkIntegrationNames(
  ti: PandiumJsonObject,
  xti: PandiumJsonObject,
  context: PandiumClaimsContext,
  problems: PandiumTokenProblem[],
): void {
  const expected = context.expectedIntegration ?? {};
  const names = [
    [
      'connector_name',
      expected.connectorName,
      "the connector's programmatic name",
    ],
    [
      'integration_name',
      expected.integrationName,
      "the integration's programmatic name",
    ],
  ] as const;
  for (const [name, wanted, meaning] of names) {
    const value = xti[name];
    if (typeof value !== 'string' || value.trim() === '') {
      const misplaced = Object.hasOwn(ti, name);
      problems.push(
        tokenError(
          'integration-mismatch',
          `ti.xti.${name}`,
          value === undefined
            ? `ti.xti.${name} is absent, and an install URL needs it`
            : `ti.xti.${name} is ${typeof value === 'string' ? 'empty' : jsonTypeOf(value)}, not the ${meaning}`,
          misplaced
            ? `${name} was put in ti instead of ti.xti`
            : `Pandium needs ${meaning} in ti.xti to open the install flow; the catalog entry for this integration may lack it`,
          `set ti.xti.${name} to ${meaning} (see GET /v2/integrations in Pandium's API)`,
        ),
      );
    } else if (wanted !== undefined && value !== wanted) {
      problems.push(
        tokenError(
          'integration-mismatch',
          `ti.xti.${name}`,
          `ti.xti.${name} is ${quote(value)}, but integration ${quote(context.target?.integrationId ?? '')} has ${quote(wanted)}`,
          "the catalog maps this integration id to another integration's names",
          `fix the catalog entry of this integration id: ${name} ${quote(wanted)}`,
        ),
      );
    }
  }
}

/** The string claim, or undefined (and a problem); a blank string comes back (reported when `nonEmpty`). */
function stringClaim(
  object: PandiumJsonObject,
  name: string,
  problems: PandiumTokenProblem[],
  rule: StringRule,
): string | undefined {
  return stringField({ object, path: name, name }, problems, rule);
}

function stringField(
  at: { object: PandiumJsonObject; path: string; name: string },
  problems: PandiumTokenProblem[],
  rule: StringRule,
): string | undefined {
  const value: PandiumJsonValue | undefined = at.object[at.name];
  if (value === undefined) {
    const report = rule.absent === 'error' ? tokenError : tokenWarning;
    problems.push(
      report(
        'missing-claim',
        at.path,
        `${at.path} is absent`,
        rule.role,
        rule.fix,
      ),
    );
    return undefined;
  }
  if (typeof value !== 'string') {
    problems.push(
      tokenError(
        'wrong-type',
        at.path,
        `${at.path} is ${jsonTypeOf(value)}, not a string`,
        `the value was serialised as ${jsonTypeOf(value)} (${rule.role})`,
        rule.fix,
      ),
    );
    return undefined;
  }
  if (rule.nonEmpty && value.trim() === '') {
    problems.push(
      tokenError(
        'missing-claim',
        at.path,
        `${at.path} is ${value === '' ? 'empty' : 'only whitespace'}`,
        rule.role,
        rule.fix,
      ),
    );
  }
  return value;
}

/** The object claim, or undefined (and a problem). */
function objectClaim(
  object: PandiumJsonObject,
  name: string,
  problems: PandiumTokenProblem[],
  explain: { path?: string; role: string; fix: string },
): PandiumJsonObject | undefined {
  const path = explain.path ?? name;
  const value = object[name];
  if (value === undefined) {
    problems.push(
      tokenError(
        'missing-claim',
        path,
        `${path} is absent`,
        explain.role,
        explain.fix,
      ),
    );
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push(
      tokenError(
        'wrong-type',
        path,
        `${path} is ${jsonTypeOf(value)}, not an object`,
        `${path} was serialised from the wrong value`,
        explain.fix,
      ),
    );
    return undefined;
  }
  return value;
}

/** A name for a message, quoted and cut short. */
function quote(value: string): string {
  return JSON.stringify(value.slice(0, 80));
}
