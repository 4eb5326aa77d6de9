import { Inject, Injectable, Optional } from '@nestjs/common';
import type { KeyObject } from 'node:crypto';
import { createHmac, randomFillSync, timingSafeEqual } from 'node:crypto';
import type { PandiumClock } from '../core/pandium-clock.interface.js';
import type { ResolvedPandiumEmbedOptions } from '../options/pandium-embed-options.validator.js';
import { PandiumJwtSigner } from '../signing/pandium-jwt.signer.js';
import {
  PANDIUM_CLOCK,
  PANDIUM_INSTANCE_NAME,
  PANDIUM_RESOLVED_OPTIONS,
} from '../pandium-embed.tokens.js';
import {
  LAUNCH_TICKET_KEY_INFO,
  MAX_LAUNCH_TICKET_LENGTH,
} from './launch-ticket.constants.js';

/**
 * A launch ticket as {@link PandiumLaunchTicketCodec.issue} made it.
 *
 * @internal
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
 * What {@link PandiumLaunchTicketCodec.check} found: a ticket this app issued and still valid, one it issued that has
 * expired, or anything else (malformed, tampered with, issued with another secret or by another instance).
 *
 * @internal
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
 * Launch tickets and what they are bound to, sealed with HMAC-SHA256 under a key the signer derives from the shared
 * secret (HKDF, the instance's name in its `info`): the same key on every process with the same secret and instance
 * name, another for each named instance, so a ticket moved to another instance fails its MAC there.
 *
 * @internal
 */
@Injectable()
export class PandiumLaunchTicketCodec {
  /** A private field, so no inspection or serialisation of the codec can reach it. */
  readonly #key: KeyObject;
  private readonly ttlSeconds: number;

  constructor(
    signer: PandiumJwtSigner,
    @Inject(PANDIUM_RESOLVED_OPTIONS) options: ResolvedPandiumEmbedOptions,
    @Inject(PANDIUM_CLOCK) private readonly clock: PandiumClock,
    @Optional() @Inject(PANDIUM_INSTANCE_NAME) instanceName?: string,
  ) {
    this.ttlSeconds = options.launchTicketTtlSeconds;
    this.#key = signer.deriveKey(
      instanceName === undefined
        ? LAUNCH_TICKET_KEY_INFO
        : `${LAUNCH_TICKET_KEY_INFO} instance ${instanceName}`,
    );
  }

  /**
   * Issues a launch ticket: 128 random bits and the expiry (now + `launchTicketTtlSeconds`), with an HMAC-SHA256
   * over both. Any instance with the same shared secret can check it; only a store can tell whether it was used.
   */
  issue(): PandiumSignedLaunchTicket {
    const expiresAt = Math.floor(this.clock.now() / 1000) + this.ttlSeconds;
    const body = Buffer.alloc(TICKET_BODY_BYTES);
    randomFillSync(body, 0, TICKET_ID_BYTES);
    body.writeUInt32BE(expiresAt, TICKET_ID_BYTES);
    const data = body.toString('base64url');
    return {
      ticket: `${data}.${this.mac(data)}`,
      id: body.subarray(0, TICKET_ID_BYTES).toString('base64url'),
      expiresAt,
      expiresIn: this.ttlSeconds,
    };
  }

  /**
   * Checks a launch ticket's shape, MAC (in constant time) and expiry, without any store: a ticket that fails
   * here costs no lookup.
   */
  check(ticket: string): PandiumLaunchTicketCheck {
    const match =
      typeof ticket === 'string' && ticket.length <= MAX_LAUNCH_TICKET_LENGTH
        ? TICKET_SHAPE.exec(ticket)
        : null;
    if (match === null || !this.matches(match[2], match[1])) {
      return { status: 'invalid' };
    }
    const body = Buffer.from(match[1], 'base64url');
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
   * What a ticket store keeps for ticket `id`: `<MAC>.<json>`, the MAC over the ticket's id and these exact bytes,
   * so that whoever can write to the store cannot change what a ticket opens, nor move it to another ticket.
   */
  seal(id: string, json: string): string {
    return `${this.mac(recordInput(id, json))}.${json}`;
  }

  /**
   * The JSON that {@link seal} sealed for ticket `id`, or `undefined` for anything else: a value changed in the
   * store, one sealed for another ticket or with another key, or no sealed value at all.
   */
  open(id: string, sealed: unknown): string | undefined {
    // The MAC is base64url: the first dot ends it.
    const dot = typeof sealed === 'string' ? sealed.indexOf('.') : -1;
    if (dot < 0) {
      return undefined;
    }
    const json = (sealed as string).slice(dot + 1);
    return this.matches((sealed as string).slice(0, dot), recordInput(id, json))
      ? json
      : undefined;
  }

  /** HMAC-SHA256 of `input` with the ticket key, base64url. */
  private mac(input: string): string {
    return createHmac('sha256', this.#key).update(input).digest('base64url');
  }

  /**
   * Whether `given` is the MAC of `input`, compared in constant time as text, not decoded: base64url leaves spare
   * bits in the last character, and a MAC spelt another way must not pass for the same one.
   */
  private matches(given: string, input: string): boolean {
    const actual = Buffer.from(given, 'utf8');
    const expected = Buffer.from(this.mac(input), 'utf8');
    return (
      actual.length === expected.length && timingSafeEqual(actual, expected)
    );
  }
}

/** What a record's MAC covers; the prefix keeps it apart from a ticket's MAC (over base64url data only). */
function recordInput(id: string, json: string): string {
  return `launch ticket record:${id}:${json}`;
}
