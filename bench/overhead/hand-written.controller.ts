// The route a team would write instead of installing the library: the same guard, the same strategies, the same
// static catalog (a Map built once), HS256 with node:crypto, the same answer and `Cache-Control: no-store`. No
// validation and no rate limit, as in the measurement of issue 13.
import {
  Controller,
  Get,
  Header,
  Inject,
  NotFoundException,
  Param,
  Req,
  UseGuards,
} from '@nestjs/common';
import { createHmac, createSecretKey, randomUUID } from 'node:crypto';
import type {
  ClaimsProvider,
  PandiumEmbedTarget,
  PandiumIntegration,
  TokenProvider,
} from 'pandium-embed';
import { BENCH_ACCOUNT, BENCH_PANDIUM_SECRET } from '../support/settings.js';
import {
  ConstantClaimsProvider,
  ConstantTokenProvider,
  ConstantUserGuard,
} from './constant-strategies.js';
import type { BenchUser } from './constant-strategies.js';

/** The injection token of the host's static catalog. */
export const BENCH_CATALOG = Symbol('BENCH_CATALOG');

const BASE = `https://imp.sandbox.pandium.com/${BENCH_ACCOUNT}`;
const HEADER = Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url');
const TTL_SECONDS = 300;
const SKEW_SECONDS = 5;

interface Signed {
  token: string;
  expiresAt: string;
  expiresIn: number;
}

/** `GET /hand-written/integrations/:id/install-url` and `GET /hand-written/marketplace-url`. */
@Controller('hand-written')
@UseGuards(ConstantUserGuard)
export class HandWrittenController {
  private readonly key = createSecretKey(Buffer.from(BENCH_PANDIUM_SECRET));
  private readonly integrations: Map<string, PandiumIntegration>;

  constructor(
    @Inject(BENCH_CATALOG) catalog: PandiumIntegration[],
    @Inject(ConstantClaimsProvider)
    private readonly claims: ClaimsProvider<BenchUser>,
    @Inject(ConstantTokenProvider)
    private readonly tokens: TokenProvider<BenchUser>,
  ) {
    this.integrations = new Map(catalog.map((entry) => [entry.id, entry]));
  }

  @Get('integrations/:id/install-url')
  @Header('Cache-Control', 'no-store')
  async installUrl(
    @Req() request: { user: BenchUser },
    @Param('id') id: string,
  ) {
    const integration = this.integrations.get(id);
    if (integration === undefined) {
      throw new NotFoundException();
    }
    const { token, ...expiry } = await this.sign(
      request.user,
      { kind: 'install', integration },
      {
        connector_name: integration.connectorName,
        integration_name: integration.name,
      },
    );
    const url = `${BASE}/tenants/create/${encodeURIComponent(id)}?tenant=${token}`;
    return { url, ...expiry, integrationId: id };
  }

  @Get('marketplace-url')
  @Header('Cache-Control', 'no-store')
  async marketplaceUrl(@Req() request: { user: BenchUser }) {
    const { token, ...expiry } = await this.sign(
      request.user,
      { kind: 'marketplace' },
      {},
    );
    return { url: `${BASE}?tenant=${token}`, ...expiry };
  }

  private async sign(
    user: BenchUser,
    target: PandiumEmbedTarget,
    xti: Record<string, string>,
  ): Promise<Signed> {
    const [{ sub, ti }, connectorToken] = await Promise.all([
      this.claims.getClaims(user, target),
      this.tokens.getToken(user, target),
    ]);
    const now = Math.floor(Date.now() / 1000);
    const payload = {
      iat: now - SKEW_SECONDS,
      exp: now + TTL_SECONDS,
      jti: randomUUID(),
      // This host's claims always carry ili, aid and adn, so the payload is the one the library signs.
      ti: { ...ti, xti: { ...ti.xti, ...xti, token: connectorToken } },
      sub,
    };
    const body = `${HEADER}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
    const signature = createHmac('sha256', this.key)
      .update(body)
      .digest('base64url');
    return {
      token: `${body}.${signature}`,
      expiresAt: new Date((now + TTL_SECONDS) * 1000).toISOString(),
      expiresIn: TTL_SECONDS,
    };
  }
}
