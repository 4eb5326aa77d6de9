import type { CanActivate, ExecutionContext, Type } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { PandiumHttpException } from '../errors/pandium-http.exception.js';
import { PandiumErrorCode } from '../errors/pandium-error.codes.js';

/**
 * The user the host app's guard put on the request.
 *
 * @throws {PandiumHttpException} `PANDIUM_UNAUTHENTICATED` (401) when there is none.
 * @internal
 */
export function requireUser(request: object, userProperty: string): unknown {
  const user = (request as Record<string, unknown>)[userProperty];
  if (user === undefined || user === null) {
    throw PandiumHttpException.of(PandiumErrorCode.UNAUTHENTICATED);
  }
  return user;
}

/** A guard's name as the host app wrote it: its class. */
function nameOf(guard: CanActivate | Type<CanActivate>): string {
  return typeof guard === 'function' ? guard.name : guard.constructor.name;
}

/**
 * Refuses a request that carries no authenticated user (401). Runs after the host app's guards, so the
 * routes are closed even when none were configured, and before parameter validation.
 *
 * When the host app's guards let a request through without leaving a user where `userProperty` says (a guard that
 * stores it under another name is the usual cause), every request fails with 401 and nothing else shows it: the
 * first such request logs one warning naming both settings. Never the user, never a token.
 *
 * @internal
 */
export class PandiumAuthenticatedGuard implements CanActivate {
  private readonly logger = new Logger(PandiumAuthenticatedGuard.name);

  private hasWarned = false;

  /**
   * @param userProperty the request property the host app's guard stores the user in.
   * @param guards the host app's guards that run before this one (`controller.guards`), named in the warning.
   */
  constructor(
    private readonly userProperty: string,
    private readonly guards: readonly (CanActivate | Type<CanActivate>)[] = [],
  ) {}

  /** @throws {PandiumHttpException} `PANDIUM_UNAUTHENTICATED` (401) when the request has no user. */
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<object>();
    try {
      requireUser(request, this.userProperty);
    } catch (error) {
      this.warnOnce();
      throw error;
    }
    return true;
  }

  /** Says once that the configured guards passed a request without a user; nothing when none are configured. */
  private warnOnce(): void {
    if (this.hasWarned || this.guards.length === 0) {
      return;
    }
    this.hasWarned = true;
    this.logger.warn(
      `A request passed controller.guards (${this.guards.map(nameOf).join(', ')}) but had no user on ` +
        `request.${this.userProperty} (controller.userProperty: '${this.userProperty}'), so it was refused with ` +
        '401, as every such request will be. If your guard stores the user under another property, set ' +
        'controller.userProperty to it; if it lets anonymous requests through, these 401s are expected. ' +
        'Logged once.',
    );
  }
}
