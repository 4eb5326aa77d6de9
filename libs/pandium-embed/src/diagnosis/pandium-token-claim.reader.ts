import type { PandiumJsonValue } from '../core/pandium-claims.interface.js';
import type { PandiumTokenProblem } from './pandium-token-diagnosis.interface.js';
import {
  jsonTypeOf,
  tokenError,
  tokenWarning,
} from './pandium-token-problem.factory.js';
import { jsonObjectOr } from './pandium-token.decoder.js';
import type { PandiumJsonObject } from './pandium-token.decoder.js';

/** How one string claim is checked and explained. @internal */
export interface PandiumStringClaimRule {
  /** Absent: an error, or (for what Pandium's example sends but does not demand) a warning. */
  absent: 'error' | 'warning';
  nonEmpty: boolean;
  /** Why the claim matters, for the cause of a missing claim. */
  role: string;
  fix: string;
}

/** Where a claim is read: the object holding it, its name there, and its path from the payload's root. @internal */
export interface PandiumClaimLocation {
  object: PandiumJsonObject;
  path: string;
  name: string;
}

/**
 * The string claim at the payload's top level, or undefined (and a problem); a blank string comes back (reported
 * when `nonEmpty`).
 *
 * @internal
 */
export function readStringClaim(
  object: PandiumJsonObject,
  name: string,
  problems: PandiumTokenProblem[],
  rule: PandiumStringClaimRule,
): string | undefined {
  return readStringField({ object, path: name, name }, problems, rule);
}

/**
 * The string claim at `at`, or undefined (and a problem); a blank string comes back (reported when `nonEmpty`).
 * Messages name the field and its type, never its value.
 *
 * @internal
 */
export function readStringField(
  at: PandiumClaimLocation,
  problems: PandiumTokenProblem[],
  rule: PandiumStringClaimRule,
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

/**
 * The object claim `name` of `object`, or undefined (and a problem).
 *
 * @internal
 */
export function readObjectClaim(
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
  return jsonObjectOr(value, problems, (other) =>
    tokenError(
      'wrong-type',
      path,
      `${path} is ${jsonTypeOf(other)}, not an object`,
      `${path} was serialised from the wrong value`,
      explain.fix,
    ),
  );
}
