import type {
  CanActivate,
  InjectionToken,
  ModuleMetadata,
  Type,
} from '@nestjs/common';
import type { ClaimsProvider } from '../core/claims-provider.interface.js';
import type { IntegrationCatalog } from '../core/integration-catalog.interface.js';
import type { PandiumLaunchTicketStore } from '../launch/pandium-launch-ticket-store.interface.js';
import type { PandiumRateLimitStore } from '../rate-limit/pandium-rate-limit-store.interface.js';
import type { PandiumIntegration } from '../core/pandium-integration.interface.js';
import type { TokenProvider } from '../core/token-provider.interface.js';

/**
 * Pandium's environments; each has its own embed host.
 *
 * @publicApi
 */
export type PandiumEnvironment = 'production' | 'sandbox' | 'demo';

/**
 * Run-time options: what `forRoot` takes beside the extras, and what `forRootAsync`'s factory returns.
 * Checked once at start-up; a bad value stops boot with a message naming the option.
 *
 * @publicApi
 */
export interface PandiumEmbedModuleOptions {
  /** Your account slug, the first path segment of Pandium's URLs (`https://imp.sandbox.pandium.com/<account>`). */
  account: string;
  /** Which Pandium environment to send users to. @default 'sandbox' */
  environment?: PandiumEnvironment;
  /**
   * Replaces the environment's host, e.g. `https://imp.pandium.io` or a local emulator. Absolute https URL
   * (http only for localhost), no query or fragment.
   */
  baseUrl?: string;
  /**
   * The HMAC secret Pandium issued for your account: at least 32 bytes (HS256 wants 256 bits), no leading or
   * trailing white space. Never logged; its fingerprint (first 8 hex characters of its SHA-256) is, at boot.
   */
  sharedSecret: string;
  /**
   * Accept a `sharedSecret` shorter than 32 bytes, for a secret Pandium issued that way. Boot logs a warning.
   * @default false
   */
  allowShortSecret?: boolean;
  /** Seconds from signing to `exp`, 1–3600. @default 300 */
  tokenTtlSeconds?: number;
  /**
   * Seconds `iat` is back-dated, so a receiver whose clock is a little behind does not see a token from the
   * future. `exp` is not moved. 0–300. @default 5
   */
  clockSkewSeconds?: number;
  /** How long a strategy may take before the request fails with 504, in milliseconds, 100–60000. @default 5000 */
  strategyTimeoutMs?: number;
  /**
   * The largest signed token, in bytes, before it is refused (502, logged): longer URLs get cut by proxies and
   * browsers. 1024–65536. @default 6144
   */
  maxTokenBytes?: number;
  /**
   * Seconds a launch ticket (`POST <prefix>/launch-tickets`) may wait before it is redeemed, 5–300. The ticket is a
   * bearer credential until then; the Pandium token is signed only when it is redeemed. @default 30
   */
  launchTicketTtlSeconds?: number;
  /** A static catalog, used when no `integrationCatalog` strategy is given: the same for every user. */
  integrations?: PandiumIntegration[];
}

/**
 * A strategy the host app supplies: a class to instantiate, or an existing provider (by token) to reuse,
 * or a ready value.
 *
 * @publicApi
 */
export type PandiumStrategy<T> =
  | Type<T>
  | { useClass: Type<T> }
  | { useExisting: InjectionToken }
  | { useValue: T };

/**
 * Settings of the built-in {@link PandiumEmbedController}.
 *
 * @publicApi
 */
export interface PandiumEmbedControllerOptions {
  /** Route prefix of the routes. @default 'pandium' */
  path?: string;
  /**
   * Guards that authenticate the request and put the user on it (e.g. your `JwtAuthGuard`), run in order
   * before the library's own check that a user is present (401 when not).
   */
  guards?: (CanActivate | Type<CanActivate>)[];
  /** The request property your guard stores the user in. @default 'user' */
  userProperty?: string;
  /**
   * Per-user limit on the routes that sign tokens (install-url, marketplace-url), or `false` for none.
   * Over it: 429 with `Retry-After`. @default { limit: 30, windowSeconds: 60 }
   */
  rateLimit?: PandiumRateLimitOptions | false;
  /**
   * The launch routes, which redirect the iframe to Pandium: `GET <prefix>/integrations/:integrationId/launch`,
   * `GET <prefix>/marketplace/launch`, `POST <prefix>/launch-tickets` and `GET <prefix>/launch/:ticket`; or `false`
   * for none. @default {}
   */
  launch?: PandiumLaunchRouteOptions | false;
}

