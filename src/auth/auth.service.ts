import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, timingSafeEqual } from 'node:crypto';
import { DEMO_PASSWORD, DemoDirectory } from '../directory/demo-directory.js';
import type { DemoUser } from '../directory/demo-directory.js';

/** Claims of the app's own access token. */
interface AccessTokenClaims {
  sub: string;
  scope: 'app';
}

const ACCESS_TOKEN_TTL = '1h';
const digest = (value: string): Buffer =>
  createHash('sha256').update(value).digest();

/** The demo login: checks a password and issues the app's own bearer token. */
@Injectable()
export class AuthService {
  private readonly passwordDigest = digest(DEMO_PASSWORD);

  constructor(
    private readonly jwt: JwtService,
    private readonly directory: DemoDirectory,
  ) {}

  /** @throws {UnauthorizedException} for an unknown email or a wrong password (one message for both). */
  async login(
    email: string,
    password: string,
  ): Promise<{ accessToken: string }> {
    const user = this.directory.findUserByEmail(email);
    // Compared in constant time, and also for unknown emails, so timing does not reveal which emails exist.
    const passwordOk = timingSafeEqual(digest(password), this.passwordDigest);
    if (!user || !passwordOk) {
      throw new UnauthorizedException('Wrong email or password.');
    }
    const claims: AccessTokenClaims = { sub: user.id, scope: 'app' };
    return {
      accessToken: await this.jwt.signAsync(claims, {
        expiresIn: ACCESS_TOKEN_TTL,
      }),
    };
  }

  /** The user an access token belongs to, or undefined when it is invalid, expired or not an app token. */
  async authenticate(accessToken: string): Promise<DemoUser | undefined> {
    try {
      const claims = await this.jwt.verifyAsync<AccessTokenClaims>(
        accessToken,
        { algorithms: ['HS256'] },
      );
      return claims.scope === 'app'
        ? this.directory.findUserById(claims.sub)
        : undefined;
    } catch {
      return undefined;
    }
  }
}
