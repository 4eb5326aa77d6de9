import { randomBytes } from 'node:crypto';
import {
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateBy,
  validateSync,
} from 'class-validator';
import {
  DEFAULT_EMULATOR_RUN_MS,
  EMULATOR_ACCOUNT_PATTERN,
  DEFAULT_EMULATOR_CLOCK_SKEW_SECONDS,
  DEFAULT_MAX_REMEMBERED_JTIS,
} from './pandium-emulator.constants.js';
import { PandiumEmulatorError } from './pandium-emulator.errors.js';
import type {
  EmulatorApiIntegration,
  PandiumEmulatorAppSettings,
  ResolvedPandiumEmulatorOptions,
} from './pandium-emulator-options.interface.js';
import type { PandiumIntegration } from '../core/pandium-integration.interface.js';
import { DEFAULT_EMULATOR_INTEGRATIONS } from './pandium-emulator.defaults.js';

/** `http(s)://host[:port]`, nothing after it but an optional `/`. @internal */
export function isOrigin(value: unknown): boolean {
  if (typeof value !== 'string' || !URL.canParse(value)) {
    return false;
  }
  const url = new URL(value);
  return (
    ['http:', 'https:'].includes(url.protocol) &&
    url.origin === value.replace(/\/$/, '')
  );
}

/** What is wrong with the integration list, or undefined. Names the item, never a secret. */
function integrationsProblem(value: unknown): string | undefined {
  if (!Array.isArray(value)) {
    return 'must be a list of integrations';
  }
  const ids = new Set<string>();
  for (const [index, item] of (value as unknown[]).entries()) {
    const integration = item as Partial<PandiumIntegration> | null;
    const label = `item ${index + 1}`;
    if (typeof integration !== 'object' || integration === null) {
      return `${label} must be an object`;
    }
    const { id, name, connectorName, displayName } = integration;
    if (
      typeof id !== 'string' ||
      !/^\d{1,15}$/.test(id) ||
      !Number.isSafeInteger(Number(id))
    ) {
      return `${label}: id must be a string of digits (Pandium's integration ids are numeric)`;
    }
    if (ids.has(String(Number(id)))) {
      return `${label}: id ${id} is listed twice`;
    }
    ids.add(String(Number(id)));
    for (const [field, text] of [
      ['name', name],
      ['connectorName', connectorName],
    ] as const) {
      if (typeof text !== 'string' || text.length === 0) {
        return `${label}: ${field} must be a non-empty string`;
      }
    }
    if (displayName !== undefined && typeof displayName !== 'string') {
      return `${label}: displayName must be a string when given`;
    }
  }
  return undefined;
}

/** The integrations in Pandium's REST API shape, in id order, as `GET /v2/integrations` lists them. */
function toApiIntegrations(
  integrations: readonly PandiumIntegration[],
): EmulatorApiIntegration[] {
  return integrations
    .map(({ id, name, connectorName, displayName }) => ({
      id: Number(id),
      name,
      long_name: displayName ?? null,
      connectors: [{ name: connectorName }],
    }))
    .sort((a, b) => a.id - b.id);
}

const problemRule = (
  name: string,
  problem: (value: unknown) => string | undefined,
): PropertyDecorator =>
  ValidateBy({
    name,
    validator: {
      validate: (value: unknown) => problem(value) === undefined,
      defaultMessage: (args) =>
        `${args?.property} ${problem(args?.value) ?? 'is invalid'}`,
    },
  });

class PandiumEmulatorOptionsSchema {
  @IsString({ message: '$property must be a string' })
  @Matches(EMULATOR_ACCOUNT_PATTERN, {
    message:
      '$property must be 1–128 characters without white space, /, ?, # or %',
  })
  account!: string;

  // The value is never part of a message: this rule says nothing about its content.
  @problemRule('isSharedSecret', (value) =>
    typeof value === 'string' && value.length > 0
      ? undefined
      : 'must be the non-empty secret the host app signs with',
  )
  sharedSecret!: string;

  @ValidateBy({
    name: 'isOrigin',
    validator: {
      validate: isOrigin,
      defaultMessage: () =>
        'hostOrigin must be an http(s) origin such as http://localhost:3000 (no path, query or fragment)',
    },
  })
  hostOrigin!: string;

