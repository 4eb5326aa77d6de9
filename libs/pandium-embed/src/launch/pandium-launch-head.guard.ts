import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { Injectable } from '@nestjs/common';
import { PandiumHttpException } from '../errors/pandium-http.exception.js';
import { PandiumErrorCode } from '../errors/pandium-error.codes.js';

/**
 * Refuses `HEAD` on a launch route, before the rate limit and before any signing: Express and Fastify route `HEAD` to
 * `GET` handlers, so a link checker or a prefetching proxy would otherwise have a token signed (and a ticket used
 * up) for an answer it throws away, and spend the user's budget doing so.
 *
 * @internal
 */
@Injectable()
export class PandiumLaunchHeadGuard implements CanActivate {
  /**
   * @throws {PandiumHttpException} `PANDIUM_LAUNCH_METHOD_NOT_ALLOWED` (405) for `HEAD`, with `Allow: GET`.
   */
  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    if (http.getRequest<{ method?: string }>().method !== 'HEAD') {
      return true;
    }
    // RFC 9110 §15.5.6: a 405 names the methods the resource does support.
    http
      .getResponse<{ header(name: string, value: string): unknown }>()
      .header('Allow', 'GET');
    throw PandiumHttpException.of(PandiumErrorCode.LAUNCH_METHOD_NOT_ALLOWED);
  }
}
