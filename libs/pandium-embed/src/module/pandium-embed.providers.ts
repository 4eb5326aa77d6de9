import type { DynamicModule, Provider, Type } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { PandiumStrategy } from '../options/pandium-strategy.interface.js';
import type { PandiumEmbedRouterOptions } from '../instances/pandium-embed-router-options.interface.js';
import { resolvePandiumEmbedRouterOptions } from '../instances/pandium-embed-router-options.schema.js';
import { resolvePandiumEmbedOptions } from '../options/pandium-embed-options.validator.js';
import { warnOnDevelopmentAccount } from '../options/pandium-development-account.warning.js';
import { withWrappedSecret } from '../options/pandium.secret.js';
import {
  PANDIUM_CLAIMS_PROVIDER,
  PANDIUM_CLOCK,
  PANDIUM_CONTROLLER_OPTIONS,
  PANDIUM_EMBED_MODULE_OPTIONS,
  PANDIUM_INSTANCE_SELECTOR,
  PANDIUM_INTEGRATION_CATALOG,
  PANDIUM_JWT_SERVICE,
  PANDIUM_LAUNCH_TICKET_SOURCE,
  PANDIUM_LAUNCH_TICKET_STORE,
  PANDIUM_LAUNCH_USER_SERIALIZER,
  PANDIUM_LINK_SOURCE,
  PANDIUM_RATE_LIMIT_STORE,
  PANDIUM_RESOLVED_OPTIONS,
  PANDIUM_SELECTOR_TIMEOUT_MS,
  PANDIUM_STATUS_STORE,
  PANDIUM_TOKEN_PROVIDER,
} from '../pandium-embed.tokens.js';
import { PANDIUM_SYSTEM_CLOCK } from '../core/pandium-system.clock.js';
import type { PandiumLinkSource } from '../core/pandium-link-source.interface.js';
import type { PandiumLaunchTicketSource } from '../launch/pandium-launch-ticket-source.interface.js';
import { PandiumInstanceRouter } from '../instances/pandium-instance.router.js';
import { InMemoryLaunchTicketStore } from '../launch/in-memory-launch-ticket.store.js';
import { InMemoryRateLimitStore } from '../rate-limit/in-memory-rate-limit.store.js';
import { StaticIntegrationCatalog } from '../core/static-integration.catalog.js';
import { InMemoryStatusStore } from '../tenants/in-memory-status.store.js';
import type { PandiumEmbedModuleExtras } from './pandium-embed-module-extras.interface.js';
import { resolvePandiumEmbedExtras } from './pandium-embed-module-extras.schema.js';
import {
  createPandiumEmbedController,
  createPandiumLaunchControllers,
} from './pandium-embed-controllers.factory.js';
import { createPandiumWebhooks } from '../webhooks/pandium-webhooks.providers.js';
import { resolvePandiumWebhooksOptions } from '../webhooks/pandium-webhooks-options.schema.js';
import { DEFAULT_ROUTE_PATH } from '../options/pandium-embed.defaults.js';
import {
  createInstanceProviders,
  instanceExports,
  PANDIUM_EMBED_EXPORTS,
} from '../instances/pandium-embed-instance.providers.js';

/** Validates the raw options once, at boot, applies defaults, and warns about a development account on Pandium. @internal */
export const resolvedOptionsProvider: Provider = {
  provide: PANDIUM_RESOLVED_OPTIONS,
  useFactory: (options: unknown) =>
    warnOnDevelopmentAccount(resolvePandiumEmbedOptions(options)),
  inject: [PANDIUM_EMBED_MODULE_OPTIONS],
};

/** @internal */
export const clockProvider: Provider = {
  provide: PANDIUM_CLOCK,
  useValue: PANDIUM_SYSTEM_CLOCK,
};

/**
 * The `JwtService` the signer signs through, this module's own: built here, not by class, so that the options of a
 * host app's global `JwtModule` (its secret, `expiresIn`) never reach it. It holds no secret: the signer passes
 * its key with each call.
 *
 * @internal
 */
export const jwtServiceProvider: Provider = {
  provide: PANDIUM_JWT_SERVICE,
  useFactory: () => new JwtService(),
};

