import type { CanActivate, Type as Class } from '@nestjs/common';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  IsObject,
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  IsPandiumCatalog,
  PandiumIntegrationDto,
} from '../core/pandium-integration.dto.js';
import { connectorNameOf } from '../api-catalog/pandium-api-integration.dto.js';
import type { PandiumApiCatalogOptions } from '../api-catalog/pandium-api-catalog-options.interface.js';
import type { PandiumClock } from '../core/pandium-clock.interface.js';
import type {
  PandiumEmbedModuleExtras,
  PandiumEmbedModuleOptions,
  PandiumEnvironment,
  PandiumRateLimitOptions,
} from './pandium-embed-module-options.interface.js';
import type { PandiumEmbedRouterOptions } from '../instances/pandium-embed-router-options.interface.js';
import type { PandiumIntegration } from '../core/pandium-integration.interface.js';
import { IsPandiumSecret } from './shared-secret.validator.js';
import { ACCOUNT_SLUG_PATTERN } from '../signing/pandium-jwt.constants.js';
import {
  API_CATALOG_RETRY_MS,
  DEFAULT_API_CATALOG,
  MAX_API_PAGE_SIZE,
  PANDIUM_API_HOSTS,
  PANDIUM_API_INTEGRATIONS_PATH,
} from '../api-catalog/pandium-api.constants.js';
import {
  DEFAULT_CLOCK_SKEW_SECONDS,
  DEFAULT_LAUNCH_RATE_LIMIT,
  DEFAULT_LAUNCH_TICKET_TTL_SECONDS,
  DEFAULT_MAX_TOKEN_BYTES,
  DEFAULT_PANDIUM_ENVIRONMENT,
  DEFAULT_RATE_LIMIT,
  DEFAULT_ROUTE_PATH,
  DEFAULT_STRATEGY_TIMEOUT_MS,
  DEFAULT_TOKEN_TTL_SECONDS,
  DEFAULT_USER_PROPERTY,
  LAUNCH_TICKET_TTL_BOUNDS,
  PANDIUM_INSTANCE_NAME_PATTERN,
} from './pandium-embed.defaults.js';
import { PANDIUM_HOSTS } from '../signing/pandium-hosts.js';
import { PANDIUM_SYSTEM_CLOCK } from '../core/pandium-system.clock.js';
import { PandiumOptionsError } from '../errors/pandium-options.error.js';
import { IsPandiumBaseUrl } from './base-url.validator.js';
import {
  IsFunctionOption,
  IsWholeNumberFrom,
} from './option-rules.validator.js';
import { withHiddenSecret, withVisibleSecret } from './hidden-secret.util.js';
import type { ValidationProblem } from './validation-problems.util.js';
import { parseWith } from './validation-problems.util.js';

/** @internal */
export const PANDIUM_ENVIRONMENTS = Object.keys(
  PANDIUM_HOSTS,
) as PandiumEnvironment[];

function IsPandiumEnvironment(): PropertyDecorator {
  return IsIn(PANDIUM_ENVIRONMENTS, {
    message: `must be one of ${PANDIUM_ENVIRONMENTS.join(', ')}`,
  });
}

/**
 * The options after validation, with every default applied. The only shape the library's classes read.
 * `sharedSecret` is not enumerable, so logging or serialising this object never shows it.
 *
 * @internal
 */
export interface ResolvedPandiumEmbedOptions {
  readonly account: string;
  readonly environment: PandiumEnvironment;
  readonly baseUrl: string | undefined;
  readonly sharedSecret: string;
  readonly allowShortSecret: boolean;
  readonly tokenTtlSeconds: number;
  readonly clockSkewSeconds: number;
  readonly strategyTimeoutMs: number;
  readonly maxTokenBytes: number;
  readonly launchTicketTtlSeconds: number;
  readonly integrations: readonly PandiumIntegration[] | undefined;
}

/** A fixed-window budget with its defaults applied. @internal */
export interface ResolvedRateLimit {
  readonly limit: number;
  readonly windowSeconds: number;
}

/** The resolved controller settings. @internal */
export interface ResolvedControllerOptions {
  readonly path: string;
  readonly guards: (CanActivate | Class<CanActivate>)[];
  readonly userProperty: string;
  /** `undefined` when rate limiting is off. */
  readonly rateLimit: ResolvedRateLimit | undefined;
  readonly rateLimitKey: PandiumEmbedModuleExtras['rateLimitKey'];
  /** `undefined` when the launch routes are off. */
  readonly launch:
    | {
        /** Per client IP on `GET <prefix>/launch/:ticket`; `undefined` when off. */
        readonly redeemRateLimit: ResolvedRateLimit | undefined;
      }
    | undefined;
}

