import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { logCorrelatedError } from '../errors/correlated-error.util.js';
import type {
  PandiumRateLimitRecord,
  PandiumRateLimitStore,
} from './pandium-rate-limit-store.interface.js';
import type {
  ResolvedRateLimit,
  ResolvedRateLimitSettings,
} from './pandium-rate-limit-options.interface.js';
import {
  PANDIUM_CONTROLLER_OPTIONS,
  PANDIUM_RATE_LIMIT_STORE,
} from '../pandium-embed.tokens.js';
import { describeThrown } from '../errors/describe-thrown.util.js';
import { countRateLimitRefusal } from '../telemetry/pandium-event.telemetry.js';
import { clientAddressKey } from './client-address.key.js';
import { PandiumHttpException } from '../errors/pandium-http.exception.js';
import { PandiumErrorCode } from '../errors/pandium-error.codes.js';

/** Name of the budget, for stores that keep several (as @nestjs/throttler's do). @internal */
export const RATE_LIMIT_NAME = 'pandium-embed';

/** @internal */
export interface HttpRequestLike {
  ip?: string;
  socket?: { remoteAddress?: string };
  [property: string]: unknown;
}

interface HttpResponseLike {
  header(name: string, value: string): unknown;
}

/**
 * Limits how often one user may have tokens signed (install-url, marketplace-url, launch) or act on Pandium (sync,
 * uninstall, refresh): one fixed window per user, counted in the {@link PandiumRateLimitStore}. Over the limit: 429
 * with `Retry-After` in seconds.
 *
 * @internal
 */
@Injectable()
export class PandiumRateLimitGuard implements CanActivate {
  private readonly logger = new Logger(PandiumRateLimitGuard.name);

  constructor(
    @Inject(PANDIUM_CONTROLLER_OPTIONS)
    protected readonly settings: ResolvedRateLimitSettings,
    @Inject(PANDIUM_RATE_LIMIT_STORE)
    private readonly store: PandiumRateLimitStore,
  ) {}

  /**
   * @throws {PandiumHttpException} `PANDIUM_RATE_LIMIT_EXCEEDED` (429) when this user is over the limit.
   * @throws {PandiumHttpException} `PANDIUM_RATE_LIMIT_UNAVAILABLE` (503) when the store fails.
   */
  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rateLimit = this.budget();
    if (rateLimit === undefined) {
      return true;
    }
    const http = context.switchToHttp();
    const request = http.getRequest<HttpRequestLike>();
    const windowMs = rateLimit.windowSeconds * 1000;
    const { totalHits, timeToExpire } = await this.count(
      `${this.budgetName}:${this.keyOf(request)}`,
      windowMs,
      rateLimit.limit,
    );
    if (totalHits <= rateLimit.limit) {
      return true;
    }
    http
      .getResponse<HttpResponseLike>()
      .header(
        'Retry-After',
        String(Math.max(1, Math.ceil(timeToExpire / 1000))),
      );
    countRateLimitRefusal(this.budgetName);
    throw PandiumHttpException.of(PandiumErrorCode.RATE_LIMIT_EXCEEDED);
  }

  /** One hit in the store; a failing store fails closed (503), logged with a correlation id. */
  private async count(
    key: string,
    windowMs: number,
    limit: number,
  ): Promise<PandiumRateLimitRecord> {
    try {
      return await this.store.increment(
        key,
        windowMs,
        limit,
        windowMs,
        this.budgetName,
      );
    } catch (cause) {
      throw PandiumHttpException.of(
        PandiumErrorCode.RATE_LIMIT_UNAVAILABLE,
        logCorrelatedError(
          this.logger,
          `The rate-limit store failed (${describeThrown(cause)})`,
        ),
      );
    }
  }

  /** The name of the budget: the first part of every key, and the store's `throttlerName`. */
  protected readonly budgetName: string = RATE_LIMIT_NAME;

  /** The budget in force, or `undefined` for no limit. */
  protected budget(): ResolvedRateLimit | undefined {
    return this.settings.rateLimit;
  }

  /** The key this request is counted under. Override to count per organisation, per API key, etc. */
  protected keyOf(request: HttpRequestLike): string {
    const user = request[this.settings.userProperty];
    const chosen = this.settings.rateLimitKey?.(user) ?? defaultUserKey(user);
    return chosen === undefined ? ipKeyOf(request) : `user:${chosen}`;
  }
}

/** The client's address as the HTTP server sees it (behind a proxy, only with `trust proxy` set). @internal */
export function ipKeyOf(request: HttpRequestLike): string {
  const address = request.ip ?? request.socket?.remoteAddress ?? 'unknown';
  return `ip:${clientAddressKey(address)}`;
}

function defaultUserKey(user: unknown): string | number | undefined {
  if (typeof user !== 'object' || user === null) {
    return undefined;
  }
  const { id, sub, email } = user as Record<string, unknown>;
  return [id, sub, email].find(
    (value): value is string | number =>
      typeof value === 'string' || typeof value === 'number',
  );
}
