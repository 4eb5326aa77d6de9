import { applyDecorators } from '@nestjs/common';
import { IsBoolean, IsIn, IsInt, Matches, Max, Min } from 'class-validator';
import { IsPandiumCatalog } from '../core/pandium-integration.dto.js';
import type { PandiumIntegration } from '../core/pandium-integration.interface.js';
import { PandiumOptionsError } from '../errors/pandium-options.error.js';
import { PANDIUM_API_HOSTS, PANDIUM_HOSTS } from '../signing/pandium-hosts.js';
import { IsPandiumApiKey } from './api-key.validator.js';
import { ACCOUNT_SLUG_PATTERN } from '../signing/pandium-jwt.constants.js';
import { IsPandiumBaseUrl } from './base-url.validator.js';
import {
  IsWholeNumberFrom,
  OptionalOptions,
} from './option-rules.validator.js';
import type {
  PandiumEmbedModuleOptions,
  PandiumEnvironment,
} from './pandium-embed-module-options.interface.js';
import {
  LAUNCH_TICKET_TTL_BOUNDS,
  PANDIUM_EMBED_DEFAULTS,
} from './pandium-embed.defaults.js';
import {
  PandiumSecret,
  revealedSecret,
  revealedSecrets,
} from './pandium.secret.js';
import { IsPandiumSecret } from './shared-secret.validator.js';
import { IsPandiumWebhookSecret } from './webhook-secret.validator.js';
import type { ValidationProblem } from './validation-problems.util.js';
import { parseWith } from './validation-problems.util.js';

/** @internal */
export const PANDIUM_ENVIRONMENTS = Object.keys(
  PANDIUM_HOSTS,
) as PandiumEnvironment[];

/** One of Pandium's environments, by name. @internal */
export function IsPandiumEnvironment(): PropertyDecorator {
  return IsIn(PANDIUM_ENVIRONMENTS, {
    message: `must be one of ${PANDIUM_ENVIRONMENTS.join(', ')}`,
  });
}

/**
 * The options after validation, with every default applied. The only shape the library's classes read.
 * `sharedSecret` is a {@link PandiumSecret}, so logging or serialising this object never shows it.
 *
 * @internal
 */
export interface ResolvedPandiumEmbedOptions {
  readonly account: string;
  readonly environment: PandiumEnvironment;
  readonly baseUrl: string | undefined;
  readonly sharedSecret: PandiumSecret;
  readonly allowShortSecret: boolean;
  readonly tokenTtlSeconds: number;
  readonly clockSkewSeconds: number;
  readonly strategyTimeoutMs: number;
  readonly maxTokenBytes: number;
  readonly launchTicketTtlSeconds: number;
  readonly integrations: readonly PandiumIntegration[] | undefined;
  /** Present only when the host app configured one: integration statuses are read only then. */
  readonly apiKey: PandiumSecret | undefined;
  /** The REST API host: `apiBaseUrl`, or the environment's. */
  readonly apiBaseUrl: string;
  readonly statusCacheTtlSeconds: number;
  /** The webhook secrets accepted (two during a rotation), none when `webhookSecret` is not set. */
  readonly webhookSecrets: readonly PandiumSecret[];
}

/** The run-time options as class-validator checks them: data only, the secret revealed (messages never hold values). */
@OptionalOptions({
  environment: IsPandiumEnvironment(),
  baseUrl: IsPandiumBaseUrl(),
  allowShortSecret: IsBoolean({ message: 'must be true or false' }),
  tokenTtlSeconds: applyDecorators(
    IsInt({ message: 'must be a whole number of seconds' }),
    Min(1, { message: 'must be at least 1 second' }),
    Max(3600, {
      message:
        'must be at most 3600 seconds: signed links are meant to be short-lived',
    }),
  ),
  clockSkewSeconds: IsWholeNumberFrom(0, 300, 'seconds'),
  strategyTimeoutMs: IsWholeNumberFrom(100, 60000, 'milliseconds'),
  maxTokenBytes: IsWholeNumberFrom(1024, 65536, 'bytes'),
  launchTicketTtlSeconds: IsWholeNumberFrom(
    LAUNCH_TICKET_TTL_BOUNDS.min,
    LAUNCH_TICKET_TTL_BOUNDS.max,
    'seconds',
  ),
  integrations: IsPandiumCatalog(),
  apiKey: IsPandiumApiKey(),
  apiBaseUrl: IsPandiumBaseUrl(),
  statusCacheTtlSeconds: IsWholeNumberFrom(1, 3600, 'seconds'),
  webhookSecret: IsPandiumWebhookSecret(),
})
class PandiumEmbedOptionsSchema {
  @Matches(ACCOUNT_SLUG_PATTERN, {
    message:
      'must be your Pandium account slug: one URL path segment of 1–128 letters, digits, "-", "_" or "."',
  })
  account!: string;

  @IsPandiumSecret()
  sharedSecret!: string;
}

/**
 * Lists what is wrong with run-time options, each problem naming its option.
 *
 * @internal
 */
export function findOptionProblems(options: unknown): ValidationProblem[] {
  const checked =
    typeof options === 'object' && options !== null
      ? {
          ...options,
          // Read by name, not spread: a secret given as a non-enumerable property is still found.
          sharedSecret: revealedSecret(
            (options as { sharedSecret?: unknown }).sharedSecret,
          ),
          apiKey: revealedSecret((options as { apiKey?: unknown }).apiKey),
          webhookSecret: revealedSecrets(
            (options as { webhookSecret?: unknown }).webhookSecret,
          ),
        }
      : options;
  return parseWith(PandiumEmbedOptionsSchema, checked).problems;
}

/**
 * Checks run-time options once at boot and applies the defaults, merged once.
 *
 * @throws {PandiumOptionsError} listing every bad option (never a secret's value).
 * @internal
 */
export function resolvePandiumEmbedOptions(
  options: unknown,
): ResolvedPandiumEmbedOptions {
  const problems = findOptionProblems(options);
  if (problems.length > 0) {
    throw PandiumOptionsError.invalid('PandiumEmbedModule options', problems);
  }
  const valid = options as PandiumEmbedModuleOptions;
  // The webhook secrets are kept as a list of PandiumSecrets only, below.
  const given = Object.fromEntries(
    Object.entries(valid).filter(
      ([key, value]) => value !== undefined && key !== 'webhookSecret',
    ),
  );
  const environment = valid.environment ?? PANDIUM_EMBED_DEFAULTS.environment;
  return Object.freeze({
    ...PANDIUM_EMBED_DEFAULTS,
    baseUrl: undefined,
    ...given,
    sharedSecret: PandiumSecret.from(valid.sharedSecret),
    apiKey:
      valid.apiKey === undefined ? undefined : PandiumSecret.from(valid.apiKey),
    apiBaseUrl: valid.apiBaseUrl ?? PANDIUM_API_HOSTS[environment],
    webhookSecrets: [valid.webhookSecret ?? []]
      .flat()
      .map((secret) => PandiumSecret.from(secret)),
    integrations: valid.integrations?.map((integration) =>
      Object.freeze({ ...integration }),
    ),
  }) as unknown as ResolvedPandiumEmbedOptions;
}