class PandiumEmbedOptionsSchema implements PandiumEmbedModuleOptions {
  @Matches(ACCOUNT_SLUG_PATTERN, {
    message:
      'must be your Pandium account slug: one URL path segment of 1–128 letters, digits, "-", "_" or "."',
  })
  account!: string;

  @IsOptional()
  @IsPandiumEnvironment()
  environment?: PandiumEnvironment;

  @IsOptional()
  @IsPandiumBaseUrl()
  baseUrl?: string;

  @IsPandiumSecret()
  sharedSecret!: string;

  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  allowShortSecret?: boolean;

  @IsOptional()
  @IsInt({ message: 'must be a whole number of seconds' })
  @Min(1, { message: 'must be at least 1 second' })
  @Max(3600, {
    message:
      'must be at most 3600 seconds: signed links are meant to be short-lived',
  })
  tokenTtlSeconds?: number;

  @IsOptional()
  @IsWholeNumberFrom(0, 300, 'seconds')
  clockSkewSeconds?: number;

  @IsOptional()
  @IsWholeNumberFrom(100, 60000, 'milliseconds')
  strategyTimeoutMs?: number;

  @IsOptional()
  @IsWholeNumberFrom(1024, 65536, 'bytes')
  maxTokenBytes?: number;

  @IsOptional()
  @IsWholeNumberFrom(
    LAUNCH_TICKET_TTL_BOUNDS.min,
    LAUNCH_TICKET_TTL_BOUNDS.max,
    'seconds',
  )
  launchTicketTtlSeconds?: number;

  @IsOptional()
  @IsPandiumCatalog()
  integrations?: PandiumIntegrationDto[];
}

function IsStrategy(): PropertyDecorator {
  return ValidateBy({
    name: 'isPandiumStrategy',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'function' ||
        (typeof value === 'object' &&
          value !== null &&
          Object.keys(value).length === 1 &&
          (typeof (value as { useClass?: unknown }).useClass === 'function' ||
            (value as { useExisting?: unknown }).useExisting !== undefined ||
            'useValue' in value)),
      defaultMessage: () =>
        'must be a class, or exactly one of { useClass }, { useExisting }, { useValue }',
    },
  });
}

class RateLimitSchema {
  @IsOptional()
  @IsInt({ message: 'must be a whole number of requests' })
  @Min(1, { message: 'must be at least 1' })
  limit?: number;

  @IsOptional()
  @IsInt({ message: 'must be a whole number of seconds' })
  @Min(1, { message: 'must be at least 1 second' })
  @Max(86400, { message: 'must be at most 86400 seconds' })
  windowSeconds?: number;
}

class LaunchRouteOptionsSchema {
  @IsOptional()
  @ValidateIf(
    (settings: LaunchRouteOptionsSchema) => settings.redeemRateLimit !== false,
  )
  @IsObject({ message: 'must be false or { limit, windowSeconds }' })
  @ValidateNested()
  @Type(() => RateLimitSchema)
  redeemRateLimit?: RateLimitSchema | false;
}

class ControllerOptionsSchema {
  @IsOptional()
  // Each segment must end in `/` except the last, so the pattern cannot backtrack exponentially on a bad path.
  @Matches(/^\/?([A-Za-z0-9._~-]+\/)*[A-Za-z0-9._~-]*$/, {
    message: 'must be a route path of letters, digits, "-", "_", "." and "/"',
  })
  path?: string;

  @IsOptional()
  @IsArray()
  guards?: unknown[];

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  userProperty?: string;

  @IsOptional()
  @ValidateIf(
    (settings: ControllerOptionsSchema) => settings.rateLimit !== false,
  )
  @IsObject({ message: 'must be false or { limit, windowSeconds }' })
  @ValidateNested()
  @Type(() => RateLimitSchema)
  rateLimit?: RateLimitSchema | false;

  @IsOptional()
  @ValidateIf((settings: ControllerOptionsSchema) => settings.launch !== false)
  @IsObject({ message: 'must be false or { redeemRateLimit }' })
  @ValidateNested()
  @Type(() => LaunchRouteOptionsSchema)
  launch?: LaunchRouteOptionsSchema | false;
}

class PandiumEmbedExtrasSchema {
  @IsOptional()
  @IsIn([true, false], { message: 'must be true or false' })
  isGlobal?: boolean;

