import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { KeyObject } from 'node:crypto';
import {
  createHash,
  createHmac,
  createSecretKey,
  hkdfSync,
  randomFillSync,
  randomUUID,
  timingSafeEqual,
} from 'node:crypto';
import type { PandiumClock } from '../core/pandium-clock.interface.js';
import type {
  PandiumJwtPayload,
  PandiumUserClaims,
} from '../core/pandium-claims.interface.js';
import type { PandiumLaunchTicketRecord } from '../launch/pandium-launch-ticket-store.interface.js';
import type { ResolvedPandiumEmbedOptions } from '../options/pandium-embed-options.validator.js';
import {
  LAUNCH_TICKET_KEY_INFO,
  MAX_LAUNCH_TICKET_LENGTH,
} from '../launch/launch-ticket.constants.js';
import {
  MIN_SECRET_BYTES,
  PANDIUM_JWT_HEADER_SEGMENT,
} from './pandium-jwt.constants.js';
import {
  PANDIUM_CLOCK,
  PANDIUM_INSTANCE_NAME,
  PANDIUM_RESOLVED_OPTIONS,
} from '../pandium-embed.tokens.js';
import { PandiumTokenTooLargeError } from '../errors/pandium-token-too-large.error.js';

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
 * A launch ticket as {@link PandiumJwtSigner.signLaunchTicket} made it.
 *
 * @publicApi
 */
export interface PandiumSignedLaunchTicket {
  /** `<id and expiry>.<MAC>`, base64url: a bearer credential until it expires. Never log it. */
  ticket: string;
  /** The ticket's random part (128 bits, base64url): what a ticket store keys on. */
  id: string;
  /** When the ticket expires, in seconds since the epoch. */
  expiresAt: number;
  /** Seconds from issue to expiry (`launchTicketTtlSeconds`). */
  expiresIn: number;
}

/**
 * What {@link PandiumJwtSigner.verifyLaunchTicket} found: a ticket this app issued and still valid, one it issued
 * that has expired, or anything else (malformed, tampered with, issued with another secret).
 *
 * @publicApi
 */
export type PandiumLaunchTicketCheck =
  | { status: 'valid'; id: string; expiresAt: number }
  | { status: 'expired' }
  | { status: 'invalid' };

/** 128 random bits, then the expiry as whole seconds (uint32, good until 2106). */
const TICKET_ID_BYTES = 16;
const TICKET_BODY_BYTES = TICKET_ID_BYTES + 4;
/** base64url of the 20-byte body, a dot, base64url of the 32-byte HMAC-SHA256: 71 characters. */
const TICKET_SHAPE = /^([A-Za-z0-9_-]{27})\.([A-Za-z0-9_-]{43})$/;

/**
 * Signs Pandium's tenant JWT: HS256 with the shared secret, header exactly `{"alg":"HS256","typ":"JWT"}`,
 * claims `iat` (now less the clock-skew allowance), `exp` (now + TTL), `jti` (UUID v4), `ti` and `sub`. Also
 * issues and checks launch tickets, with a MAC key derived from the secret. The only code that touches the secret.
 *
 * @see https://docs.pandium.com/marketplaces/embedding-the-integration-install-only
 * @publicApi
 */
@Injectable()
export class PandiumJwtSigner {
  private readonly logger = new Logger(PandiumJwtSigner.name);
  /** Imported once; a private field, so no inspection or serialisation of the signer can reach it. */
  readonly #key: KeyObject;
  /**
   * HKDF-SHA256 of the secret for launch tickets: the same on every process that has the same secret and instance
   * name, and different for each named instance, so a ticket moved to another instance fails its MAC there.
   */
  readonly #ticketKey: KeyObject;
  private readonly ttlSeconds: number;
  private readonly ticketTtlSeconds: number;
  private readonly skewSeconds: number;
  private readonly maxTokenBytes: number;

