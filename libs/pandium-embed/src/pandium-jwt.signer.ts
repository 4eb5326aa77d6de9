import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createSecretKey, randomUUID } from 'node:crypto';
import type {
  PandiumClock,
  PandiumJwtPayload,
  PandiumUserClaims,
} from './interfaces/index.js';
import type { ResolvedPandiumEmbedOptions } from './pandium-embed-options.validator.js';
import {
  PANDIUM_CLOCK,
  PANDIUM_JWT_HEADER,
  PANDIUM_RESOLVED_OPTIONS,
} from './pandium-embed.constants.js';

/**
 * What the library itself puts in `ti.xti`: the integration's names (none for the marketplace) and the
 * connector token.
 *
 * @publicApi
 */
export interface PandiumXtiBase {
  connector_name?: string;
  integration_name?: string;
  token: string;
}

/**
 * A signed token and its times.
 *
 * @publicApi
 */
export interface PandiumSignedToken {
  /** The compact JWT. Never log it. */
  token: string;
  /** `iat`, seconds since the epoch. */
  issuedAt: number;
  /** `exp`, seconds since the epoch. */
  expiresAt: number;
  /** `jti`. */
  jti: string;
}

/**
 * Signs Pandium's tenant JWT: HS256 with the shared secret, header exactly `{"alg":"HS256","typ":"JWT"}`,
 * claims `iat`, `exp` (= `iat` + TTL), `jti` (UUID v4), `ti` and `sub`. The only code that touches the secret.
 *
 * @see https://docs.pandium.com/marketplaces/embedding-the-integration-install-only
 * @publicApi
 */
@Injectable()
export class PandiumJwtSigner {
  private readonly jwt: JwtService;
  private readonly ttlSeconds: number;

  constructor(
    @Inject(PANDIUM_RESOLVED_OPTIONS) options: ResolvedPandiumEmbedOptions,
    @Inject(PANDIUM_CLOCK) private readonly clock: PandiumClock,
  ) {
    this.ttlSeconds = options.tokenTtlSeconds;
    // A KeyObject, imported once: never re-parsed per token, and invisible to JSON.stringify and util.inspect.
    const key = createSecretKey(Buffer.from(options.sharedSecret, 'utf8'));
    this.jwt = new JwtService({
      secret: key,
      signOptions: {
        algorithm: PANDIUM_JWT_HEADER.alg,
        header: { ...PANDIUM_JWT_HEADER },
      },
    });
  }

  /**
   * Signs validated claims for one page.
   *
   * @param claims `sub` and `ti` from the `ClaimsProvider`, already validated.
   * @param xti the library's own `xti` entries; they are written after the provider's extras.
   */
  sign(claims: PandiumUserClaims, xti: PandiumXtiBase): PandiumSignedToken {
    const iat = Math.floor(this.clock.now() / 1000);
    const exp = iat + this.ttlSeconds;
    const jti = randomUUID();
    const { ti } = claims;
    const payload: PandiumJwtPayload = {
      iat,
      exp,
      jti,
      ti: {
        udn: ti.udn,
        ufn: ti.ufn,
        uem: ti.uem,
        ili: ti.ili ?? [],
        aid: ti.aid ?? '',
        adn: ti.adn ?? '',
        xti: { ...ti.xti, ...xti },
      },
      sub: claims.sub,
    };
    return { token: this.encode(payload), issuedAt: iat, expiresAt: exp, jti };
  }

  /**
   * Signs this payload with Pandium's header. `jsonwebtoken` adds `iat` (now) only when the payload has no
   * truthy `iat`; `sign()` always sets one.
   */
  protected encode(payload: object): string {
    return this.jwt.sign(payload);
  }
}