  @IsOptional()
  @IsString({ message: 'must be a string' })
  @Matches(PANDIUM_INSTANCE_NAME_PATTERN, {
    message:
      'must be an instance name: a letter, then up to 23 letters, digits, "-" or "_"',
  })
  name?: string;

  @IsStrategy()
  claimsProvider!: unknown;

  @IsStrategy()
  tokenProvider!: unknown;

  @IsOptional()
  @IsStrategy()
  integrationCatalog?: unknown;

  @IsOptional()
  @IsStrategy()
  rateLimitStore?: unknown;

  @IsOptional()
  @IsStrategy()
  launchTicketStore?: unknown;

  @IsOptional()
  @IsFunctionOption('(user) => key')
  rateLimitKey?: unknown;

  @IsOptional()
  @ValidateIf((extras: PandiumEmbedExtrasSchema) => extras.controller !== false)
  @IsObject({ message: 'must be false or an object of controller settings' })
  @ValidateNested()
  @Type(() => ControllerOptionsSchema)
  controller?: ControllerOptionsSchema | false;

  @IsOptional()
  @IsArray()
  imports?: unknown[];
}

class PandiumEmbedRouterOptionsSchema {
  @IsStrategy()
  selector!: unknown;

  @IsOptional()
  @IsWholeNumberFrom(100, 60000, 'milliseconds')
  selectorTimeoutMs?: number;

  @IsOptional()
  @IsObject({ message: 'must be an object of controller settings' })
  @ValidateNested()
  @Type(() => ControllerOptionsSchema)
  controller?: ControllerOptionsSchema;

  @IsOptional()
  @IsStrategy()
  rateLimitStore?: unknown;

  @IsOptional()
  @IsFunctionOption('(user) => key')
  rateLimitKey?: unknown;

  @IsOptional()
  @IsArray()
  imports?: unknown[];
}

/**
 * A strategy as `IsStrategy` reads it, with a `useValue` left out of the check: class-transformer would rebuild
 * a class instance there by calling its constructor without arguments (which may throw, or have effects).
 */
function strategyShape(strategy: unknown): unknown {
  if (
    typeof strategy !== 'object' ||
    strategy === null ||
    !('useValue' in strategy)
  ) {
    return strategy;
  }
  return { ...strategy, useValue: null };
}

/** The controller settings with guard instances left out of the check, for the same reason as `useValue`. */
function controllerShape(controller: unknown): unknown {
  if (typeof controller !== 'object' || controller === null) {
    return controller;
  }
  const { guards } = controller as { guards?: unknown };
  return Array.isArray(guards)
    ? { ...controller, guards: guards.map(() => null) }
    : controller;
}

function failOn(source: string, problems: ValidationProblem[]): void {
  if (problems.length > 0) {
    throw PandiumOptionsError.invalid(source, problems);
  }
}

/**
 * Lists what is wrong with run-time options, each problem naming its option.
 *
 * @internal
 */
export function findOptionProblems(options: unknown): ValidationProblem[] {
  return parseWith(PandiumEmbedOptionsSchema, withVisibleSecret(options))
    .problems;
}

/**
 * Checks run-time options once at boot and applies the defaults.
 *
 * @throws {PandiumOptionsError} listing every bad option (never a secret's value).
 * @internal
 */
export function resolvePandiumEmbedOptions(
  options: unknown,
): ResolvedPandiumEmbedOptions {
  failOn('PandiumEmbedModule options', findOptionProblems(options));
  const valid = options as PandiumEmbedModuleOptions;
  const resolved = {
    account: valid.account,
    environment: valid.environment ?? DEFAULT_PANDIUM_ENVIRONMENT,
    baseUrl: valid.baseUrl,
    allowShortSecret: valid.allowShortSecret ?? false,
    tokenTtlSeconds: valid.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS,
    clockSkewSeconds: valid.clockSkewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS,
    strategyTimeoutMs: valid.strategyTimeoutMs ?? DEFAULT_STRATEGY_TIMEOUT_MS,
    maxTokenBytes: valid.maxTokenBytes ?? DEFAULT_MAX_TOKEN_BYTES,
    launchTicketTtlSeconds:
      valid.launchTicketTtlSeconds ?? DEFAULT_LAUNCH_TICKET_TTL_SECONDS,
    integrations: valid.integrations?.map((integration) =>
      Object.freeze({ ...integration }),
    ),
  };
  return Object.freeze(
    withHiddenSecret({ ...resolved, sharedSecret: valid.sharedSecret }),
  );
}

/**
 * Checks the module-shaping extras (strategies, controller settings) when the module is defined.
 *
 * @throws {PandiumOptionsError} listing every bad extra.
 * @internal
 */
