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

async function setup(): Promise<{
  tickets: PandiumLaunchTicketService<TestUser>;
  claims: RecordingClaimsProvider;
}> {
  const claims = new RecordingClaimsProvider();
  const moduleRef = await Test.createTestingModule({
    imports: [
      PandiumEmbedModule.forRoot({
        account: 'acme',
        sharedSecret: 'ticket-service-spec-secret-0123456789abcdef',
        claimsProvider: { useValue: claims },
        tokenProvider: FakeTokenProvider,
        integrations: [netsuite],
        controller: false,
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
});
