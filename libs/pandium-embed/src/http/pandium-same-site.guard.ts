import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { SetMetadata } from '@nestjs/common';
import { PandiumErrorCode } from '../errors/pandium-error.codes.js';
import { PandiumHttpException } from '../errors/pandium-http.exception.js';
import { PANDIUM_CHANGES_STATE_METADATA } from '../pandium-embed.tokens.js';

interface HttpRequestLike {
  headers: Record<string, string | string[] | undefined>;
}

/**
 * Refuses a request to a route that changes state (run, uninstall, refresh) when the browser says another site's
 * page sent it (`Sec-Fetch-Site: cross-site`): a host that authenticates with cookies would otherwise act for a
 * signed-in user on a forged form or `fetch`. Runs before every other guard, the host app's included. A request
 * without the header (a server-side client, an old browser) passes, as does `same-origin`, `same-site` and `none`.
 * Routes without {@link ChangesState} are not checked.
 *
 * @internal
 */
export class PandiumSameSiteGuard implements CanActivate {
  /** @throws {PandiumHttpException} `PANDIUM_CROSS_SITE_REQUEST` (403) for a cross-site request to such a route. */
  canActivate(context: ExecutionContext): boolean {
    if (
      Reflect.getMetadata(
        PANDIUM_CHANGES_STATE_METADATA,
        context.getHandler(),
      ) !== true
    ) {
      return true;
    }
    const site = context.switchToHttp().getRequest<HttpRequestLike>().headers[
      'sec-fetch-site'
    ];
    if (
      (Array.isArray(site) ? site : [site]).some(
        (value) => value?.trim().toLowerCase() === 'cross-site',
      )
    ) {
      throw PandiumHttpException.of(PandiumErrorCode.CROSS_SITE_REQUEST);
    }
    return true;
  }
}

/**
 * Marks a handler that changes state, which {@link PandiumSameSiteGuard} refuses from another site.
 *
 * @internal
 */
export const ChangesState = (): MethodDecorator =>
  SetMetadata(PANDIUM_CHANGES_STATE_METADATA, true);