  @IsOptional()
  @problemRule('isApiKey', (value) =>
    typeof value === 'string' && value.length > 0 && !/\s/.test(value)
      ? undefined
      : 'must be a non-empty string without white space',
  )
  apiKey!: string;

  @IsOptional()
  @problemRule('isIntegrationList', integrationsProblem)
  integrations?: EmulatorApiIntegration[];

  @IsOptional()
  @problemRule('isWebhookUrl', (value) =>
    typeof value === 'string' &&
    URL.canParse(value) &&
    ['http:', 'https:'].includes(new URL(value).protocol)
      ? undefined
      : 'must be an absolute http(s) URL',
  )
  webhookUrl?: string;

  @IsOptional()
  @IsInt({ message: '$property must be a whole number of milliseconds' })
  @Min(0, { message: '$property must be from 0 to 600000' })
  @Max(600_000, { message: '$property must be from 0 to 600000' })
  runDurationMs?: number;

  @IsOptional()
  @problemRule('isClock', (value) =>
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { now?: unknown }).now === 'function'
      ? undefined
      : 'must be an object with a now() method',
  )
  clock?: unknown;

  @IsOptional()
  @IsInt({ message: '$property must be a whole number of seconds' })
  @Min(0, { message: '$property must be from 0 to 300' })
  @Max(300, { message: '$property must be from 0 to 300' })
  clockSkewSeconds?: number;

  @IsOptional()
  @IsInt({ message: '$property must be a whole number' })
  @Min(1, { message: '$property must be from 1 to 1000000' })
  @Max(1_000_000, { message: '$property must be from 1 to 1000000' })
  maxRememberedJtis?: number;
}

/** Throws when the process runs in production: the emulator is a development and test tool only. @internal */
export function refuseInProduction(env: NodeJS.ProcessEnv = process.env): void {
  if (env.NODE_ENV === 'production') {
    throw PandiumEmulatorError.inProduction();
  }
}

/**
 * Checks the emulator's options once, applies the defaults, and hides the secret and the API key from
 * enumeration (so a dump of the options never shows them).
 *
 * @throws {PandiumEmulatorError} when `NODE_ENV=production`, or listing every bad option.
 *
 * @internal
 */
export function resolvePandiumEmulatorOptions(
  options: PandiumEmulatorAppSettings,
  env: NodeJS.ProcessEnv = process.env,
): ResolvedPandiumEmulatorOptions {
  refuseInProduction(env);
  // Checked on a copy of what is read: class-transformer would rebuild a clock that is a class instance.
  const schema = Object.assign(new PandiumEmulatorOptionsSchema(), options);
  const problems = validateSync(schema, {
    forbidUnknownValues: true,
    // A misspelt option (`secret` for `sharedSecret`) is named rather than ignored.
    whitelist: true,
    forbidNonWhitelisted: true,
    validationError: { target: false, value: false },
  }).flatMap((error) => Object.values(error.constraints ?? {}));
  if (problems.length > 0) {
    throw PandiumEmulatorError.invalidOptions(problems);
  }
  const resolved = {
    account: options.account,
    hostOrigin: options.hostOrigin.replace(/\/$/, ''),
    integrations: toApiIntegrations(
      options.integrations ?? DEFAULT_EMULATOR_INTEGRATIONS,
    ),
    runDurationMs: options.runDurationMs ?? DEFAULT_EMULATOR_RUN_MS,
    clock: options.clock ?? { now: () => Date.now() },
    clockSkewSeconds:
      options.clockSkewSeconds ?? DEFAULT_EMULATOR_CLOCK_SKEW_SECONDS,
    maxRememberedJtis: options.maxRememberedJtis ?? DEFAULT_MAX_REMEMBERED_JTIS,
  };
  const hidden = {
    webhookUrl: options.webhookUrl,
    sharedSecret: options.sharedSecret,
    apiKey: options.apiKey ?? randomBytes(24).toString('base64url'),
  };
  for (const [name, value] of Object.entries(hidden)) {
    Object.defineProperty(resolved, name, { value, enumerable: false });
  }
  return Object.freeze(resolved) as unknown as ResolvedPandiumEmulatorOptions;
}
