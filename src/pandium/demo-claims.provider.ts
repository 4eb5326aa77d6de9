import { Injectable } from '@nestjs/common';
import type { ClaimsProvider, PandiumUserClaims } from 'pandium-embed';
import { DemoDirectory } from '../directory/demo-directory.js';
import type { DemoUser } from '../directory/demo-directory.js';

/**
 * Tells Pandium who the signed-in user is. `sub` is the user's id: stable, never reused.
 */
@Injectable()
export class DemoClaimsProvider implements ClaimsProvider<DemoUser> {
  constructor(private readonly directory: DemoDirectory) {}

  getClaims(user: DemoUser): PandiumUserClaims {
    const { organization } = user;
    return {
      sub: user.id,
      ti: {
        udn: organization.name,
        ufn: user.fullName,
        uem: user.email,
        ili: [organization.id],
        aid: organization.id,
        adn: organization.name,
        xti: {
          user_group: organization.plan,
          hidden_integrations:
            this.directory.integrationsHiddenFrom(organization),
        },
      },
    };
  }
}