export function validatePandiumEmbedExtras(
  extras: PandiumEmbedModuleExtras,
): void {
  // `forRoot` passes the run-time options along with the extras: only the extras' own keys are checked here.
  const {
    isGlobal,
    name,
    claimsProvider,
    tokenProvider,
    integrationCatalog,
    rateLimitStore,
    launchTicketStore,
    rateLimitKey,
    controller,
    imports,
  } = extras;
  const ownKeys = {
    isGlobal,
    name,
    claimsProvider: strategyShape(claimsProvider),
    tokenProvider: strategyShape(tokenProvider),
    integrationCatalog: strategyShape(integrationCatalog),
    rateLimitStore: strategyShape(rateLimitStore),
    launchTicketStore: strategyShape(launchTicketStore),
    rateLimitKey,
    controller: controllerShape(controller),
    // Modules and dynamic modules are Nest's to check; class-transformer must not copy their providers.
    imports: Array.isArray(imports) ? [] : imports,
  };
  const defined = Object.fromEntries(
    Object.entries(ownKeys).filter(([, value]) => value !== undefined),
  );
  failOn(
    'PandiumEmbedModule options',
    parseWith(PandiumEmbedExtrasSchema, defined).problems,
  );
}

/**
 * Checks the options of `PandiumEmbedRouterModule.forRoot()` when the module is defined.
 *
 * @throws {PandiumOptionsError} listing every bad option.
 * @internal
 */
export function validatePandiumEmbedRouterOptions(
  options: PandiumEmbedRouterOptions,
): void {
  const {
    selector,
    selectorTimeoutMs,
    controller,
    rateLimitStore,
    rateLimitKey,
    imports,
  } = (options ?? {}) as Partial<PandiumEmbedRouterOptions>;
  const ownKeys = {
    selector: strategyShape(selector),
    selectorTimeoutMs,
    controller: controllerShape(controller),
    rateLimitStore: strategyShape(rateLimitStore),
    rateLimitKey,
    imports: Array.isArray(imports) ? [] : imports,
  };
  const defined = Object.fromEntries(
    Object.entries(ownKeys).filter(([, value]) => value !== undefined),
  );
  failOn(
    'PandiumEmbedRouterModule options',
    parseWith(PandiumEmbedRouterOptionsSchema, defined).problems,
  );
}

/**
 * The controller settings with their defaults.
 *
 * @internal
 */
export function resolveControllerOptions(
  extras: Pick<PandiumEmbedModuleExtras, 'controller' | 'rateLimitKey'>,
): ResolvedControllerOptions | undefined {
  const { controller } = extras;
  if (controller === false) {
    return undefined;
  }
  const launch = controller?.launch;
  return {
    path: controller?.path ?? DEFAULT_ROUTE_PATH,
    guards: controller?.guards ?? [],
    userProperty: controller?.userProperty ?? DEFAULT_USER_PROPERTY,
    rateLimit: resolveRateLimit(controller?.rateLimit, DEFAULT_RATE_LIMIT),
    rateLimitKey: extras.rateLimitKey,
    launch:
      launch === false
        ? undefined
        : {
            redeemRateLimit: resolveRateLimit(
              launch?.redeemRateLimit,
              DEFAULT_LAUNCH_RATE_LIMIT,
            ),
          },
  };
}

function resolveRateLimit(
  given: PandiumRateLimitOptions | false | undefined,
  defaults: ResolvedRateLimit,
): ResolvedRateLimit | undefined {
  return given === false
    ? undefined
    : {
        limit: given?.limit ?? defaults.limit,
        windowSeconds: given?.windowSeconds ?? defaults.windowSeconds,
      };
}

/**
 * {@link PandiumApiIntegrationCatalog}'s options after validation, with every default applied. `apiKey` is not
 * enumerable, so logging or serialising this object never shows it.
 *
 * @internal
 */
export interface ResolvedPandiumApiCatalogOptions<TUser> {
  readonly apiKey: string;
  /** `<base>/v2/integrations`, without a query. */
  readonly integrationsUrl: string;
  readonly ttlMs: number;
  /** How long a stale copy is served after a failed refresh before the next try. */
  readonly retryMs: number;
  readonly requestTimeoutMs: number;
  readonly pageSize: number;
  readonly connectorName: PandiumApiCatalogOptions<TUser>['connectorName'];
  readonly filter: PandiumApiCatalogOptions<TUser>['filter'];
  readonly clock: PandiumClock;
}

