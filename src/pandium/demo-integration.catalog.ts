import { Injectable } from '@nestjs/common';
import type { IntegrationCatalog, PandiumIntegration } from 'pandium-embed';
import { DemoDirectory } from '../directory/demo-directory.js';
import type { DemoUser } from '../directory/demo-directory.js';

/**
 * The integrations a user's organisation may install, by plan.
 */
@Injectable()
export class DemoIntegrationCatalog implements IntegrationCatalog<DemoUser> {
  constructor(private readonly directory: DemoDirectory) {}

  listIntegrations(user: DemoUser): PandiumIntegration[] {
    return this.directory
      .integrationsFor(user.organization)
      .map(({ id, name, connectorName, displayName }) => ({
        id,
        name,
        connectorName,
        displayName,
      }));
  }
}
