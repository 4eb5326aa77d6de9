import { Injectable } from '@nestjs/common';
import type { ResolvedRateLimit } from './pandium-rate-limit-options.interface.js';
import type { HttpRequestLike } from './pandium-rate-limit.guard.js';
import { ipKeyOf, PandiumRateLimitGuard } from './pandium-rate-limit.guard.js';

/** Name of the redemption budget, apart from the signing routes' one. @internal */
export const LAUNCH_RATE_LIMIT_NAME = 'pandium-embed-launch';

/**
 * The per-IP budget of `GET <prefix>/launch/:ticket` (the route has no user: the ticket is the credential), with
 * `controller.launch.redeemRateLimit`, counted in the same {@link PandiumRateLimitStore} as the signing routes under
 * its own budget. Over the limit: 429 with `Retry-After`; a failing store: 503. Not a route guard: the
 * {@link PandiumLaunchRateLimitInterceptor} runs it only for a ticket refused for its MAC.
 *
 * @internal
 */
@Injectable()
export class PandiumLaunchRateLimitGuard extends PandiumRateLimitGuard {
  protected override readonly budgetName: string = LAUNCH_RATE_LIMIT_NAME;

  protected override budget(): ResolvedRateLimit | undefined {
    return this.settings.launch?.redeemRateLimit;
  }

  protected override keyOf(request: HttpRequestLike): string {
    return ipKeyOf(request);
  }
}
