import type { PandiumJsonValue } from '../core/pandium-claims.interface.js';
import { PandiumEmbedError } from '../errors/pandium-embed.error.js';
import { PandiumErrorCode } from '../errors/pandium-error.codes.js';
import { checkPandiumClaims } from './pandium-token-claims.check.js';
import type { PandiumTokenDiagnosisOptions } from './pandium-token-diagnosis-options.interface.js';
import type {
  PandiumTokenDiagnosis,
  PandiumTokenProblem,
  PandiumUrlTarget,
} from './pandium-token-diagnosis.interface.js';
import { checkPandiumHeader } from './pandium-token-header.check.js';
import { jsonTypeOf, tokenError } from './pandium-token-problem.factory.js';
import { checkPandiumSignature } from './pandium-token-signature.check.js';
import { checkPandiumTimes } from './pandium-token-time.check.js';
import type { PandiumJsonObject } from './pandium-token.decoder.js';
import { decodePandiumToken } from './pandium-token.decoder.js';
import { parsePandiumUrl } from './pandium-url.parser.js';

const DEFAULT_CLOCK_SKEW_SECONDS = 30;
// PandiumJwtSigner signs exp - iat = tokenTtlSeconds + clockSkewSeconds, which its options allow up to 3600 + 300.
const DEFAULT_MAX_LIFETIME_SECONDS = 3900;
const REDACTED = '[redacted]';
// Shorter values are not credible secrets, and replacing them would garble ordinary words in the messages.
const MIN_REDACTED_LENGTH = 4;

/**
 * Checks a Pandium embed token the way Pandium does, and lists every problem at once (not only the first), each
 * with its cause and fix: segments and JSON, the header bytes, the HS256 signature (verified with jose when a
 * secret is given), `iat`/`exp`, lifetime, `jti`, `sub`, `ti` and `ti.xti.token`, and for a URL its account and,
 * for install URLs, `xti.connector_name`/`xti.integration_name`.
 *
 * The result's `claims` carry `ti.xti.token` and every other credential-like key (`*token*`, `*secret*`,
 * `*password*`, `*key*`, `authorization`) masked; no message, cause or fix
 * contains the secret, the token or `ti.xti.token`.
 *
 * @param input a bare JWT, or an install or marketplace URL (the token is its `?tenant=`).
 * @throws {PandiumEmbedError} when an option is out of range (a bad input is a `malformed` problem instead).
 * @see https://docs.pandium.com/marketplaces/embedding-the-integration-install-only
 * @publicApi
 */
export async function diagnosePandiumToken(
  input: string,
  options: PandiumTokenDiagnosisOptions = {},
): Promise<PandiumTokenDiagnosis> {
  const limits = resolveLimits(options);
  let token: string;
  let target: PandiumUrlTarget | undefined;
  try {
    ({ token, target } = parsePandiumUrl(input));
  } catch (error) {
    if (!(error instanceof PandiumEmbedError)) {
      throw error;
    }
    const problem = tokenError(
      'malformed',
      'url',
      error.message,
      'the URL was cut, not quoted in a shell, or built without the token',
      'pass the whole install or marketplace URL, quoted, or the bare token',
    );
    return { valid: false, signatureVerified: false, problems: [problem] };
  }

  const problems: PandiumTokenProblem[] = [];
  const expectedAccount = options.expectedAccount;
  if (
    target !== undefined &&
    expectedAccount !== undefined &&
    target.account !== expectedAccount
  ) {
    problems.push(
      tokenError(
        'account-mismatch',
        'account',
        `the URL's account is ${JSON.stringify(target.account)}, expected ${JSON.stringify(expectedAccount)}`,
        'PANDIUM_ACCOUNT (the account option) on the host app is not the account this check was given',
        `set PANDIUM_ACCOUNT to ${JSON.stringify(expectedAccount)}, the slug in your Integration Hub URL`,
      ),
    );
  }

  const decoded = decodePandiumToken(token);
  problems.push(...decoded.problems);
  let signatureVerified = false;
  if (decoded.segments !== undefined) {
    problems.push(
      ...checkPandiumHeader(
        decoded.segments.header,
        decoded.headerText,
        decoded.header,
      ),
    );
    // A segment that is not base64url already refuses the token; a signature check would only add noise.
    if (
      decoded.header !== undefined &&
      decoded.payloadText !== undefined &&
      decoded.signatureWellFormed
    ) {
      const signature = await checkPandiumSignature(
        token,
        decoded.header.alg,
        options.secret,
      );
      signatureVerified = signature.verified;
      problems.push(...signature.problems);
    }
  }
  if (decoded.payload !== undefined) {
    problems.push(
      ...checkPandiumTimes(decoded.payload, limits),
      ...checkPandiumClaims(decoded.payload, {
        target,
        expectedIntegration: options.expectedIntegration,
        isReplay: options.isReplay,
      }),
    );
  }

  const sensitive = [options.secret, token, ...tokensOf(decoded.payload)];
  return {
    valid: problems.every((problem) => problem.severity !== 'error'),
    signatureVerified,
    header: decoded.header,
    claims: decoded.payload === undefined ? undefined : masked(decoded.payload),
    target,
    problems: problems.map((problem) => redacted(problem, sensitive)),
  };
}

