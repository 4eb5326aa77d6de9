import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { DemoUser } from '../directory/demo-directory.js';

const CONNECTOR_TOKEN_TTL = '15m';

/**
 * Mints the short-lived token Pandium's connector for this app uses to call the app's API on the user's
 * behalf (`xti.token`). Its scope keeps it from being used as a login token, and vice versa.
 */
@Injectable()
export class ConnectorTokenIssuer {
  constructor(private readonly jwt: JwtService) {}

  issue(user: DemoUser): Promise<string> {
    return this.jwt.signAsync(
      { sub: user.id, org: user.organization.id, scope: 'pandium-connector' },
      { expiresIn: CONNECTOR_TOKEN_TTL },
    );
  }
}