/**
 * What the controllers call, under their internal tokens. Typed, so a class that does not implement both
 * interfaces fails to compile here rather than at the first request.
 *
 * @internal
 */
export function linkSourceProviders(
  links: Type<PandiumLinkSource>,
  tickets: Type<PandiumLaunchTicketSource>,
): Provider[] {
  return [
    { provide: PANDIUM_LINK_SOURCE, useExisting: links },
    { provide: PANDIUM_LAUNCH_TICKET_SOURCE, useExisting: tickets },
  ];
}

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

/** Makes the raw-options provider (forRoot's value, forRootAsync's factory) hand out the secret as a PandiumSecret. */
function wrappingSecret(provider: Provider): Provider {
  if (
    typeof provider !== 'object' ||
    provider.provide !== PANDIUM_EMBED_MODULE_OPTIONS
  ) {
    return provider;
  }
  if ('useValue' in provider) {
    const value: unknown = provider.useValue;
    return { ...provider, useValue: withWrappedSecret(value) };
  }
  if ('useFactory' in provider) {
    const create = provider.useFactory as (...args: unknown[]) => unknown;
    return {
      ...provider,
      useFactory: async (...args: unknown[]) =>
        withWrappedSecret(await create(...args)),
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
  const { controller } = resolvePandiumEmbedExtras(extras);
  const { name } = extras;
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
    createStrategyProvider(
      PANDIUM_STATUS_STORE,
      extras.statusStore ?? InMemoryStatusStore,
    ),
    // None by default: the ticket service then keeps the whole user, as before the option existed.
    ...(extras.launchUserSerializer === undefined
      ? []
      : [
          createStrategyProvider(
            PANDIUM_LAUNCH_USER_SERIALIZER,
            extras.launchUserSerializer,
          ),
        ]),
  ];
  const controllerProviders: Provider[] = controller
    ? [{ provide: PANDIUM_CONTROLLER_OPTIONS, useValue: controller }]
    : [];
  const webhookSettings = resolvePandiumWebhooksOptions(
    extras.webhooks,
    controller?.path ?? DEFAULT_ROUTE_PATH,
  );
  const webhooks = webhookSettings
    ? createPandiumWebhooks(
        webhookSettings,
        extras.webhooks || {},
        createStrategyProvider,
      )
    : { providers: [], controllers: [] };
  return {
    ...definition,
    global: extras.isGlobal,
    imports: [...(definition.imports ?? []), ...(extras.imports ?? [])],
    providers: [
      ...(definition.providers ?? []).map(wrappingSecret),
      ...strategies,
      ...controllerProviders,
      ...webhooks.providers,
      ...(name === undefined ? [] : createInstanceProviders(name)),
    ],
    exports: name === undefined ? PANDIUM_EMBED_EXPORTS : instanceExports(name),
    controllers: controller
      ? [
          createPandiumEmbedController(controller),
          ...createPandiumLaunchControllers(controller),
          ...webhooks.controllers,
        ]
      : webhooks.controllers,
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
  const { controller, selectorTimeoutMs } = resolvePandiumEmbedRouterOptions(
    options as PandiumEmbedRouterOptions,
  );
  return {
    module,
    imports: options.imports ?? [],
    providers: [
      createStrategyProvider(PANDIUM_INSTANCE_SELECTOR, options.selector),
      { provide: PANDIUM_SELECTOR_TIMEOUT_MS, useValue: selectorTimeoutMs },
      createStrategyProvider(
        PANDIUM_RATE_LIMIT_STORE,
        options.rateLimitStore ?? InMemoryRateLimitStore,
      ),
      { provide: PANDIUM_CONTROLLER_OPTIONS, useValue: controller },
      clockProvider,
      PandiumInstanceRouter,
      // The shared controllers ask for their link sources; in this module, the router answers.
      ...linkSourceProviders(PandiumInstanceRouter, PandiumInstanceRouter),
    ],
    controllers: [
      createPandiumEmbedController(controller),
      ...createPandiumLaunchControllers(controller),
    ],
    exports: [PandiumInstanceRouter],
  };
}