  constructor(
    @Inject(PANDIUM_RESOLVED_OPTIONS) options: ResolvedPandiumEmbedOptions,
    @Inject(PANDIUM_CLOCK) private readonly clock: PandiumClock,
    @Optional() @Inject(PANDIUM_INSTANCE_NAME) instanceName?: string,
  ) {
    this.ttlSeconds = options.tokenTtlSeconds;
    this.skewSeconds = options.clockSkewSeconds;
    this.maxTokenBytes = options.maxTokenBytes;
    this.ticketTtlSeconds = options.launchTicketTtlSeconds;
    const secret = Buffer.from(options.sharedSecret.reveal(), 'utf8');
    // An operator compares this with Pandium's record of the secret without either side showing the secret.
    const fingerprint = createHash('sha256')
      .update(secret)
      .digest('hex')
      .slice(0, 8);
    this.logger.log(
      `Signing with the shared secret whose SHA-256 starts ${fingerprint}`,
    );
    if (secret.length < MIN_SECRET_BYTES) {
      this.logger.warn(
        `The shared secret is ${secret.length} bytes, shorter than the ${MIN_SECRET_BYTES} bytes HS256 wants; ` +
          'accepted because allowShortSecret is set. Ask Pandium for a longer one.',
      );
    }
    this.#key = createSecretKey(secret);
    this.#ticketKey = createSecretKey(
      Buffer.from(
        hkdfSync(
          'sha256',
          secret,
          Buffer.alloc(0),
          instanceName === undefined
            ? LAUNCH_TICKET_KEY_INFO
            : `${LAUNCH_TICKET_KEY_INFO} instance ${instanceName}`,
          32,
        ),
      ),
    );
  }

  /**
   * Issues a launch ticket: 128 random bits and the expiry (now + `launchTicketTtlSeconds`), with an HMAC-SHA256
   * over both. Any instance with the same shared secret can check it; only a store can tell whether it was used.
   */
  signLaunchTicket(): PandiumSignedLaunchTicket {
    const now = Math.floor(this.clock.now() / 1000);
    const expiresAt = now + this.ticketTtlSeconds;
    const body = Buffer.alloc(TICKET_BODY_BYTES);
    randomFillSync(body, 0, TICKET_ID_BYTES);
    body.writeUInt32BE(expiresAt, TICKET_ID_BYTES);
    const data = body.toString('base64url');
    return {
      ticket: `${data}.${this.ticketMac(data).toString('base64url')}`,
      id: body.subarray(0, TICKET_ID_BYTES).toString('base64url'),
      expiresAt,
      expiresIn: this.ticketTtlSeconds,
    };
  }

  /**
   * Checks a launch ticket's shape, MAC (in constant time) and expiry, without any store: a ticket that fails
   * here costs no lookup.
   */
  verifyLaunchTicket(ticket: string): PandiumLaunchTicketCheck {
    const match =
      typeof ticket === 'string' && ticket.length <= MAX_LAUNCH_TICKET_LENGTH
        ? TICKET_SHAPE.exec(ticket)
        : null;
    if (match === null) {
      return { status: 'invalid' };
    }
    const [, data, mac] = match;
    // Compared as text, not decoded: base64url leaves spare bits in the last character, and a ticket spelt
    // another way must not pass for the same one.
    const given = Buffer.from(mac, 'latin1');
    const expected = Buffer.from(
      this.ticketMac(data).toString('base64url'),
      'latin1',
    );
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return { status: 'invalid' };
    }
    const body = Buffer.from(data, 'base64url');
    const expiresAt = body.readUInt32BE(TICKET_ID_BYTES);
    if (Math.floor(this.clock.now() / 1000) >= expiresAt) {
      return { status: 'expired' };
    }
    return {
      status: 'valid',
      id: body.subarray(0, TICKET_ID_BYTES).toString('base64url'),
      expiresAt,
    };
  }

  /**
   * The MAC that binds a ticket's record to its id (HMAC-SHA256 with the ticket key, base64url): a store, or anyone
   * who can write to it, cannot change the user or the target a ticket opens, nor move a record to another ticket.
   * Keys are sorted first, so a store may give the record back with its keys in another order.
   */
  sealLaunchTicketRecord(
    id: string,
    record: Omit<PandiumLaunchTicketRecord, 'mac'>,
  ): string {
    return this.recordMac(id, record).toString('base64url');
  }

  /** Whether a record from the store carries the MAC {@link sealLaunchTicketRecord} gave it, compared in constant time. */
  launchTicketRecordMatches(
    id: string,
    record: PandiumLaunchTicketRecord,
  ): boolean {
    const { mac, ...fields } = record;
    if (typeof mac !== 'string') {
      return false;
    }
    const given = Buffer.from(mac, 'latin1');
    const expected = Buffer.from(
      this.recordMac(id, fields).toString('base64url'),
      'latin1',
    );
    return given.length === expected.length && timingSafeEqual(given, expected);
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
    const signingInput = `${PANDIUM_JWT_HEADER_SEGMENT}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
    const signature = createHmac('sha256', this.#key)
      .update(signingInput)
      .digest('base64url');
    return `${signingInput}.${signature}`;
  }

  /** HMAC-SHA256 of a ticket's data with the derived ticket key. */
  private ticketMac(data: string): Buffer {
    return createHmac('sha256', this.#ticketKey).update(data).digest();
  }

  /** HMAC-SHA256 of a record and its ticket's id; the prefix keeps it apart from a ticket's MAC (base64url data). */
  private recordMac(
    id: string,
    {
      kind,
      integrationId,
      user,
      expiresAt,
    }: Omit<PandiumLaunchTicketRecord, 'mac'>,
  ): Buffer {
    const fields = {
      id,
      kind,
      integrationId: integrationId ?? null,
      user,
      expiresAt,
    };
    return createHmac('sha256', this.#ticketKey)
      .update(`launch ticket record:${canonicalJson(fields)}`)
      .digest();
  }
}

/** JSON with every object's keys sorted, so the same value always gives the same text. */
function canonicalJson(value: unknown): string {
  const json: unknown =
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
      ? (value as { toJSON: () => unknown }).toJSON()
      : value;
  if (Array.isArray(json)) {
    return `[${json.map((item) => canonicalJson(item ?? null)).join(',')}]`;
  }
  if (typeof json === 'object' && json !== null) {
    const entries = Object.keys(json)
      .sort()
      .filter((key) => (json as Record<string, unknown>)[key] !== undefined)
      .map(
        (key) =>
          `${JSON.stringify(key)}:${canonicalJson((json as Record<string, unknown>)[key])}`,
      );
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(json) ?? 'null';
}
