import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { createHmac, hkdfSync } from 'node:crypto';
import { inspect } from 'node:util';
import type { PandiumClock } from '../core/pandium-clock.interface.js';
import { jwtServiceProvider } from '../module/pandium-embed.providers.js';
import { resolvePandiumEmbedOptions } from '../options/pandium-embed-options.validator.js';
import {
  PANDIUM_CLOCK,
  PANDIUM_INSTANCE_NAME,
  PANDIUM_RESOLVED_OPTIONS,
} from '../pandium-embed.tokens.js';
import { PandiumJwtSigner } from '../signing/pandium-jwt.signer.js';
import { PandiumLaunchTicketCodec } from './pandium-launch-ticket.codec.js';

const SECRET = 'codec-spec-secret-0123456789-abcdefghijk';
/** A non-whole second, so a rounding mistake in the expiry shows. */
const NOW_MS = 1_700_000_000_999;
const NOW_S = 1_700_000_000;
const PANDIUM_HEADER_SEGMENT = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9';
const TICKET = /^([A-Za-z0-9_-]{27})\.([A-Za-z0-9_-]{43})$/;
/** The ticket key as anyone with the secret would derive it: HKDF-SHA256, empty salt, the library's info. */
const TICKET_KEY = Buffer.from(
  hkdfSync(
    'sha256',
    SECRET,
    Buffer.alloc(0),
    'pandium-embed launch ticket v1',
    32,
  ),
);

/** The codec as the module wires it: its key derived by the module's signer from these options. */
async function setup(
  options: Record<string, unknown> = {},
  clock: PandiumClock = { now: () => NOW_MS },
  instanceName?: string,
): Promise<PandiumLaunchTicketCodec> {
  const moduleRef = await Test.createTestingModule({
    providers: [
      {
        provide: PANDIUM_RESOLVED_OPTIONS,
        useValue: resolvePandiumEmbedOptions({
          account: 'acme',
          sharedSecret: SECRET,
          ...options,
        }),
      },
      { provide: PANDIUM_CLOCK, useValue: clock },
      ...(instanceName === undefined
        ? []
        : [{ provide: PANDIUM_INSTANCE_NAME, useValue: instanceName }]),
      jwtServiceProvider,
      PandiumJwtSigner,
      PandiumLaunchTicketCodec,
    ],
  }).compile();
  return moduleRef.get(PandiumLaunchTicketCodec);
}

/** A clock that can be moved, starting at NOW_MS. */
function movableClock(): PandiumClock & { at: number } {
  const clock = { at: NOW_MS, now: () => clock.at };
  return clock;
}

/** The ticket with one character of `part` (0: data, 1: MAC) changed. */
function tampered(ticket: string, part: 0 | 1, index = 3): string {
  const parts = ticket.split('.');
  const chars = [...parts[part]];
  chars[index] = chars[index] === 'A' ? 'B' : 'A';
  parts[part] = chars.join('');
  return parts.join('.');
}

