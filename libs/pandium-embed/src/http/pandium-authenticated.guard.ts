import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { PandiumUnauthenticatedException } from '../errors/pandium-embed.exceptions.js';

/**
 * The user the host app's guard put on the request.
 *
 * @throws {PandiumUnauthenticatedException} when there is none.
 * @internal
 */
export function requireUser(request: object, userProperty: string): unknown {
  const user = (request as Record<string, unknown>)[userProperty];
  if (user === undefined || user === null) {
    throw new PandiumUnauthenticatedException();
  }
  return user;
}

/**
 * Refuses a request that carries no authenticated user (401). Runs after the host app's guards, so the
 * routes are closed even when none were configured, and before parameter validation.
 *
 * @internal
 */
export class PandiumAuthenticatedGuard implements CanActivate {
  /** @param userProperty the request property the host app's guard stores the user in. */
  constructor(private readonly userProperty: string) {}

  /** @throws {PandiumUnauthenticatedException} when the request has no user. */
  canActivate(context: ExecutionContext): boolean {
    requireUser(context.switchToHttp().getRequest<object>(), this.userProperty);
    return true;
  }
}