function resolveLimits(options: PandiumTokenDiagnosisOptions) {
  const now = options.now ?? Date.now();
  const clockSkewSeconds =
    options.clockSkewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS;
  const maxLifetimeSeconds =
    options.maxLifetimeSeconds ?? DEFAULT_MAX_LIFETIME_SECONDS;
  const bad = [
    ['now', now],
    ['clockSkewSeconds', clockSkewSeconds],
    ['maxLifetimeSeconds', maxLifetimeSeconds],
  ].filter(([, value]) => !Number.isFinite(value) || (value as number) < 0);
  if (bad.length > 0) {
    throw new PandiumEmbedError(
      PandiumErrorCode.DIAGNOSIS_INPUT_INVALID,
      `diagnosePandiumToken options: ${bad.map(([name]) => name).join(', ')} must be finite numbers, 0 or more.`,
    );
  }
  return {
    nowSeconds: Math.floor(now / 1000),
    clockSkewSeconds,
    maxLifetimeSeconds,
  };
}

/**
 * Keys whose value looks like a credential: `token` (the connector token) and any key naming a token, secret,
 * password or key, or `authorization`, wherever it sits (`xti` extras a host added, or a token put in the wrong
 * place). Their values are masked in the claims and cut out of every text.
 */
const CREDENTIAL_KEY = /token|secret|password|key|^authorization$/i;

/**
 * Every string under a credential-like key, at any depth: `ti.xti.token`, the same token put in the wrong place
 * (`xti` at the top level, `ti.token`), which the claim checks report but the output must not show, and any extra
 * such as `xti.api_key`.
 */
function tokensOf(value: PandiumJsonValue | undefined): string[] {
  if (Array.isArray(value)) {
    return value.flatMap((item) => tokensOf(item));
  }
  if (!isObject(value)) {
    return [];
  }
  return Object.entries(value).flatMap(([key, item]) =>
    CREDENTIAL_KEY.test(key) && typeof item === 'string'
      ? [item]
      : tokensOf(item),
  );
}

/**
 * A copy of the payload with every credential-like value (`ti.xti.token`, one put in the wrong place, an extra such
 * as `xti.api_key`) replaced by its length (or its type, when it is not a string).
 */
function masked(payload: PandiumJsonObject): PandiumJsonObject {
  const copy = structuredClone(payload);
  const mask = (value: PandiumJsonValue): void => {
    if (Array.isArray(value)) {
      value.forEach(mask);
    } else if (isObject(value)) {
      for (const [key, item] of Object.entries(value)) {
        if (CREDENTIAL_KEY.test(key)) {
          value[key] =
            typeof item === 'string'
              ? `[masked, ${item.length} chars]`
              : `[masked, ${jsonTypeOf(item)}]`;
        } else {
          mask(item);
        }
      }
    }
  };
  mask(copy);
  return copy;
}

/** The problem with every credible secret value cut out of its texts, in case a value ever reached one. */
function redacted(
  problem: PandiumTokenProblem,
  sensitive: (string | undefined)[],
): PandiumTokenProblem {
  const values = sensitive.filter(
    (value): value is string =>
      value !== undefined && value.length >= MIN_REDACTED_LENGTH,
  );
  const clean = (text: string) =>
    values.reduce((result, value) => result.replaceAll(value, REDACTED), text);
  return {
    ...problem,
    message: clean(problem.message),
    cause: clean(problem.cause),
    fix: clean(problem.fix),
  };
}

function isObject(value: unknown): value is PandiumJsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
