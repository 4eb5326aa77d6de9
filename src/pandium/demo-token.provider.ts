import { Injectable } from '@nestjs/common';
import type { TokenProvider } from 'pandium-embed';
import { ConnectorTokenIssuer } from '../auth/connector-token.issuer.js';
import type { DemoUser } from '../directory/demo-directory.js';

/**
 * Gives Pandium a short-lived token for the example app's own API, so the user's integration can call it.
 */
@Injectable()
export class DemoTokenProvider implements TokenProvider<DemoUser> {
  constructor(private readonly connectorTokens: ConnectorTokenIssuer) {}

  getToken(user: DemoUser): Promise<string> {
    return this.connectorTokens.issue(user);
  }
}
