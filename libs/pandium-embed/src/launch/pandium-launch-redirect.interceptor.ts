import type {
  CallHandler,
  ExecutionContext,
  NestInterceptor,
} from '@nestjs/common';
import type { HttpStatus } from '@nestjs/common';
import { Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Observable } from 'rxjs';
import { map } from 'rxjs';

/**
 * What a launch route's handler returns: it answers `302 Location: url`.
 *
 * @internal
 */
export interface PandiumLaunchRedirect {
  url: string;
  statusCode: HttpStatus.FOUND;
}

/**
 * Turns a launch route's {@link PandiumLaunchRedirect} into a `Location` header on a response with no body (the
 * route's `@HttpCode(302)` sets the status). Nest's `@Redirect` would call Express's `res.redirect`, whose body
 * repeats the signed URL (`Found. Redirecting to …`): a copy of the token where no one needs it.
 *
 * @internal
 */
@Injectable()
export class PandiumLaunchRedirectInterceptor implements NestInterceptor {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  intercept(
    context: ExecutionContext,
    next: CallHandler<PandiumLaunchRedirect>,
  ): Observable<undefined> {
    const response: unknown = context.switchToHttp().getResponse();
    return next.handle().pipe(
      map(({ url }) => {
        this.adapterHost.httpAdapter.setHeader(response, 'Location', url);
        return undefined;
      }),
    );
  }
}
