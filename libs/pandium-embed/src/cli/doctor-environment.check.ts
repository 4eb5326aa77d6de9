import { randomBytes } from 'node:crypto';
import { PandiumOptionsError } from '../errors/pandium-options.error.js';
import {
  loadPandiumEnvironment,
  PANDIUM_DEVELOPMENT_ACCOUNT,
  PANDIUM_ENV_VARIABLES,
} from '../options/pandium-embed.config.js';
import type { ResolvedPandiumEmbedOptions } from '../options/pandium-embed-options.validator.js';
import { resolvePandiumEmbedOptions } from '../options/pandium-embed-options.validator.js';
import { secretFingerprint } from '../signing/secret-fingerprint.util.js';
import type {
  DoctorFinding,
  DoctorVariable,
} from './doctor-report.interface.js';

/** The variables that hold a secret: doctor says whether they are set, never what they hold. */
const SECRET_VARIABLES: ReadonlySet<string> = new Set([
  PANDIUM_ENV_VARIABLES.sharedSecret,
  PANDIUM_ENV_VARIABLES.apiKey,
  PANDIUM_ENV_VARIABLES.webhookSecret,
]);

/** What doctor read from the environment. @internal */
export interface DoctorEnvironment {
  readonly variables: DoctorVariable[];
  readonly findings: DoctorFinding[];
  /** The options as the module would resolve them, when the variables are valid. */
  readonly options?: ResolvedPandiumEmbedOptions;
  /** The secret's fingerprint, when a valid one is set. */
  readonly secretFingerprint?: string;
}

/**
 * Reads the `PANDIUM_*` variables with `loadPandiumEnvironment`, the rules `pandiumConfig` applies, and reports each
 * problem by variable. Stricter than the module in one way: outside production the module signs for a demo account
 * with a random secret when `PANDIUM_ACCOUNT` or `PANDIUM_SHARED_SECRET` is unset (and warns); Pandium refuses
 * those links, so doctor calls both problems.
 *
 * @internal
 */
export function checkDoctorEnvironment(
  env: Readonly<Record<string, string | undefined>>,
): DoctorEnvironment {
  const read = (name: string): string | undefined =>
    env[name] === '' ? undefined : env[name];
  const production = env.NODE_ENV === 'production';
  const secret = read(PANDIUM_ENV_VARIABLES.sharedSecret);
  const findings: DoctorFinding[] = [];
  if (!production) {
    findings.push(...developmentDefaults(read));
  }
  const variables = listVariables(read);
  let loaded: ReturnType<typeof loadPandiumEnvironment>;
  try {
    // A stand-in for an unset secret (reported above) keeps loadPandiumEnvironment from warning on the console
    // while it checks the other variables; it never reaches the report.
    loaded = loadPandiumEnvironment({
      ...env,
      ...(secret === undefined && !production
        ? {
            [PANDIUM_ENV_VARIABLES.sharedSecret]:
              randomBytes(32).toString('base64url'),
          }
        : {}),
    });
  } catch (error) {
    if (!(error instanceof PandiumOptionsError)) {
      throw error;
    }
    findings.push(...error.problems.map(problemFinding));
    return { variables, findings };
  }
  findings.push({
    check: 'environment',
    status: 'ok',
    message: 'the PANDIUM_* variables pass the checks pandiumConfig applies',
  });
  if (secret === undefined) {
    return { variables, findings, options: resolvePandiumEmbedOptions(loaded) };
  }
  const fingerprint = secretFingerprint(secret);
  findings.push({
    check: 'secret',
    status: 'ok',
    variable: PANDIUM_ENV_VARIABLES.sharedSecret,
    message:
      `${PANDIUM_ENV_VARIABLES.sharedSecret} is set; its SHA-256 starts ${fingerprint}, as the app logs at boot ` +
      `(compare where Pandium's copy is kept: printf %s "$${PANDIUM_ENV_VARIABLES.sharedSecret}" | sha256sum | cut -c1-8)`,
  });
  return {
    variables,
    findings,
    options: resolvePandiumEmbedOptions(loaded),
    secretFingerprint: fingerprint,
  };
}

/** Every variable `pandiumConfig` reads, set or not; a value only when it is no secret and holds none. */
function listVariables(
  read: (name: string) => string | undefined,
): DoctorVariable[] {
  const secrets = [...SECRET_VARIABLES]
    .map(read)
    .filter((value) => value !== undefined);
  return Object.values(PANDIUM_ENV_VARIABLES).map((name) => {
    const value = read(name);
    // A secret pasted into the wrong variable is not printed either.
    const shown =
      value !== undefined &&
      !SECRET_VARIABLES.has(name) &&
      !secrets.includes(value);
    return { name, set: value !== undefined, ...(shown ? { value } : {}) };
  });
}

/** The development defaults the module would fall back on, as problems. */
function developmentDefaults(
  read: (name: string) => string | undefined,
): DoctorFinding[] {
  const findings: DoctorFinding[] = [];
  if (read(PANDIUM_ENV_VARIABLES.account) === undefined) {
    findings.push({
      check: 'environment',
      status: 'problem',
      variable: PANDIUM_ENV_VARIABLES.account,
      message: `${PANDIUM_ENV_VARIABLES.account} is not set`,
      cause: `outside production the app then signs for "${PANDIUM_DEVELOPMENT_ACCOUNT}", an account Pandium does not know`,
      fix: `set ${PANDIUM_ENV_VARIABLES.account} to your account slug (the first path segment of your Integration Hub URL)`,
    });
  }
  if (read(PANDIUM_ENV_VARIABLES.sharedSecret) === undefined) {
    findings.push({
      check: 'secret',
      status: 'problem',
      variable: PANDIUM_ENV_VARIABLES.sharedSecret,
      message: `${PANDIUM_ENV_VARIABLES.sharedSecret} is not set`,
      cause:
        'outside production the app then signs with a random secret made at each boot, and Pandium refuses every link',
      fix: `set ${PANDIUM_ENV_VARIABLES.sharedSecret} to the shared secret Pandium issued for your account`,
    });
  }
  return findings;
}

/** One line of `PandiumOptionsError.problems` (`<VARIABLE> <what is wrong>`) as a problem naming its variable. */
function problemFinding(line: string): DoctorFinding {
  const variable = Object.values(PANDIUM_ENV_VARIABLES).find((name) =>
    line.startsWith(`${name} `),
  );
  return {
    check:
      variable === PANDIUM_ENV_VARIABLES.sharedSecret
        ? 'secret'
        : 'environment',
    status: 'problem',
    ...(variable === undefined ? {} : { variable }),
    message: line,
    cause: 'the app refuses to start with it (PandiumOptionsError)',
    fix:
      variable === undefined
        ? 'correct the variable as the message says'
        : `correct ${variable} as the message says`,
  };
}
