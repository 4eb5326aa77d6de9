import type {
  CallHandler,
  ExecutionContext,
  NestInterceptor,
} from '@nestjs/common';
import { Inject, Injectable } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { catchError, from } from 'rxjs';
import { PandiumHttpException } from '../errors/pandium-http.exception.js';
import { PandiumErrorCode } from '../errors/pandium-error.codes.js';
import {
  PANDIUM_CONTROLLER_OPTIONS,
  PANDIUM_RATE_LIMIT_STORE,
} from '../pandium-embed.tokens.js';
import type { ResolvedRateLimitSettings } from './pandium-rate-limit-options.interface.js';
import type { PandiumRateLimitStore } from './pandium-rate-limit-store.interface.js';
import { PandiumLaunchRateLimitGuard } from './pandium-launch-rate-limit.guard.js';

/**
 * Limits `GET <prefix>/launch/:ticket` per client IP, counting only the tickets this app did not issue: the
 * redemption checks a ticket's MAC first (no store lookup), and only a ticket refused for its MAC
 * (`PANDIUM_LAUNCH_TICKET_NOT_FOUND`) spends the address's budget, answering 429 once it is spent. A ticket whose
 * MAC holds is never counted nor answered 429, so a flood of forged tickets from behind the same proxy cannot lock
 * real users out; such a ticket comes only from `POST <prefix>/launch-tickets`, which its own per-user limit guards.
 *
 * @internal
 */
@Injectable()
export class PandiumLaunchRateLimitInterceptor implements NestInterceptor {
  private readonly limit: PandiumLaunchRateLimitGuard;

  constructor(
    @Inject(PANDIUM_CONTROLLER_OPTIONS) settings: ResolvedRateLimitSettings,
    @Inject(PANDIUM_RATE_LIMIT_STORE) store: PandiumRateLimitStore,
  ) {
    this.limit = new PandiumLaunchRateLimitGuard(settings, store);
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next
      .handle()
      .pipe(catchError((error: unknown) => from(this.refused(context, error))));
  }

  /**
   * Counts a forged ticket against the address, then passes the refusal on.
   *
   * @throws {PandiumHttpException} `PANDIUM_RATE_LIMIT_EXCEEDED` (429) instead, once the address is over its budget.
   * @throws {PandiumHttpException} `PANDIUM_RATE_LIMIT_UNAVAILABLE` (503) instead, when the store fails.
   */
  private async refused(
    context: ExecutionContext,
    error: unknown,
  ): Promise<never> {
    if (
      error instanceof PandiumHttpException &&
      error.code === PandiumErrorCode.LAUNCH_TICKET_NOT_FOUND
    ) {
      await this.limit.canActivate(context);
    }
    throw error;
  }
}
