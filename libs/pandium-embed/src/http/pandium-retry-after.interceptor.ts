import type {
  CallHandler,
  ExecutionContext,
  NestInterceptor,
} from '@nestjs/common';
import { catchError, type Observable, throwError } from 'rxjs';
import { PandiumHttpException } from '../errors/pandium-http.exception.js';

interface HttpResponseLike {
  header(name: string, value: string): unknown;
}

/**
 * Sends a {@link PandiumHttpException}'s `retryAfterSeconds` (`PANDIUM_API_BUSY`, after Pandium's 429) as the
 * answer's `Retry-After` header, so a client waits as long as Pandium asked.
 *
 * @internal
 */
export class PandiumRetryAfterInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        if (
          error instanceof PandiumHttpException &&
          error.retryAfterSeconds !== undefined
        ) {
          context
            .switchToHttp()
            .getResponse<HttpResponseLike>()
            .header('Retry-After', String(error.retryAfterSeconds));
        }
        return throwError(() => error);
      }),
    );
  }
}
