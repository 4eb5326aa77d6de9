import { isEmail } from 'class-validator';
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
import type { PandiumJsonObject } from './pandium-token.decoder.js';
import {
  readObjectClaim,
  readStringField,
} from './pandium-token-claim.reader.js';

/** What the tenant information is checked against, beyond the payload. @internal */
export interface PandiumTenantContext {
  target?: PandiumUrlTarget;
  expectedIntegration?: PandiumTokenDiagnosisOptions['expectedIntegration'];
}

/**
 * Checks the tenant information `ti`: `udn`, `ufn`, `uem`, `ili`, `aid`, `adn`, `xti.token`, and for install
 * targets `xti.connector_name` / `xti.integration_name`. Messages name fields and types, never a claim's value.
 *
 * @internal
 */
export function checkPandiumTenantInfo(
  ti: PandiumJsonObject,
  context: PandiumTenantContext,
  problems: PandiumTokenProblem[],
): void {
  const field = (name: string) => ({ object: ti, path: `ti.${name}`, name });
  readStringField(field('udn'), problems, {
    absent: 'error',
    nonEmpty: false,
    role: "udn is the display name Pandium shows for the user's organisation",
    fix: "set ti.udn to the organisation's display name",
  });
  readStringField(field('ufn'), problems, {
    absent: 'error',
    nonEmpty: false,
    role: "ufn is the user's full name",
    fix: "set ti.ufn to the user's full name",
  });
  const uem = readStringField(field('uem'), problems, {
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
    readStringField(field(name), problems, {
      absent: 'warning',
      nonEmpty: false,
      role: `Pandium's example sends ${name}, empty when there is none`,
      fix: `set ti.${name}, '' when you have none (PandiumJwtSigner does)`,
    });
  }
  const xti = readObjectClaim(ti, 'xti', problems, {
    path: 'ti.xti',
    role: "without ti.xti there is no connector token, so the Auth dialog cannot authenticate into the host app's connector",
    fix: 'set ti.xti: { token, connector_name, integration_name } (the names for install URLs)',
  });
  if (xti === undefined) {
    return;
  }
  readStringField(
    { object: xti, path: 'ti.xti.token', name: 'token' },
    problems,
    {
      absent: 'error',
      nonEmpty: true,
      role: "without it the Auth dialog cannot authenticate into the host app's connector, so users cannot connect",
      fix: 'return the connector token for this user from your TokenProvider',
    },
  );
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
  context: PandiumTenantContext,
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

/** A name for a message, quoted and cut short. */
function quote(value: string): string {
  return JSON.stringify(value.slice(0, 80));
}
