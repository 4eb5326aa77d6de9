import type {
  CanActivate,
  DynamicModule,
  Provider,
  Type,
} from '@nestjs/common';
import { Controller, UseGuards } from '@nestjs/common';
import type {
  PandiumEmbedModuleExtras,
  PandiumStrategy,
} from './interfaces/index.js';
import { PandiumAuthenticatedGuard } from './pandium-authenticated.guard.js';
import { PandiumNoInputGuard } from './pandium-no-input.guard.js';
import type { ResolvedControllerOptions } from './pandium-embed-options.validator.js';
import {
  resolveControllerOptions,
  resolvePandiumEmbedOptions,
  validatePandiumEmbedExtras,
} from './pandium-embed-options.validator.js';
import {
  PANDIUM_CLAIMS_PROVIDER,
  PANDIUM_CLOCK,
  PANDIUM_CONTROLLER_OPTIONS,
  PANDIUM_EMBED_MODULE_OPTIONS,
  PANDIUM_INTEGRATION_CATALOG,
  PANDIUM_LAUNCH_TICKET_STORE,
  PANDIUM_RATE_LIMIT_STORE,
  PANDIUM_RESOLVED_OPTIONS,
  PANDIUM_SYSTEM_CLOCK,
  PANDIUM_TOKEN_PROVIDER,
} from './pandium-embed.constants.js';
import { PandiumEmbedController } from './pandium-embed.controller.js';
import { InMemoryLaunchTicketStore } from './in-memory-launch-ticket.store.js';
import { InMemoryRateLimitStore } from './in-memory-rate-limit.store.js';
import { PandiumLaunchController } from './pandium-launch.controller.js';
import { PandiumLaunchTicketController } from './pandium-launch-ticket.controller.js';
import { StaticIntegrationCatalog } from './static-integration.catalog.js';
import { withHiddenSecret } from './utils/hidden-secret.util.js';

/** Validates the raw options once, at boot, and applies defaults. @internal */
export const resolvedOptionsProvider: Provider = {
  provide: PANDIUM_RESOLVED_OPTIONS,
  useFactory: resolvePandiumEmbedOptions,
  inject: [PANDIUM_EMBED_MODULE_OPTIONS],
};

/** @internal */
export const clockProvider: Provider = {
  provide: PANDIUM_CLOCK,
  useValue: PANDIUM_SYSTEM_CLOCK,
};

/** Turns a strategy as the host app wrote it into a provider under the library's token. @internal */
export function createStrategyProvider<T>(
  token: string,
  strategy: PandiumStrategy<T>,
): Provider {
  if (typeof strategy === 'function') {
    return { provide: token, useClass: strategy };
  }
  return { provide: token, ...strategy } as Provider;
}

/** The guards every route for signed-in users runs, in order. */
function userRouteGuards(
  settings: ResolvedControllerOptions,
): (CanActivate | Type<CanActivate>)[] {
  return [
    ...settings.guards,
    new PandiumAuthenticatedGuard(settings.userProperty),
    new PandiumNoInputGuard(),
  ];
}

/** Puts a configured subclass under the prefix, behind `guards`, with the public class's name in Nest's route logs. */
function register<T>(
  configured: Type<T>,
  publicClass: Type<unknown>,
  path: string,
  guards: (CanActivate | Type<CanActivate>)[],
): Type<T> {
  Controller(path)(configured);
  if (guards.length > 0) {
    UseGuards(...guards)(configured);
  }
  Object.defineProperty(configured, 'name', { value: publicClass.name });
  return configured;
}

/**
 * The controller with the configured prefix and guards: the host app's guards first, then the check that a
 * user is present (401), then the refusal of any query string or body (400). The routes that sign add the
 * rate limit (429) themselves.
 *
 * @internal
 */
