import type { ModuleMetadata } from '@nestjs/common';
import type { ClaimsProvider } from '../core/claims-provider.interface.js';
import type { IntegrationCatalog } from '../core/integration-catalog.interface.js';
import type { TokenProvider } from '../core/token-provider.interface.js';
import type { PandiumEmbedControllerOptions } from '../http/pandium-embed-controller-options.interface.js';
import type { PandiumLaunchTicketStore } from '../launch/pandium-launch-ticket-store.interface.js';
import type { PandiumLaunchUserSerializer } from '../launch/pandium-launch-user-serializer.interface.js';
import type { PandiumStrategy } from '../options/pandium-strategy.interface.js';
import type { PandiumRateLimitStore } from '../rate-limit/pandium-rate-limit-store.interface.js';
import type { PandiumStatusStore } from '../tenants/pandium-status-store.interface.js';
import type { PandiumWebhooksOptions } from '../webhooks/pandium-webhooks-options.interface.js';

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
   * Where users' integration statuses are cached (with an `apiKey`). Default: in this process's memory. Behind a load
   * balancer, give a shared store (`RedisStatusStore` from `pandium-embed/redis`), so that the fleet calls Pandium
   * once per user per TTL and a refresh on one instance is seen by all.
   */
  statusStore?: PandiumStrategy<PandiumStatusStore>;
  /**
   * What a launch ticket keeps of its user: with none, the whole user as JSON (no lookup at redemption, but the
   * store holds the user unencrypted, and a user who lost access still launches within the ticket's lifetime unless
   * the strategies look them up again); with one, what `serializeUser` returns (an id), and `deserializeUser` loads
   * the user when the ticket is redeemed. Default: the whole user.
   */
  launchUserSerializer?: PandiumStrategy<PandiumLaunchUserSerializer<TUser>>;
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
  /**
   * Turns on the receiver of Pandium's webhooks, `POST <prefix>/webhooks/<webhookSecret>` (needs the `webhookSecret`
   * option), with its handlers and settings. @default undefined (off)
   */
  webhooks?: PandiumWebhooksOptions | false;
  /** Modules whose providers the strategies and guards need (with `forRootAsync`, use its own `imports`). */
  imports?: ModuleMetadata['imports'];
}

/**
 * Every extra with its default, for the module builder: it takes exactly these keys out of `forRoot`'s options (a
 * key left out would stay in the run-time options, which refuse it). The extras check reads only these keys.
 *
 * @internal
 */
export const PANDIUM_EMBED_EXTRAS_DEFAULTS = {
  isGlobal: false,
  name: undefined,
  claimsProvider: undefined,
  tokenProvider: undefined,
  integrationCatalog: undefined,
  rateLimitStore: undefined,
  launchTicketStore: undefined,
  statusStore: undefined,
  launchUserSerializer: undefined,
  rateLimitKey: undefined,
  controller: undefined,
  webhooks: undefined,
  imports: undefined,
} as const satisfies Record<keyof PandiumEmbedModuleExtras, unknown>;
