// Type-checked only: the optional entries of the packed pandium-embed, with the optional peers a host installs for
// them (ioredis 5 for pandium-embed/redis, @nestjs/swagger for pandium-embed/swagger).
import { Redis } from 'ioredis';
import { PandiumEmbedModule } from 'pandium-embed';
import {
  diagnosePandiumToken,
  formatPandiumDiagnosis,
} from 'pandium-embed/diagnosis';
import type {
  PandiumTokenDiagnosis,
  PandiumTokenProblemCode,
} from 'pandium-embed/diagnosis';
import {
  RedisLaunchTicketStore,
  RedisRateLimitStore,
  RedisStatusStore,
} from 'pandium-embed/redis';
import type { PandiumStatusStore } from 'pandium-embed/stores';
import { documentPandiumEmbed } from 'pandium-embed/swagger';

export async function explain(url: string, secret: string): Promise<string> {
  const diagnosis: PandiumTokenDiagnosis = await diagnosePandiumToken(url, {
    secret,
    expectedAccount: 'acme',
  });
  const codes: PandiumTokenProblemCode[] = diagnosis.problems.map(
    ({ code }) => code,
  );
  return `${codes.join(',')}\n${formatPandiumDiagnosis(diagnosis)}`;
}

// An ioredis client fits the stores' structural client type as it is.
const redis = new Redis('redis://127.0.0.1:6379', { lazyConnect: true });

const statusStore: PandiumStatusStore = new RedisStatusStore(redis);

export const FleetModule = PandiumEmbedModule.forRoot({
  account: 'acme',
  sharedSecret: 'a-shared-secret-of-at-least-32-bytes!!',
  integrations: [{ id: '1042', name: 'gwt2hs', connectorName: 'gwt' }],
  claimsProvider: {
    useValue: {
      getClaims: (user: { id: string }) => ({
        sub: user.id,
        ti: { udn: 'Acme', ufn: user.id, uem: `${user.id}@acme.test` },
      }),
    },
  },
  tokenProvider: { useValue: { getToken: () => 'connector-token' } },
  launchTicketStore: { useValue: new RedisLaunchTicketStore(redis) },
  rateLimitStore: { useValue: new RedisRateLimitStore(redis) },
  statusStore: { useValue: statusStore },
});

documentPandiumEmbed();