describe('PandiumLaunchTicketCodec', () => {
  let logged: jest.SpiedFunction<Logger['log']>[];

  beforeEach(() => {
    logged = (['log', 'warn', 'error', 'debug', 'verbose'] as const).map(
      (method) =>
        jest.spyOn(Logger.prototype, method).mockImplementation(() => {}),
    );
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  /** Everything logged through Nest's Logger, as one string. */
  function everythingLogged(): string {
    return logged
      .flatMap((spy) => spy.mock.calls)
      .map((call) => inspect(call, { depth: 10 }))
      .join('\n');
  }

  describe('issue', () => {
    it('should issue a 71-character ticket expiring after launchTicketTtlSeconds (30 by default)', async () => {
      const codec = await setup();

      const issued = codec.issue();

      expect(issued.ticket).toMatch(TICKET);
      expect(issued.ticket).toHaveLength(71);
      expect(issued.expiresAt).toBe(NOW_S + 30);
      expect(issued.expiresIn).toBe(30);
    });

    it('should follow a configured launchTicketTtlSeconds', async () => {
      const codec = await setup({ launchTicketTtlSeconds: 120 });

      const issued = codec.issue();

      expect(issued.expiresAt).toBe(NOW_S + 120);
      expect(issued.expiresIn).toBe(120);
    });

    it('should give each ticket its own 128-bit random id, carried in the ticket with the expiry', async () => {
      const codec = await setup();

      const issued = Array.from({ length: 1000 }, () => codec.issue());

      expect(new Set(issued.map(({ id }) => id)).size).toBe(1000);
      for (const { id, ticket, expiresAt } of issued.slice(0, 20)) {
        const idBytes = Buffer.from(id, 'base64url');
        expect(idBytes).toHaveLength(16);
        const body = Buffer.from(ticket.split('.')[0], 'base64url');
        expect(body.subarray(0, 16).equals(idBytes)).toBe(true);
        expect(body.readUInt32BE(16)).toBe(expiresAt);
      }
    });

    it('should MAC the ticket with HMAC-SHA256 under a key derived by HKDF from the secret, never the secret itself', async () => {
      const codec = await setup();
      const [data, mac] = codec.issue().ticket.split('.');

      expect(mac).toBe(
        createHmac('sha256', TICKET_KEY).update(data).digest('base64url'),
      );
      expect(mac).not.toBe(
        createHmac('sha256', SECRET).update(data).digest('base64url'),
      );
    });

    it('should not log the ticket', async () => {
      const codec = await setup();

      const { ticket } = codec.issue();
      codec.check(ticket);

      expect(everythingLogged()).not.toContain(ticket.split('.')[1]);
    });
  });

  describe('check', () => {
    it('should accept a ticket it issued, giving back its id and expiry', async () => {
      const codec = await setup();
      const issued = codec.issue();

      expect(codec.check(issued.ticket)).toEqual({
        status: 'valid',
        id: issued.id,
        expiresAt: issued.expiresAt,
      });
    });

    it('should accept a ticket another instance with the same secret issued', async () => {
      const first = await setup();
      const second = await setup();
      const issued = first.issue();

      expect(second.check(issued.ticket)).toMatchObject({
        status: 'valid',
        id: issued.id,
      });
    });

    it('should refuse as invalid a ticket made with another secret', async () => {
      const other = await setup({ sharedSecret: `${SECRET}-other` });
      const codec = await setup();

      expect(codec.check(other.issue().ticket)).toEqual({ status: 'invalid' });
    });

    it.each<[string, (ticket: string) => string]>([
      ['a changed id', (ticket) => tampered(ticket, 0, 3)],
      ['a changed expiry', (ticket) => tampered(ticket, 0, 24)],
      ['a changed MAC', (ticket) => tampered(ticket, 1, 10)],
      [
        'the spare bits of the last MAC character changed',
        (ticket) => {
          // 43 base64url characters carry 258 bits for a 256-bit MAC: the last character's lowest 2 bits are spare.
          const alphabet =
            'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
          const last = alphabet.indexOf(ticket.at(-1)!);
          return `${ticket.slice(0, -1)}${alphabet[last ^ 1]}`;
        },
      ],
      [
        'the MAC of another ticket',
        (ticket) => ticket.replace(/\..*$/, `.${'A'.repeat(43)}`),
      ],
      ['no MAC', (ticket) => ticket.split('.')[0]],
      ['a third segment', (ticket) => `${ticket}.x`],
      ['a character left out', (ticket) => ticket.slice(1)],
      ['padding', (ticket) => `${ticket}=`],
      ['white space', (ticket) => ` ${ticket}`],
      [
        'a JWT instead',
        () => `${PANDIUM_HEADER_SEGMENT}.e30.${'A'.repeat(43)}`,
      ],
      ['an empty string', () => ''],
      ['a very long string', () => 'A'.repeat(100_000)],
    ])('should refuse as invalid a ticket with %s', async (_case, change) => {
      const codec = await setup();
      const { ticket } = codec.issue();

      expect(codec.check(change(ticket))).toEqual({
        status: 'invalid',
      });
    });

    it('should refuse a value that is not a string', async () => {
      const codec = await setup();

      expect(codec.check(undefined as unknown as string)).toEqual({
        status: 'invalid',
      });
    });

    it('should accept a ticket up to its last second, and refuse it as expired from its expiry on', async () => {
      const clock = movableClock();
      const codec = await setup({}, clock);
      const { ticket, expiresAt } = codec.issue();

      clock.at = expiresAt * 1000 - 1;
      expect(codec.check(ticket).status).toBe('valid');
      clock.at = expiresAt * 1000;
      expect(codec.check(ticket)).toEqual({
        status: 'expired',
      });
    });

    it('should call an expired ticket with a bad MAC invalid, not expired', async () => {
      const clock = movableClock();
      const codec = await setup({}, clock);
      const { ticket } = codec.issue();

      clock.at += 3_600_000;

      expect(codec.check(tampered(ticket, 1))).toEqual({
        status: 'invalid',
      });
    });
  });

  describe('named instances', () => {
    it("should refuse as invalid a ticket of another named instance with the same secret, and accept its own name's", async () => {
      const { ticket } = (await setup({}, undefined, 'eu')).issue();

      expect((await setup({}, undefined, 'us')).check(ticket)).toEqual({
        status: 'invalid',
      });
      expect((await setup()).check(ticket)).toEqual({
        status: 'invalid',
      });
      expect((await setup({}, undefined, 'eu')).check(ticket)).toMatchObject({
        status: 'valid',
      });
    });
  });

  describe('seal and open', () => {
    const json = JSON.stringify({
      user: { id: 'alice', roles: ['admin'], org: { id: 'o1', plan: 'pro' } },
      target: { kind: 'install', integrationId: '1042' },
    });

    it('should give back exactly the JSON it sealed, behind a base64url HMAC-SHA256', async () => {
      const codec = await setup();

      const sealed = codec.seal('ticket-id', json);

      expect(sealed).toMatch(/^[\w-]{43}\./);
      expect(sealed.endsWith(`.${json}`)).toBe(true);
      expect(codec.open('ticket-id', sealed)).toBe(json);
      expect((await setup()).open('ticket-id', sealed)).toBe(json);
    });

    it.each<[string, (sealed: string) => string]>([
      ['another user', (sealed) => sealed.replace('"alice"', '"bob"')],
      ['another role', (sealed) => sealed.replace('"admin"', '"owner"')],
      [
        'another target',
        (sealed) =>
          sealed.replace(
            '{"kind":"install","integrationId":"1042"}',
            '{"kind":"marketplace"}',
          ),
      ],
      ['another integration', (sealed) => sealed.replace('1042', '2001')],
      [
        'its keys in another order',
        (sealed) =>
          sealed.replace(
            '{"id":"o1","plan":"pro"}',
            '{"plan":"pro","id":"o1"}',
          ),
      ],
      [
        'white space added',
        (sealed) => sealed.replace(',"target"', ', "target"'),
      ],
      ['a changed MAC', (sealed) => tampered(sealed, 0)],
      ['no MAC', (sealed) => sealed.slice(sealed.indexOf('.') + 1)],
      ['only the MAC', (sealed) => sealed.slice(0, sealed.indexOf('.'))],
      ['an empty string', () => ''],
    ])('should refuse a value with %s', async (_case, change) => {
      const codec = await setup();
      const sealed = codec.seal('ticket-id', json);

      expect(codec.open('ticket-id', change(sealed))).toBeUndefined();
    });

    it('should refuse a value that is not a string', async () => {
      const codec = await setup();

      for (const value of [undefined, null, 42, { mac: 'x' }]) {
        expect(codec.open('ticket-id', value)).toBeUndefined();
      }
    });

    it('should refuse a value moved to another ticket, or opened with another secret or by another instance', async () => {
      const codec = await setup();
      const sealed = codec.seal('ticket-id', json);

      expect(codec.open('other-ticket-id', sealed)).toBeUndefined();
      expect(
        (await setup({ sharedSecret: `${SECRET}-other` })).open(
          'ticket-id',
          sealed,
        ),
      ).toBeUndefined();
      expect(
        (await setup({}, undefined, 'eu')).open('ticket-id', sealed),
      ).toBeUndefined();
    });

    it('should MAC the ticket id and the JSON apart from any ticket, under the same derived key', async () => {
      const codec = await setup();

      expect(codec.seal('ticket-id', json)).toBe(
        `${createHmac('sha256', TICKET_KEY)
          .update(`launch ticket record:ticket-id:${json}`)
          .digest('base64url')}.${json}`,
      );
    });
  });

  describe('secret handling', () => {
    it('should not expose its key through JSON.stringify or util.inspect', async () => {
      const codec = await setup();
      const encodings = [
        SECRET,
        TICKET_KEY.toString('base64'),
        TICKET_KEY.toString('base64url'),
        TICKET_KEY.toString('hex'),
      ];

      const shown = [
        JSON.stringify(codec),
        inspect(codec, { depth: 10 }),
        inspect(codec, { depth: 10, showHidden: true }),
      ].join('\n');

      for (const encoding of encodings) {
        expect(shown).not.toContain(encoding);
      }
    });
  });
});
