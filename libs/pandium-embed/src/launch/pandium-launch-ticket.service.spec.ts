import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { ClaimsProvider } from '../core/claims-provider.interface.js';
import type { PandiumUserClaims } from '../core/pandium-claims.interface.js';
import type { PandiumEmbedTarget } from '../core/pandium-integration.interface.js';
import { PandiumHttpException } from '../errors/pandium-http.exception.js';
import { PandiumEmbedModule } from '../module/pandium-embed.module.js';
import { PANDIUM_CLOCK } from '../pandium-embed.tokens.js';
import {
  FakeTokenProvider,
  netsuite,
  UUID,
} from '../testing/support/pandium-embed.spec-utils.js';
import { PandiumLaunchTicketService } from './pandium-launch-ticket.service.js';
import type { PandiumLaunchUserSerializer } from './pandium-launch-user-serializer.interface.js';
import type { PandiumLaunchTicketStore } from './pandium-launch-ticket-store.interface.js';

/** Two browsers' binding cookies. */
const BROWSER_A = 'a'.repeat(22);
const BROWSER_B = 'b'.repeat(22);

interface TestUser {
  id: string;
  since?: unknown;
}

const NOW = Date.UTC(2030, 5, 1, 8, 0, 0);

/** Records the user and target of every call, as the strategies see them at redemption. */
class RecordingClaimsProvider implements ClaimsProvider<TestUser> {
  readonly calls: [TestUser, PandiumEmbedTarget][] = [];

  getClaims(user: TestUser, target: PandiumEmbedTarget): PandiumUserClaims {
    this.calls.push([user, target]);
    return {
      sub: `user-${user.id}`,
      ti: { udn: 'Acme', ufn: 'Test User', uem: `${user.id}@acme.test` },
    };
  }
}

/** A host app's user directory behind `launchUserSerializer`: an id in the ticket, the user loaded at redemption. */
class DirectorySerializer implements PandiumLaunchUserSerializer<
  TestUser,
  string
> {
  readonly users = new Map<string, TestUser>([
    ['alice', { id: 'alice', since: 'loaded at redemption' }],
  ]);
  failure: Error | undefined;

  serializeUser(user: TestUser): string {
    return user.id;
  }

  deserializeUser(id: string): Promise<TestUser | undefined> {
    return this.failure === undefined
      ? Promise.resolve(this.users.get(id))
      : Promise.reject(this.failure);
  }
}

/** A ticket store that keeps what it was given, and the records as JSON (the MAC cut off). */
class RecordingTicketStore implements PandiumLaunchTicketStore {
  readonly records: unknown[] = [];
  private readonly values = new Map<string, string>();

  save(id: string, value: string): Promise<void> {
    this.records.push(JSON.parse(value.slice(value.indexOf('.') + 1)));
    this.values.set(id, value);
    return Promise.resolve();
  }

  take(id: string): Promise<string | undefined> {
    const value = this.values.get(id);
    this.values.delete(id);
    return Promise.resolve(value);
  }
}

async function setup(
  launchUserSerializer?: PandiumLaunchUserSerializer<TestUser>,
): Promise<{
  tickets: PandiumLaunchTicketService<TestUser>;
  claims: RecordingClaimsProvider;
  store: RecordingTicketStore;
}> {
  const claims = new RecordingClaimsProvider();
  const store = new RecordingTicketStore();
  const moduleRef = await Test.createTestingModule({
    imports: [
      PandiumEmbedModule.forRoot({
        account: 'acme',
        sharedSecret: 'ticket-service-spec-secret-0123456789abcdef',
        claimsProvider: { useValue: claims },
        tokenProvider: FakeTokenProvider,
        integrations: [netsuite],
        controller: false,
        launchTicketStore: { useValue: store },
        ...(launchUserSerializer === undefined
          ? {}
          : { launchUserSerializer: { useValue: launchUserSerializer } }),
      }),
    ],
  })
    .overrideProvider(PANDIUM_CLOCK)
    .useValue({ now: () => NOW })
    .compile();
  return {
    tickets: moduleRef.get<PandiumLaunchTicketService<TestUser>>(
      PandiumLaunchTicketService,
    ),
    claims,
    store,
  };
}