/**
 * Settings of the launch routes.
 *
 * @publicApi
 */
export interface PandiumLaunchRouteOptions {
  /**
   * Per client IP limit on `GET <prefix>/launch/:ticket` (the route has no user), or `false` for none. Behind a
   * proxy, let the HTTP server see the client's address (Express `trust proxy`, Fastify `trustProxy`), or every
   * client shares the proxy's budget. @default { limit: 300, windowSeconds: 60 }
   */
  redeemRateLimit?: PandiumRateLimitOptions | false;
}

/**
 * A fixed-window request budget per user.
 *
 * @publicApi
 */
export interface PandiumRateLimitOptions {
  /** Requests allowed per window. @default 30 */
  limit?: number;
  /** Length of the window in seconds. @default 60 */
  windowSeconds?: number;
}

/**
 * Options that shape the module itself, accepted by `forRoot` and `forRootAsync` alike.
 *
 * @typeParam TUser the host app's authenticated user.
 * @publicApi
 */
export interface PandiumEmbedModuleExtras<TUser = unknown> {
  /** Register the module globally, so `PandiumEmbedService` can be injected anywhere. @default false */
  isGlobal?: boolean;
  /**
   * Makes this registration a named instance, one of several Pandium accounts (regions, brands): a letter, then up to
   * 23 letters, digits, `-` or `_`, unique in the app. A named instance exports its service, signer and URL builder
   * under `getPandiumEmbedServiceToken(name)` and friends instead of the classes, and registers no controller unless
   * `controller` is given (with its own `path`); `PandiumEmbedRouterModule` serves the routes for all of them.
   */
  name?: string;
  /** Who the user is to Pandium (`sub`, `ti`). Required. */
  claimsProvider: PandiumStrategy<ClaimsProvider<TUser>>;
  /** The connector token for `xti.token`. Required. */
  tokenProvider: PandiumStrategy<TokenProvider<TUser>>;
  /** Which integrations a user may install. Default: the static `integrations` option. */
  integrationCatalog?: PandiumStrategy<IntegrationCatalog<TUser>>;
  /**
   * Where rate-limit counters live. Default: in this process's memory. Behind a load balancer, give a shared
   * store (any `@nestjs/throttler` `ThrottlerStorage`, e.g. a Redis one, fits this interface).
   */
  rateLimitStore?: PandiumStrategy<PandiumRateLimitStore>;
  /**
   * Where launch tickets live between `POST <prefix>/launch-tickets` and their redemption. Default: in this
   * process's memory. Behind a load balancer, give a shared store (`RedisLaunchTicketStore` from
   * `pandium-embed/redis`), or a ticket issued by one instance is unknown to the others.
   */
  launchTicketStore?: PandiumStrategy<PandiumLaunchTicketStore>;
  /**
   * The key a user's requests are counted under. Default: the user's `id`, else `sub`, else `email`, else the
   * client IP.
   */
  rateLimitKey?: (user: TUser) => string | number | undefined;
  /**
   * The built-in controller's settings, or `false` to use `PandiumEmbedService` on its own.
   * @default {} (`false` for a named instance)
   */
  controller?: PandiumEmbedControllerOptions | false;
  /** Modules whose providers the strategies and guards need (with `forRootAsync`, use its own `imports`). */
  imports?: ModuleMetadata['imports'];
}

/**
 * A class that creates the run-time options, for `forRootAsync({ useClass })` and `useExisting`.
 *
 * @publicApi
 */
export interface PandiumEmbedOptionsFactory {
  createPandiumEmbedOptions():
    PandiumEmbedModuleOptions | Promise<PandiumEmbedModuleOptions>;
}