/** Why an API key is refused, or undefined. Never says anything about its content. */
function apiKeyProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') {
    return 'must be your Pandium API key, as a string';
  }
  if (value.length === 0) {
    return 'must not be empty: set it to your Pandium API key';
  }
  // A header value cannot hold line breaks, and a pasted key often ends with one.
  if (/\s/.test(value)) {
    return 'must not contain white space (a pasted key often ends with a newline): remove it';
  }
  return undefined;
}

const isFunction = (value: unknown): boolean => typeof value === 'function';

class PandiumApiCatalogOptionsSchema {
  @ValidateBy({
    name: 'isPandiumApiKey',
    validator: {
      validate: (value: unknown) => apiKeyProblem(value) === undefined,
      defaultMessage: (args) => apiKeyProblem(args?.value) ?? 'is invalid',
    },
  })
  apiKey!: string;

  @IsOptional()
  @IsPandiumEnvironment()
  environment?: PandiumEnvironment;

  @IsOptional()
  @IsPandiumBaseUrl()
  apiBaseUrl?: string;

  @IsOptional()
  @IsWholeNumberFrom(1, 86400, 'seconds')
  ttlSeconds?: number;

  @IsOptional()
  @IsWholeNumberFrom(100, 60000, 'milliseconds')
  requestTimeoutMs?: number;

  @IsOptional()
  @IsInt({ message: 'must be a whole number of integrations' })
  @Min(1, { message: `must be from 1 to ${MAX_API_PAGE_SIZE}` })
  @Max(MAX_API_PAGE_SIZE, { message: `must be from 1 to ${MAX_API_PAGE_SIZE}` })
  pageSize?: number;

  @IsOptional()
  @ValidateBy({
    name: 'isPandiumConnectorNameOption',
    validator: {
      validate: (value: unknown) =>
        isFunction(value) ||
        (typeof value === 'string' && connectorNameOf(value) === value),
      defaultMessage: () =>
        'must be a connector name of 1–256 characters, or a function (integration) => name',
    },
  })
  connectorName?: unknown;

  @IsOptional()
  @IsFunctionOption('(integrations, user) => integrations')
  filter?: unknown;

  @IsOptional()
  @ValidateBy({
    name: 'isPandiumClock',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'object' &&
        value !== null &&
        isFunction((value as { now?: unknown }).now),
      defaultMessage: () => 'must be an object with a now() method',
    },
  })
  clock?: unknown;
}

/**
 * Checks {@link PandiumApiIntegrationCatalog}'s options once, when it is constructed, and applies the defaults.
 *
 * @throws {PandiumOptionsError} listing every bad option (never the API key's value).
 * @internal
 */
export function resolvePandiumApiCatalogOptions<TUser>(
  options: PandiumApiCatalogOptions<TUser>,
): ResolvedPandiumApiCatalogOptions<TUser> {
  const given: unknown = options;
  const clock =
    typeof given === 'object' && given !== null
      ? (given as { clock?: unknown }).clock
      : undefined;
  // class-transformer would rebuild a clock that is a class instance with `new`: check a plain copy of what is read.
  const checked =
    typeof clock === 'object' && clock !== null
      ? { ...options, clock: { now: (clock as { now?: unknown }).now } }
      : given;
  failOn(
    'PandiumApiIntegrationCatalog options',
    parseWith(PandiumApiCatalogOptionsSchema, checked).problems,
  );
  const environment = options.environment ?? DEFAULT_PANDIUM_ENVIRONMENT;
  const base = options.apiBaseUrl ?? PANDIUM_API_HOSTS[environment];
  // The trailing slash keeps a base URL's own path (a proxy's prefix) in front of the API's path.
  const integrationsUrl = new URL(
    PANDIUM_API_INTEGRATIONS_PATH,
    base.endsWith('/') ? base : `${base}/`,
  ).href;
  const ttlMs = (options.ttlSeconds ?? DEFAULT_API_CATALOG.ttlSeconds) * 1000;
  const resolved = {
    apiKey: options.apiKey,
    integrationsUrl,
    ttlMs,
    retryMs: Math.min(ttlMs, API_CATALOG_RETRY_MS),
    requestTimeoutMs:
      options.requestTimeoutMs ?? DEFAULT_API_CATALOG.requestTimeoutMs,
    pageSize: options.pageSize ?? DEFAULT_API_CATALOG.pageSize,
    connectorName: options.connectorName,
    filter: options.filter,
    clock: options.clock ?? PANDIUM_SYSTEM_CLOCK,
  };
  return Object.freeze(
    withHiddenSecret(
      resolved,
      'apiKey',
    ) as ResolvedPandiumApiCatalogOptions<TUser>,
  );
}
