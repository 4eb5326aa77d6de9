import type { ModuleMetadata } from '@nestjs/common';
import type { PandiumEmbedControllerOptions } from '../http/pandium-embed-controller-options.interface.js';
import type { PandiumStrategy } from '../options/pandium-strategy.interface.js';
import type { PandiumInstanceSelector } from './pandium-instance-selector.interface.js';
import type { PandiumRateLimitStore } from '../rate-limit/pandium-rate-limit-store.interface.js';

/**
 * Options of `PandiumEmbedRouterModule.forRoot()`: one set of routes for several named instances, each request
 * served by the instance the selector picks for its user.
 *
 * @typeParam TUser the host app's authenticated user.
 * @publicApi
 */
export interface PandiumEmbedRouterOptions<TUser = unknown> {
  /** Which named instance serves a user. Required. */
  selector: PandiumStrategy<PandiumInstanceSelector<TUser>>;
  /**
   * The routes' settings, as for `PandiumEmbedModule`'s own controller (`path`, `guards`, `userProperty`,
   * `rateLimit`, `launch`). @default {}
   */
  controller?: PandiumEmbedControllerOptions;
  /**
   * How long the selector may take, in milliseconds (100–60000); past it the answer is a logged 504.
   * @default 5000
   */
  selectorTimeoutMs?: number;
  /** Where the routes' rate-limit counters live. Default: in this process's memory. */
  rateLimitStore?: PandiumStrategy<PandiumRateLimitStore>;
  /** The key a user's requests are counted under. Default: the user's `id`, else `sub`, else `email`, else the IP. */
  rateLimitKey?: (user: TUser) => string | number | undefined;
  /** Modules whose providers the selector and guards need. */
  imports?: ModuleMetadata['imports'];
}
