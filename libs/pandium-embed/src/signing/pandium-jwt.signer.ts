import { Inject, Injectable, Logger } from '@nestjs/common';
import type { JwtService, JwtSignOptions } from '@nestjs/jwt';
import type { KeyObject } from 'node:crypto';
import { createSecretKey, hkdfSync, randomUUID } from 'node:crypto';
import type { PandiumClock } from '../core/pandium-clock.interface.js';
import type {
  PandiumJwtPayload,
  PandiumUserClaims,
} from '../core/pandium-claims.interface.js';
import type { ResolvedPandiumEmbedOptions } from '../options/pandium-embed-options.validator.js';
import {
  MIN_SECRET_BYTES,
  PANDIUM_JWT_HEADER,
} from './pandium-jwt.constants.js';
import {
  PANDIUM_CLOCK,
  PANDIUM_JWT_SERVICE,
  PANDIUM_RESOLVED_OPTIONS,
} from '../pandium-embed.tokens.js';
import { PandiumTokenTooLargeError } from '../errors/pandium-token-too-large.error.js';
import { secretFingerprint } from './secret-fingerprint.util.js';

/**
 * What the library itself puts in `ti.xti`: the integration's names (none for the marketplace) and the
 * connector token.
 *
 * @internal
 */
export interface PandiumXtiBase {
  connector_name?: string;
  integration_name?: string;
  token: string;
}

/**
 * A signed token and its times.
 *
 * @internal
 */
export interface PandiumSignedToken {
  /** The compact JWT. Never log it. */
  token: string;
  /** `iat`, seconds since the epoch: the signing time less the clock-skew allowance. */
  issuedAt: number;
  /** `exp`, seconds since the epoch: the signing time plus the TTL. */
  expiresAt: number;
  /** Seconds from signing to `exp` (the TTL). */
  expiresIn: number;
  /** `jti`. */
  jti: string;
}

/**
 * Signs Pandium's tenant JWT through `JwtService` from `@nestjs/jwt`: HS256 with the shared secret, header exactly
 * `{"alg":"HS256","typ":"JWT"}`, claims `iat` (now less the clock-skew allowance), `exp` (now + TTL), `jti`
 * (UUID v4), `ti` and `sub`. The only code that reads the secret: it keeps it as a `KeyObject` in one private
 * field, and lends its strength to other uses only as a key derived from it ({@link deriveKey}).
 *
 * @see https://docs.pandium.com/marketplaces/embedding-the-integration-install-only
 * @internal
 */
@Injectable()
export class PandiumJwtSigner {
  private readonly logger = new Logger(PandiumJwtSigner.name);
  /** Imported once; a private field, so no inspection or serialisation of the signer can reach it. */
  readonly #key: KeyObject;
  /** What each `JwtService.sign` call gets: Pandium's algorithm and header, and the key (built once). */
  readonly #signOptions: JwtSignOptions;
  private readonly ttlSeconds: number;
  private readonly skewSeconds: number;
  private readonly maxTokenBytes: number;

  constructor(
    @Inject(PANDIUM_RESOLVED_OPTIONS) options: ResolvedPandiumEmbedOptions,
    @Inject(PANDIUM_CLOCK) private readonly clock: PandiumClock,
    @Inject(PANDIUM_JWT_SERVICE) private readonly jwt: JwtService,
  ) {
    this.ttlSeconds = options.tokenTtlSeconds;
    this.skewSeconds = options.clockSkewSeconds;
    this.maxTokenBytes = options.maxTokenBytes;
    const revealed = options.sharedSecret.reveal();
    const secret = Buffer.from(revealed, 'utf8');
    // An operator compares this with Pandium's record of the secret without either side showing the secret.
    this.logger.log(
      `Signing with the shared secret whose SHA-256 starts ${secretFingerprint(revealed)}`,
    );
    if (secret.length < MIN_SECRET_BYTES) {
      this.logger.warn(
        `The shared secret is ${secret.length} bytes, shorter than the ${MIN_SECRET_BYTES} bytes HS256 wants; ` +
          'accepted because allowShortSecret is set. Ask Pandium for a longer one.',
      );
    }
    this.#key = createSecretKey(secret);
    // The key last: JwtService deletes it from its copy of these on every call, and deleting an object's last
    // property keeps it fast in V8 (deleting any other makes it a slow dictionary: about 15 % slower per token).
    this.#signOptions = {
      algorithm: PANDIUM_JWT_HEADER.alg,
      header: PANDIUM_JWT_HEADER,
      privateKey: this.#key,
    };
  }

  /**
   * A 256-bit key for another use of the secret, by HKDF-SHA256 (RFC 5869, empty salt): the same on every process
   * with the same secret and `purpose`, a different one for each `purpose`, and never the secret itself.
   *
   * @param purpose the HKDF `info`: name the use (and anything that must give another key, such as an instance name).
   */
  deriveKey(purpose: string): KeyObject {
    return createSecretKey(
      Buffer.from(hkdfSync('sha256', this.#key, Buffer.alloc(0), purpose, 32)),
    );
  }

  /**
   * Signs validated claims for one page.
   *
   * @param claims `sub` and `ti` from the `ClaimsProvider`, already validated.
   * @param xti the library's own `xti` entries; they are written after the provider's extras.
   * @throws {PandiumTokenTooLargeError} when the token is over `maxTokenBytes`.
   */
  sign(claims: PandiumUserClaims, xti: PandiumXtiBase): PandiumSignedToken {
    const now = Math.floor(this.clock.now() / 1000);
    const iat = now - this.skewSeconds;
    const exp = now + this.ttlSeconds;
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
    const token = this.encode(payload);
    // The token is base64url, so its length is its size in bytes.
    if (token.length > this.maxTokenBytes) {
      throw PandiumTokenTooLargeError.over(token.length, this.maxTokenBytes);
    }
    return {
      token,
      issuedAt: iat,
      expiresAt: exp,
      expiresIn: this.ttlSeconds,
      jti,
    };
  }

  /**
   * Signs exactly this payload, adding no claim: `<header>.<payload>.<signature>`, each base64url, the header
   * Pandium's and the signature HMAC-SHA256 over the first two with the shared secret (RFC 7515, 7519).
   */
  protected encode(payload: object): string {
    // Given an object, jsonwebtoken writes its own `iat` (or, under `noTimestamp`, deletes ours); given the JSON
    // bytes, it signs them as they are and adds nothing. The header is then ours whole, `typ` included.
    return this.jwt.sign(
      Buffer.from(JSON.stringify(payload), 'utf8'),
      this.#signOptions,
    );
  }
}
