// What a host built for the overhead benchmark plugs in: constants only, so that what is measured is the route's own
// cost. The same guard and the same strategy classes serve the library's routes and the hand-written ones.
import { Injectable } from '@nestjs/common';
import type { CanActivate, ExecutionContext } from '@nestjs/common';
import type {
  ClaimsProvider,
  PandiumEmbedTarget,
  PandiumIntegration,
  PandiumUserClaims,
  TokenProvider,
} from 'pandium-embed';
import {
  BENCH_INTEGRATION,
  CONNECTOR_TOKEN,
  benchClaims,
} from '../support/payload.js';

/** The signed-in user of every request. */
export interface BenchUser {
  id: string;
  email: string;
}

export const BENCH_USER: BenchUser = {
  id: 'usr_1001',
  email: 'jane@acme.test',
};

const CLAIMS: PandiumUserClaims = benchClaims();

/** The host's authentication, reduced to its effect: `request.user` is always the same user. */
@Injectable()
export class ConstantUserGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    context.switchToHttp().getRequest<{ user?: BenchUser }>().user = BENCH_USER;
    return true;
  }
}

/** The same claims for everyone. */
@Injectable()
export class ConstantClaimsProvider implements ClaimsProvider<BenchUser> {
  getClaims(_user: BenchUser, _target: PandiumEmbedTarget): PandiumUserClaims {
    return CLAIMS;
  }
}

/** The same 300-character connector token for everyone. */
@Injectable()
export class ConstantTokenProvider implements TokenProvider<BenchUser> {
  getToken(_user: BenchUser, _target: PandiumEmbedTarget): string {
    return CONNECTOR_TOKEN;
  }
}

/**
 * A static catalog of `size` integrations with {@link BENCH_INTEGRATION} (id 1042) in the middle, the one every
 * install URL is signed for; the others are generated (ids 2000, 2001, …).
 */
export function benchCatalog(size: number): PandiumIntegration[] {
  const middle = Math.floor(size / 2);
  return Array.from({ length: size }, (_, index) =>
    index === middle
      ? BENCH_INTEGRATION
      : {
          id: String(2000 + index),
          name: `bench_integration_${index}`,
          connectorName: `bench_connector_${index}`,
          displayName: `Bench integration ${index}`,
        },
  );
}
