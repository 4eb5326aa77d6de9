// Fixtures shared by the specs that boot PandiumEmbedModule (excluded from the build like the specs). Each spec keeps
// its own user type, guards, claims and catalog: what they decide is what its assertions read.
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { App } from 'supertest/types.js';
import type { ClaimsProvider } from '../../core/claims-provider.interface.js';
import type { PandiumClock } from '../../core/pandium-clock.interface.js';
import type { PandiumIntegration } from '../../core/pandium-integration.interface.js';
import type { PandiumUserClaims } from '../../core/pandium-claims.interface.js';
import type { TokenProvider } from '../../core/token-provider.interface.js';
import { PANDIUM_CLOCK } from '../../pandium-embed.tokens.js';
import { PandiumEmbedModule } from '../../module/pandium-embed.module.js';

/** A v4 UUID, as every correlation id is. */
export const UUID =
  /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** An integration of the account with a display name. */
export const netsuite: PandiumIntegration = {
  id: '1042',
  name: 'netsuite-orders',
  connectorName: 'netsuite',
  displayName: 'NetSuite orders',
};

/** An integration of the account without one. */
export const shopify: PandiumIntegration = {
  id: '2001',
  name: 'shopify-sync',
  connectorName: 'shopify',
};

/** What a test guard reads (the headers) and writes (the user, under the property the controller is told). */
export type TestRequest = Record<string, unknown> & {
  headers: Record<string, string | string[] | undefined>;
};

/** A connector token that names its user, so a test can tell whose token was signed. */
export class FakeTokenProvider implements TokenProvider<{ id: string }> {
  getToken(user: { id: string }): string {
    return `conn-token-for-${user.id}`;
  }
}

/** Fails the way a broken directory service would, with internals in the error that no answer may show. */
export class FailingClaimsProvider implements ClaimsProvider<unknown> {
  getClaims(): PandiumUserClaims {
    throw new Error('ldap://10.0.0.7 refused the bind');
  }
}

/** `PandiumEmbedModule.forRoot(options)` in an app that logs nothing, signing on `clock`; initialised, not listening. */
export async function createPandiumTestApp(
  options: Parameters<typeof PandiumEmbedModule.forRoot>[0],
  clock: PandiumClock,
): Promise<INestApplication<App>> {
  const moduleRef = await Test.createTestingModule({
    imports: [PandiumEmbedModule.forRoot(options)],
  })
    .overrideProvider(PANDIUM_CLOCK)
    .useValue(clock)
    .compile();
  const app = moduleRef.createNestApplication<INestApplication<App>>({
    logger: false,
  });
  await app.init();
  return app;
}
