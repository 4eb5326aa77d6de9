import { Logger } from '@nestjs/common';
import { registerAs } from '@nestjs/config';
import { randomBytes } from 'node:crypto';
import type {
  PandiumEmbedModuleOptions,
  PandiumEnvironment,
} from './pandium-embed-module-options.interface.js';
import { findOptionProblems } from './pandium-embed-options.validator.js';
import { PandiumOptionsError } from '../errors/pandium-options.error.js';
import type { ValidationProblem } from './validation-problems.util.js';
import { renamePaths } from './validation-problems.util.js';
import { PandiumSecret } from './pandium.secret.js';

/**
 * The environment variable each option is read from.
 *
 * @internal
 */
export const PANDIUM_ENV_VARIABLES = {
  account: 'PANDIUM_ACCOUNT',
  environment: 'PANDIUM_ENVIRONMENT',
  baseUrl: 'PANDIUM_BASE_URL',
  sharedSecret: 'PANDIUM_SHARED_SECRET',
  allowShortSecret: 'PANDIUM_ALLOW_SHORT_SECRET',
  tokenTtlSeconds: 'PANDIUM_TOKEN_TTL_SECONDS',
  launchTicketTtlSeconds: 'PANDIUM_LAUNCH_TICKET_TTL_SECONDS',
  apiKey: 'PANDIUM_API_KEY',
  apiBaseUrl: 'PANDIUM_API_BASE_URL',
  statusCacheTtlSeconds: 'PANDIUM_STATUS_CACHE_TTL_SECONDS',
  webhookSecret: 'PANDIUM_WEBHOOK_SECRET',
} as const satisfies Partial<Record<keyof PandiumEmbedModuleOptions, string>>;

/**
 * The account slug used outside production when `PANDIUM_ACCOUNT` is not set.
 *
 * @internal
 */
export const PANDIUM_DEVELOPMENT_ACCOUNT = 'pandium-embed-demo';

const logger = new Logger('PandiumEmbedConfig');

/**
 * Reads Pandium's options from environment variables and checks them; problems name the variable.
 * Outside production (`NODE_ENV` other than `production`) a missing account gets a demo slug and a missing
 * secret a random one per boot, with a warning naming the variable to set; in production both are required.
 * `PANDIUM_API_KEY` (optional) turns on integration statuses; `PANDIUM_WEBHOOK_SECRET` (optional, two comma-separated
 * during a rotation) is the webhook receiver's secret. The secret and the API key come as {@link PandiumSecret}s, so the options can be spread, logged or dumped without showing it.
 *
 * @param env the environment, `process.env` by default.
 * @throws {PandiumOptionsError} listing every bad or missing variable (never a secret's value).
 * @publicApi
 */
