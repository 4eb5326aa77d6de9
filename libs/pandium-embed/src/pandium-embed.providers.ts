import type {
  CanActivate,
  DynamicModule,
  Provider,
  Type,
} from '@nestjs/common';
import { Controller, Injectable, UseGuards } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import type {
  PandiumEmbedModuleExtras,
  PandiumEmbedRouterOptions,
  PandiumStrategy,
} from './interfaces/index.js';
import { PandiumAuthenticatedGuard } from './pandium-authenticated.guard.js';
import { PandiumNoInputGuard } from './pandium-no-input.guard.js';
import type { ResolvedControllerOptions } from './pandium-embed-options.validator.js';
import {
  resolveControllerOptions,
  resolvePandiumEmbedOptions,
  validatePandiumEmbedExtras,
  validatePandiumEmbedRouterOptions,
} from './pandium-embed-options.validator.js';
import {
  PANDIUM_CLAIMS_PROVIDER,
  PANDIUM_CLOCK,
  PANDIUM_CONTROLLER_OPTIONS,
  PANDIUM_EMBED_MODULE_OPTIONS,
  PANDIUM_INSTANCE_ID,
  PANDIUM_INSTANCE_NAME,
  PANDIUM_INSTANCE_SELECTOR,
  PANDIUM_SELECTOR_TIMEOUT_MS,
  DEFAULT_STRATEGY_TIMEOUT_MS,
  PANDIUM_INTEGRATION_CATALOG,
  PANDIUM_LAUNCH_TICKET_STORE,
  PANDIUM_RATE_LIMIT_STORE,
  PANDIUM_RESOLVED_OPTIONS,
  PANDIUM_SYSTEM_CLOCK,
  PANDIUM_TOKEN_PROVIDER,
  getPandiumEmbedServiceToken,
  getPandiumJwtSignerToken,
  getPandiumUrlBuilderToken,
} from './pandium-embed.constants.js';
import { PandiumEmbedController } from './pandium-embed.controller.js';
import { PandiumOptionsError } from './pandium-embed.exceptions.js';
import { PandiumEmbedService } from './pandium-embed.service.js';
import { PandiumInstanceRouter } from './pandium-instance.router.js';
import { PandiumJwtSigner } from './pandium-jwt.signer.js';
import { PandiumUrlBuilder } from './pandium-url.builder.js';
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
  return registerLaunchControllers(ConfiguredPandiumLaunchController, settings);
}

