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
  DEFAULT_EMULATOR_CLOCK_SKEW_SECONDS,
  DEFAULT_MAX_REMEMBERED_JTIS,
} from './pandium-emulator.constants.js';
import { PandiumEmulatorError } from './pandium-emulator.errors.js';
import type {
  PandiumEmulatorIntegration,
  PandiumEmulatorOptions,
  ResolvedPandiumEmulatorOptions,
} from './pandium-emulator-options.interface.js';
import { demoEmulatorIntegrations } from './demo-emulator.integrations.js';

/** `http(s)://host[:port]`, nothing after it but an optional `/`. */
function isOrigin(value: unknown): boolean {
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
  const ids = new Set<number>();
  for (const [index, item] of (value as unknown[]).entries()) {
    const integration = item as Partial<PandiumEmulatorIntegration> | null;
    const label = `item ${index + 1}`;
    if (typeof integration !== 'object' || integration === null) {
      return `${label} must be an object`;
    }
    const { id, name, long_name: longName, connectors } = integration;
    if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) {
      return `${label}: id must be a whole number (Pandium's integration ids are numeric)`;
    }
    if (ids.has(id)) {
      return `${label}: id ${id} is listed twice`;
    }
    ids.add(id);
    if (typeof name !== 'string' || name.length === 0) {
      return `${label}: name must be a non-empty string`;
    }
    if (longName !== null && typeof longName !== 'string') {
      return `${label}: long_name must be a string or null`;
    }
    if (
      !Array.isArray(connectors) ||
      connectors.length === 0 ||
      !connectors.every(
        (connector) =>
          typeof connector?.name === 'string' && connector.name.length > 0,
      )
    ) {
      return `${label}: connectors must list at least one { name }`;
    }
  }
  return undefined;
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
  @Matches(/^[^\s/?#%]{1,128}$/, {
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

  @problemRule('isApiKey', (value) =>
    typeof value === 'string' && value.length > 0 && !/\s/.test(value)
      ? undefined
      : 'must be a non-empty string without white space',
  )
  apiKey!: string;

  @IsOptional()
  @problemRule('isIntegrationList', integrationsProblem)
  integrations?: PandiumEmulatorIntegration[];

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

/** Throws when the process runs in production: the emulator is a development and test tool only. */
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
 */
export function resolvePandiumEmulatorOptions(
  options: PandiumEmulatorOptions,
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
    integrations: structuredClone(
      options.integrations ?? demoEmulatorIntegrations(),
    ),
    clock: options.clock ?? { now: () => Date.now() },
    clockSkewSeconds:
      options.clockSkewSeconds ?? DEFAULT_EMULATOR_CLOCK_SKEW_SECONDS,
    maxRememberedJtis: options.maxRememberedJtis ?? DEFAULT_MAX_REMEMBERED_JTIS,
  };
  for (const name of ['sharedSecret', 'apiKey'] as const) {
    Object.defineProperty(resolved, name, {
      value: options[name],
      enumerable: false,
    });
  }
  return Object.freeze(resolved) as unknown as ResolvedPandiumEmulatorOptions;
}
