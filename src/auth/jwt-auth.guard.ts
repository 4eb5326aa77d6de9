import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { Injectable, UnauthorizedException } from '@nestjs/common';
import { AuthService } from './auth.service.js';

/** Accepts `Authorization: Bearer <accessToken>` from `POST /auth/login` and puts the user on `request.user`. */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(private readonly auth: AuthService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context
      .switchToHttp()
      .getRequest<{ headers: Record<string, unknown>; user?: unknown }>();
    const header = request.headers.authorization;
    const match =
      typeof header === 'string'
        ? /^Bearer ([A-Za-z0-9._-]+)$/.exec(header)
        : null;
    const user = match ? await this.auth.authenticate(match[1]) : undefined;
    if (!user) {
      throw new UnauthorizedException(
        'Sign in first: send Authorization: Bearer <accessToken>.',
      );
    }
    request.user = user;
    return true;
  }
}