describe('PandiumLaunchTicketService', () => {
  let errorLog: jest.SpiedFunction<Logger['error']>;

  beforeEach(() => {
    errorLog = jest
      .spyOn(Logger.prototype, 'error')
      .mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'debug').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  describe('createLaunchTicket and redeemLaunchTicket', () => {
    it("should sign, at redemption, for the ticket's user as JSON and its target", async () => {
      const { tickets, claims } = await setup();
      const since = new Date(NOW);

      const issued = await tickets.createLaunchTicket(
        { id: 'alice', since },
        { kind: 'install', integrationId: '1042' },
      );
      const redeemed = await tickets.redeemLaunchTicket(issued.ticket);

      expect(issued).toEqual({
        ticket: expect.stringMatching(/^[\w-]{27}\.[\w-]{43}$/),
        expiresAt: new Date(NOW + 30_000).toISOString(),
        expiresIn: 30,
        pandiumOrigin: 'https://imp.sandbox.pandium.com',
      });
      expect(redeemed).toMatchObject({
        url: expect.stringMatching(/\/acme\/tenants\/create\/1042\?tenant=/),
        integrationId: '1042',
      });
      expect(claims.calls).toEqual([
        [
          { id: 'alice', since: since.toISOString() },
          { kind: 'install', integration: netsuite },
        ],
      ]);
      await expect(tickets.redeemLaunchTicket(issued.ticket)).rejects.toThrow(
        expect.objectContaining({
          code: 'PANDIUM_LAUNCH_TICKET_USED',
        }) as Error,
      );
    });

    it('should bind only the target kind and id, not anything else the target object carries', async () => {
      const { tickets, claims } = await setup();
      const target = { kind: 'marketplace', integrationId: '1042' } as const;

      const issued = await tickets.createLaunchTicket({ id: 'bob' }, target);
      const redeemed = await tickets.redeemLaunchTicket(issued.ticket);

      expect(redeemed.url).toMatch(/\/acme\?tenant=/);
      expect(claims.calls[0][1]).toEqual({ kind: 'marketplace' });
    });

    it("should refuse at once an integration outside the user's catalog", async () => {
      const { tickets } = await setup();

      await expect(
        tickets.createLaunchTicket(
          { id: 'alice' },
          { kind: 'install', integrationId: '2001' },
        ),
      ).rejects.toThrow(
        expect.objectContaining({
          code: 'PANDIUM_INTEGRATION_NOT_FOUND',
        }) as Error,
      );
    });
  });

  describe('a user no ticket can hold', () => {
    it.each<[string, () => unknown, string]>([
      [
        'a cyclic object',
        () => {
          const user: Record<string, unknown> = { id: 'alice' };
          user.self = user;
          return user;
        },
        "The request's user cannot be stored in a launch ticket: JSON.stringify failed (TypeError: Converting circular structure to JSON",
      ],
      [
        'no JSON form',
        () => undefined,
        "The request's user cannot be stored in a launch ticket: it has no JSON form.",
      ],
    ])(
      'should answer a logged 502 with a correlation id for %s',
      async (_case, user, message) => {
        const { tickets } = await setup();

        const error = await tickets
          .createLaunchTicket(user() as TestUser, { kind: 'marketplace' })
          .catch((reason: unknown) => reason);

        expect(error).toMatchObject({ code: 'PANDIUM_STRATEGY_FAILED' });
        const { correlationId } = error as PandiumHttpException;
        expect(correlationId).toMatch(UUID);
        expect(errorLog).toHaveBeenCalledTimes(1);
        const [line] = errorLog.mock.calls[0] as [string];
        expect(line.startsWith(message)).toBe(true);
        expect(line.endsWith(`[correlationId ${correlationId}]`)).toBe(true);
      },
    );
  });

  describe('with a launchUserSerializer', () => {
    it('should keep only what serializeUser returns, and sign for the user deserializeUser loads', async () => {
      const serializer = new DirectorySerializer();
      const { tickets, claims, store } = await setup(serializer);

      const issued = await tickets.createLaunchTicket(
        { id: 'alice', since: 'snapshot at issue' },
        { kind: 'marketplace' },
      );
      await tickets.redeemLaunchTicket(issued.ticket);

      expect(store.records).toEqual([
        { ref: 'alice', target: { kind: 'marketplace' } },
      ]);
      expect(claims.calls).toEqual([
        [
          { id: 'alice', since: 'loaded at redemption' },
          { kind: 'marketplace' },
        ],
      ]);
    });

    it.each([
      ['undefined', undefined],
      ['null', null],
    ])(
      'should refuse the redemption like an unknown ticket (404), signing nothing, when deserializeUser answers %s',
      async (_case, answer) => {
        const serializer = new DirectorySerializer();
        jest
          .spyOn(serializer, 'deserializeUser')
          .mockResolvedValue(answer as unknown as undefined);
        const { tickets, claims } = await setup(serializer);
        const issued = await tickets.createLaunchTicket(
          { id: 'alice' },
          { kind: 'marketplace' },
        );

        await expect(
          tickets.redeemLaunchTicket(issued.ticket),
        ).rejects.toMatchObject({
          code: 'PANDIUM_LAUNCH_USER_NOT_FOUND',
          status: 404,
        });
        expect(claims.calls).toEqual([]);
      },
    );

    it('should answer a logged 502 with a correlation id when deserializeUser throws, never logging the ticket', async () => {
      const serializer = new DirectorySerializer();
      const { tickets, claims } = await setup(serializer);
      const issued = await tickets.createLaunchTicket(
        { id: 'alice' },
        { kind: 'marketplace' },
      );
      serializer.failure = new Error('users database at 10.0.0.7 is down');

      const error = await tickets
        .redeemLaunchTicket(issued.ticket)
        .catch((reason: unknown) => reason);

      expect(error).toMatchObject({ code: 'PANDIUM_STRATEGY_FAILED' });
      const { correlationId } = error as PandiumHttpException;
      expect(correlationId).toMatch(UUID);
      const logged = errorLog.mock.calls.map(([line]) => String(line)).join();
      expect(logged).toContain('PandiumLaunchUserSerializer.deserializeUser');
      expect(logged).toContain(correlationId);
      expect(logged).not.toContain(issued.ticket.split('.')[0]);
      expect(logged).not.toContain(issued.ticket.split('.')[1]);
      expect(claims.calls).toEqual([]);
    });

    it('should refuse at issue (502) what serializeUser returns when JSON cannot hold it', async () => {
      const serializer = new DirectorySerializer();
      jest
        .spyOn(serializer, 'serializeUser')
        .mockReturnValue(undefined as unknown as string);
      const { tickets, store } = await setup(serializer);

      await expect(
        tickets.createLaunchTicket({ id: 'alice' }, { kind: 'marketplace' }),
      ).rejects.toMatchObject({ code: 'PANDIUM_STRATEGY_FAILED' });
      expect(store.records).toEqual([]);
    });
  });

  describe('a ticket bound to a browser', () => {
    it('should keep a digest of the binding, never the cookie itself', async () => {
      const { tickets, store } = await setup();

      await tickets.createLaunchTicket(
        { id: 'alice' },
        { kind: 'marketplace' },
        BROWSER_A,
      );

      expect(store.records).toEqual([
        {
          user: { id: 'alice' },
          target: { kind: 'marketplace' },
          browser: expect.stringMatching(/^[\w-]{43}$/),
        },
      ]);
      expect(JSON.stringify(store.records)).not.toContain(BROWSER_A);
    });

    it.each([
      ['the same browser', { browser: true, binding: BROWSER_A }],
      ['a client that is not a browser', { browser: false }],
      ['a caller that names no redeemer', undefined],
    ])('should redeem for %s', async (_case, redeemer) => {
      const { tickets } = await setup();
      const issued = await tickets.createLaunchTicket(
        { id: 'alice' },
        { kind: 'marketplace' },
        BROWSER_A,
      );

      await expect(
        tickets.redeemLaunchTicket(issued.ticket, redeemer),
      ).resolves.toMatchObject({ url: expect.stringMatching(/tenant=/) });
    });

    it.each([
      ['another browser', { browser: true, binding: BROWSER_B }],
      ['a browser without the cookie', { browser: true }],
    ])('should refuse (403) %s, signing nothing', async (_case, redeemer) => {
      const { tickets, claims } = await setup();
      const issued = await tickets.createLaunchTicket(
        { id: 'alice' },
        { kind: 'marketplace' },
        BROWSER_A,
      );

      await expect(
        tickets.redeemLaunchTicket(issued.ticket, redeemer),
      ).rejects.toMatchObject({
        code: 'PANDIUM_LAUNCH_WRONG_BROWSER',
        status: 403,
      });
      expect(claims.calls).toEqual([]);
    });

    it('should not bind a ticket issued without a binding', async () => {
      const { tickets } = await setup();
      const issued = await tickets.createLaunchTicket(
        { id: 'alice' },
        { kind: 'marketplace' },
      );

      await expect(
        tickets.redeemLaunchTicket(issued.ticket, { browser: true }),
      ).resolves.toMatchObject({ url: expect.stringMatching(/tenant=/) });
    });
  });

  describe('a launchUserSerializer without both methods', () => {
    it('should stop boot naming the option', async () => {
      const error = await setup({
        serializeUser: (user: TestUser) => user.id,
      } as unknown as PandiumLaunchUserSerializer<TestUser>).catch(
        (reason: unknown) => reason,
      );

      expect(error).toMatchObject({
        code: 'PANDIUM_OPTIONS_INVALID',
        message: expect.stringContaining(
          'launchUserSerializer must have serializeUser(user) and deserializeUser(stored) methods',
        ),
      });
    });
  });
});
