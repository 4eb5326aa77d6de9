import type { CanActivate, Type } from '@nestjs/common';
import type {
  PandiumRateLimitOptions,
  ResolvedRateLimitSettings,
} from '../rate-limit/pandium-rate-limit-options.interface.js';

/**
 * Settings of the built-in routes: the {@link PandiumEmbedController}'s and the launch routes'.
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
   * Per-user limit, one budget shared by the routes that sign tokens (install-url, marketplace-url, the launch routes)
   * and those that act on Pandium (sync, tenant, refresh), or `false` for none.
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
 * Settings of the launch routes. They sit with the other route settings (the launch controllers use this folder's
 * guards, so the launch folder cannot be imported from here).
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
  /**
   * Binds each launch ticket to the browser that asked for it: `POST <prefix>/launch-tickets` sets an `HttpOnly`
   * `__Host-pandium-launch` cookie (`Secure`, `SameSite=Strict`, `Path=/`), and a browser that loads the ticket
   * without it gets a 403 page, so a ticket for someone else's account cannot be planted in a user's browser. A
   * front end on another origin than the routes must then fetch with `credentials: 'include'` (and CORS must allow
   * credentials), and the routes must be served over HTTPS (or `localhost`). Turn it off where a ticket is asked for
   * by one client and loaded by another (a native app opening a web view). @default true
   */
  bindToBrowser?: boolean;
}

/**
 * The route settings with every default applied, provided under `PANDIUM_CONTROLLER_OPTIONS`.
 *
 * @internal
 */
export interface ResolvedControllerOptions extends ResolvedRateLimitSettings {
  readonly path: string;
  readonly guards: readonly (CanActivate | Type<CanActivate>)[];
}
