// Type-checked only (tsc --noEmit, strict, nodenext) against the packed pandium-embed: what a TypeScript host app
// writes. A wrong `exports`/`types` entry, a missing declaration or an unexported public type fails the package test.
import { Injectable, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { InMemoryRateLimitStore } from 'pandium-embed/stores';
import {
  PandiumEmbedModule,
  PandiumEmbedService,
  pandiumConfig,
} from 'pandium-embed';
import type {
  ClaimsProvider,
  IntegrationCatalog,
  PandiumEmbedUrl,
  PandiumIntegration,
  PandiumUserClaims,
  TokenProvider,
} from 'pandium-embed';
import { claimsOf, PANDIUM_TEST_SECRET } from 'pandium-embed/testing';
import type { PandiumJwtPayload } from 'pandium-embed/testing';

interface AppUser {
  id: string;
  email: string;
  orgName: string;
}

@Injectable()
class UserClaims implements ClaimsProvider<AppUser> {
  getClaims(user: AppUser): PandiumUserClaims {
    return {
      sub: user.id,
      ti: { udn: user.orgName, ufn: user.email, uem: user.email },
    };
  }
}

@Injectable()
class ConnectorTokens implements TokenProvider<AppUser> {
  getToken(user: AppUser): Promise<string> {
    return Promise.resolve(`token-for-${user.id}`);
  }
}

@Injectable()
class Catalog implements IntegrationCatalog<AppUser> {
  listIntegrations(): PandiumIntegration[] {
    return [{ id: '1042', name: 'gwt2hs', connectorName: 'gwt' }];
  }
}

@Module({
  imports: [
    ConfigModule.forRoot(),
    PandiumEmbedModule.forRootAsync({
      ...pandiumConfig.asProvider(),
      imports: [ConfigModule.forFeature(pandiumConfig)],
      claimsProvider: UserClaims,
      tokenProvider: ConnectorTokens,
      integrationCatalog: Catalog,
      rateLimitStore: InMemoryRateLimitStore,
    }),
  ],
})
export class AppModule {}

export async function installUrlFor(
  service: PandiumEmbedService,
  user: AppUser,
): Promise<string> {
  const issued: PandiumEmbedUrl = await service.createInstallUrl(user, '1042');
  const claims: PandiumJwtPayload = claimsOf(issued.url, {
    secret: PANDIUM_TEST_SECRET,
  });
  return claims.ti.uem;
}