export function loadPandiumEnvironment(
  env: NodeJS.ProcessEnv = process.env,
): Omit<PandiumEmbedModuleOptions, 'sharedSecret'> & {
  sharedSecret: PandiumSecret;
} {
  const production = env.NODE_ENV === 'production';
  const problems: ValidationProblem[] = [];
  const read = (name: string): string | undefined =>
    env[name] === '' ? undefined : env[name];

  let account = read(PANDIUM_ENV_VARIABLES.account);
  let sharedSecret = read(PANDIUM_ENV_VARIABLES.sharedSecret);
  if (production) {
    for (const [value, name] of [
      [account, PANDIUM_ENV_VARIABLES.account],
      [sharedSecret, PANDIUM_ENV_VARIABLES.sharedSecret],
    ] as const) {
      if (value === undefined) {
        problems.push({
          path: name,
          message: 'is required when NODE_ENV=production',
        });
      }
    }
  } else {
    account ??= PANDIUM_DEVELOPMENT_ACCOUNT;
    if (sharedSecret === undefined) {
      sharedSecret = randomBytes(32).toString('base64url');
      logger.warn(
        `${PANDIUM_ENV_VARIABLES.sharedSecret} is not set: signing with a random secret made for this boot. ` +
          'Pandium will refuse these tokens; set it to the secret Pandium issued.',
      );
    }
  }

  // Whole seconds; the range is the module's own rule, checked below with the other options.
  const readSeconds = (name: string): number | undefined => {
    const value = read(name);
    if (value === undefined) {
      return undefined;
    }
    if (!/^\d+$/.test(value)) {
      problems.push({
        path: name,
        message: 'must be a whole number of seconds',
      });
      return undefined;
    }
    return Number(value);
  };
  const tokenTtlSeconds = readSeconds(PANDIUM_ENV_VARIABLES.tokenTtlSeconds);
  const launchTicketTtlSeconds = readSeconds(
    PANDIUM_ENV_VARIABLES.launchTicketTtlSeconds,
  );
  const statusCacheTtlSeconds = readSeconds(
    PANDIUM_ENV_VARIABLES.statusCacheTtlSeconds,
  );
  const allowShort = read(PANDIUM_ENV_VARIABLES.allowShortSecret);
  if (allowShort !== undefined && !['true', 'false'].includes(allowShort)) {
    problems.push({
      path: PANDIUM_ENV_VARIABLES.allowShortSecret,
      message: 'must be true or false',
    });
  }
  const options: PandiumEmbedModuleOptions = {
    account: account as string,
    environment: read(PANDIUM_ENV_VARIABLES.environment) as
      PandiumEnvironment | undefined,
    baseUrl: read(PANDIUM_ENV_VARIABLES.baseUrl),
    sharedSecret: sharedSecret as string,
    allowShortSecret: allowShort === 'true' ? true : undefined,
    tokenTtlSeconds,
    launchTicketTtlSeconds,
    apiKey: read(PANDIUM_ENV_VARIABLES.apiKey),
    apiBaseUrl: read(PANDIUM_ENV_VARIABLES.apiBaseUrl),
    statusCacheTtlSeconds,
    // Two during a rotation, comma-separated (a secret holds no comma).
    webhookSecret: read(PANDIUM_ENV_VARIABLES.webhookSecret)?.split(','),
  };
  const defined = Object.fromEntries(
    Object.entries(options).filter(([, value]) => value !== undefined),
  );
  // The option rules are the module's own; only their names change. A variable already reported is not repeated.
  const reported = new Set(problems.map(({ path }) => path));
  problems.push(
    ...renamePaths(findOptionProblems(defined), PANDIUM_ENV_VARIABLES)
      .filter(({ path }) => !reported.has(path))
      // The short-secret hint names the option to set; here, the variable is what can be set.
      .map(({ path, message }) => ({
        path,
        message: message.replace(
          /\ballowShortSecret\b/g,
          PANDIUM_ENV_VARIABLES.allowShortSecret,
        ),
      })),
  );
  if (problems.length > 0) {
    throw PandiumOptionsError.invalid(
      'Pandium environment variables',
      problems,
    );
  }
  // The config namespace is what a config dump would print.
  return {
    ...(defined as unknown as PandiumEmbedModuleOptions),
    sharedSecret: PandiumSecret.from(sharedSecret as string),
    ...(options.apiKey === undefined
      ? {}
      : { apiKey: PandiumSecret.from(options.apiKey) }),
    ...(options.webhookSecret === undefined
      ? {}
      : {
          webhookSecret: (options.webhookSecret as string[]).map((secret) =>
            PandiumSecret.from(secret),
          ),
        }),
  };
}

/**
 * Pandium's options from the environment, as a `@nestjs/config` namespace (`pandium`). Its `asProvider()` is
 * what `PandiumEmbedModule.forRootAsync` takes; to add options that do not come from the environment (a static
 * `integrations` catalog), replace its `useFactory` and spread what it gives: the secret survives the spread.
 *
 * @example
 * PandiumEmbedModule.forRootAsync({ ...pandiumConfig.asProvider(), claimsProvider, tokenProvider })
 * PandiumEmbedModule.forRootAsync({
 *   ...pandiumConfig.asProvider(),
 *   useFactory: (pandium: ConfigType<typeof pandiumConfig>) => ({ ...pandium, integrations }),
 *   claimsProvider,
 *   tokenProvider,
 * })
 * @publicApi
 */
export const pandiumConfig = registerAs(
  'pandium',
  (): Omit<PandiumEmbedModuleOptions, 'sharedSecret'> & {
    sharedSecret: PandiumSecret;
  } => loadPandiumEnvironment(),
);