export function createPandiumEmbedController(
  settings: ResolvedControllerOptions,
): Type<PandiumEmbedController> {
  class ConfiguredPandiumEmbedController extends PandiumEmbedController {
    protected override readonly userProperty = settings.userProperty;
  }
  return register(
    ConfiguredPandiumEmbedController,
    PandiumEmbedController,
    settings.path,
    userRouteGuards(settings),
  );
}

/**
 * The launch controllers, unless `controller.launch` is `false`: the routes for signed-in users behind the same
 * guards as {@link createPandiumEmbedController}'s, and the ticket redemption behind none (the ticket is the
 * credential; it limits itself per IP).
 *
 * @internal
 */
export function createPandiumLaunchControllers(
  settings: ResolvedControllerOptions,
): Type<unknown>[] {
  if (settings.launch === undefined) {
    return [];
  }
  class ConfiguredPandiumLaunchController extends PandiumLaunchController {
    protected override readonly userProperty = settings.userProperty;
    protected override readonly routePath = settings.path;
  }
  class ConfiguredPandiumLaunchTicketController extends PandiumLaunchTicketController {}
  return [
    register(
      ConfiguredPandiumLaunchController,
      PandiumLaunchController,
      settings.path,
      userRouteGuards(settings),
    ),
    register(
      ConfiguredPandiumLaunchTicketController,
      PandiumLaunchTicketController,
      settings.path,
      [],
    ),
  ];
}

/** Makes the raw-options provider (forRoot's value, forRootAsync's factory) hand out options with the secret hidden. */
function hidingSecret(provider: Provider): Provider {
  if (
    typeof provider !== 'object' ||
    provider.provide !== PANDIUM_EMBED_MODULE_OPTIONS
  ) {
    return provider;
  }
  if ('useValue' in provider) {
    const value: unknown = provider.useValue;
    return { ...provider, useValue: withHiddenSecret(value) };
  }
  if ('useFactory' in provider) {
    const create = provider.useFactory as (...args: unknown[]) => unknown;
    return {
      ...provider,
      useFactory: async (...args: unknown[]) =>
        withHiddenSecret<unknown>(await create(...args)),
    };
  }
  return provider;
}

/**
 * Adds what the extras shape to the module the builder made: strategies, controller, imports, `global`.
 * Runs when `forRoot`/`forRootAsync` is called, so a bad extra stops boot there.
 *
 * @throws {PandiumOptionsError} when an extra is missing or malformed.
 * @internal
 */
export function buildModuleDefinition(
  definition: DynamicModule,
  extras: PandiumEmbedModuleExtras,
): DynamicModule {
  validatePandiumEmbedExtras(extras);
  const controller = resolveControllerOptions(extras);
  const strategies: Provider[] = [
    createStrategyProvider(PANDIUM_CLAIMS_PROVIDER, extras.claimsProvider),
    createStrategyProvider(PANDIUM_TOKEN_PROVIDER, extras.tokenProvider),
    createStrategyProvider(
      PANDIUM_INTEGRATION_CATALOG,
      extras.integrationCatalog ?? StaticIntegrationCatalog,
    ),
    createStrategyProvider(
      PANDIUM_RATE_LIMIT_STORE,
      extras.rateLimitStore ?? InMemoryRateLimitStore,
    ),
    createStrategyProvider(
      PANDIUM_LAUNCH_TICKET_STORE,
      extras.launchTicketStore ?? InMemoryLaunchTicketStore,
    ),
  ];
  const controllerProviders: Provider[] = controller
    ? [{ provide: PANDIUM_CONTROLLER_OPTIONS, useValue: controller }]
    : [];
  return {
    ...definition,
    global: extras.isGlobal,
    imports: [...(definition.imports ?? []), ...(extras.imports ?? [])],
    providers: [
      ...(definition.providers ?? []).map(hidingSecret),
      ...strategies,
      ...controllerProviders,
    ],
    controllers: controller
      ? [
          createPandiumEmbedController(controller),
          ...createPandiumLaunchControllers(controller),
        ]
      : [],
  };
}