/** The launch controller under the prefix behind the user guards, and the ticket redemption behind none. */
function registerLaunchControllers(
  configured: Type<PandiumLaunchController>,
  settings: ResolvedControllerOptions,
): Type<unknown>[] {
  class ConfiguredPandiumLaunchTicketController extends PandiumLaunchTicketController {}
  return [
    register(
      configured,
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

/**
 * The launch controllers of `PandiumEmbedRouterModule`: as {@link createPandiumLaunchControllers}'s, with the
 * Pandium origin of the user's own instance.
 *
 * @internal
 */
export function createRoutedLaunchControllers(
  settings: ResolvedControllerOptions,
): Type<unknown>[] {
  if (settings.launch === undefined) {
    return [];
  }
  @Injectable()
  class RoutedPandiumLaunchController extends PandiumLaunchController {
    protected override readonly userProperty = settings.userProperty;
    protected override readonly routePath = settings.path;

    constructor(private readonly router: PandiumInstanceRouter) {
      // The router serves the service's calls; `urls` is never read, since the origin depends on the user.
      super(
        router as unknown as PandiumEmbedService,
        undefined as unknown as PandiumUrlBuilder,
      );
    }

    protected override pandiumOriginFor(user: unknown): Promise<string> {
      return this.router.pandiumOriginFor(user);
    }
  }
  return registerLaunchControllers(RoutedPandiumLaunchController, settings);
}

/**
 * What the unnamed instance exports: the classes and the public tokens, as before named instances existed.
 *
 * @internal
 */
export const PANDIUM_EMBED_EXPORTS = [
  PandiumEmbedService,
  PandiumJwtSigner,
  PandiumUrlBuilder,
  PANDIUM_CLAIMS_PROVIDER,
  PANDIUM_TOKEN_PROVIDER,
  PANDIUM_INTEGRATION_CATALOG,
  PANDIUM_CLOCK,
  PANDIUM_RATE_LIMIT_STORE,
  PANDIUM_LAUNCH_TICKET_STORE,
];

/** How many modules of the app provide `token`: read from the scanned modules, before anything is instantiated. */
function modulesProviding(modules: ModulesContainer, token: string): number {
  return [...modules.values()].filter(({ providers }) => providers.has(token))
    .length;
}

/**
 * A named instance's own providers: its name-derived aliases of the service, signer and URL builder, a per-call id
 * and a check, at boot, that no other module uses the same name. The id is for Nest's opt-in `deep-hash` module ids,
 * which merge dynamic modules whose metadata serialises alike: the hidden `sharedSecret` is not serialised, so two
 * registrations of one name that differ only in their secret would silently become one instead of failing the check.
 * (Nest's default, `reference`, already makes every `forRoot()` call its own module.)
 *
 * @internal
 */
export function createInstanceProviders(name: string): Provider[] {
  const serviceToken = getPandiumEmbedServiceToken(name);
  return [
    { provide: PANDIUM_INSTANCE_ID, useValue: randomUUID() },
    {
      provide: PANDIUM_INSTANCE_NAME,
      useFactory: (modules: ModulesContainer): string => {
        if (modulesProviding(modules, serviceToken) > 1) {
          throw PandiumOptionsError.duplicateInstanceName(name);
        }
        return name;
      },
      inject: [ModulesContainer],
    },
    { provide: serviceToken, useExisting: PandiumEmbedService },
    { provide: getPandiumJwtSignerToken(name), useExisting: PandiumJwtSigner },
    {
      provide: getPandiumUrlBuilderToken(name),
      useExisting: PandiumUrlBuilder,
    },
  ];
}

/** What a named instance exports: only name-derived tokens, so instances imported side by side never collide. */
function instanceExports(name: string): string[] {
  return [
    getPandiumEmbedServiceToken(name),
    getPandiumJwtSignerToken(name),
    getPandiumUrlBuilderToken(name),
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
  const { name } = extras;
  // A named instance has no routes of its own unless asked: two instances must never claim the same paths.
  const controller = resolveControllerOptions(
    name !== undefined && extras.controller === undefined
      ? { ...extras, controller: false }
      : extras,
  );
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
      ...(name === undefined ? [] : createInstanceProviders(name)),
    ],
    exports: name === undefined ? PANDIUM_EMBED_EXPORTS : instanceExports(name),
    controllers: controller
      ? [
          createPandiumEmbedController(controller),
          ...createPandiumLaunchControllers(controller),
        ]
      : [],
  };
}

/**
 * Builds `PandiumEmbedRouterModule.forRoot()`: the selector, the router, and the same controllers as
 * `PandiumEmbedModule`'s (same guards, rate limits, launch routes), whose service is the router.
 *
 * @throws {PandiumOptionsError} when an option is missing or malformed.
 * @internal
 */
export function buildRouterModuleDefinition<TUser>(
  module: Type<unknown>,
  options: PandiumEmbedRouterOptions<TUser>,
): DynamicModule {
  validatePandiumEmbedRouterOptions(options as PandiumEmbedRouterOptions);
  const controller = resolveControllerOptions({
    controller: options.controller ?? {},
    rateLimitKey:
      options.rateLimitKey as PandiumEmbedModuleExtras['rateLimitKey'],
  }) as ResolvedControllerOptions;
  return {
    module,
    imports: options.imports ?? [],
    providers: [
      createStrategyProvider(PANDIUM_INSTANCE_SELECTOR, options.selector),
      {
        provide: PANDIUM_SELECTOR_TIMEOUT_MS,
        useValue: options.selectorTimeoutMs ?? DEFAULT_STRATEGY_TIMEOUT_MS,
      },
      createStrategyProvider(
        PANDIUM_RATE_LIMIT_STORE,
        options.rateLimitStore ?? InMemoryRateLimitStore,
      ),
      { provide: PANDIUM_CONTROLLER_OPTIONS, useValue: controller },
      clockProvider,
      PandiumInstanceRouter,
      // The shared controllers ask for the service by its class; in this module, the router answers.
      { provide: PandiumEmbedService, useExisting: PandiumInstanceRouter },
    ],
    controllers: [
      createPandiumEmbedController(controller),
      ...createRoutedLaunchControllers(controller),
    ],
    exports: [PandiumInstanceRouter],
  };
}
