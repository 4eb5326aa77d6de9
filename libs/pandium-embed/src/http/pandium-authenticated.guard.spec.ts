import type {
  CanActivate,
  ExecutionContext,
  INestApplication,
} from '@nestjs/common';
import { Injectable, Logger } from '@nestjs/common';
import { jest } from '@jest/globals';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import type { App } from 'supertest/types.js';
import { PandiumEmbedModule } from '../module/pandium-embed.module.js';
import { PandiumAuthenticatedGuard } from './pandium-authenticated.guard.js';

/** What the guard throws without a user: the 401 with its stable code. */
const UNAUTHENTICATED = expect.objectContaining({
  code: 'PANDIUM_UNAUTHENTICATED',
}) as Error;

/** A guard that authenticates, but stores the user as `request.account`. */
@Injectable()
class AccountGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context
      .switchToHttp()
      .getRequest<Record<string, unknown>>();
    request.account = { id: 'alice', token: 'account-session-token' };
    return true;
  }
}

function contextOf(request: object): ExecutionContext {
  return {
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
}

describe('PandiumAuthenticatedGuard', () => {
  let warn: jest.SpiedFunction<Logger['warn']>;

  beforeEach(() => {
    warn = jest
      .spyOn(Logger.prototype, 'warn')
      .mockImplementation(() => undefined);
  });

  afterEach(() => {
    warn.mockRestore();
  });

  describe('canActivate', () => {
    it('should let a request with a user through, without a warning', () => {
      const guard = new PandiumAuthenticatedGuard('user', [AccountGuard]);

      for (let i = 0; i < 3; i += 1) {
        expect(guard.canActivate(contextOf({ user: { id: 'alice' } }))).toBe(
          true,
        );
      }
      expect(warn).not.toHaveBeenCalled();
    });

    it('should refuse a request without a user with a 401', () => {
      const guard = new PandiumAuthenticatedGuard('user');

      expect(() => guard.canActivate(contextOf({}))).toThrow(UNAUTHENTICATED);
    });

    it('should not warn when no guards are configured: anonymous requests are expected then', () => {
      const guard = new PandiumAuthenticatedGuard('user');

      expect(() => guard.canActivate(contextOf({}))).toThrow();
      expect(warn).not.toHaveBeenCalled();
    });

    it('should warn once, naming userProperty and the configured guards, when they leave no user', () => {
      const guard = new PandiumAuthenticatedGuard('user', [new AccountGuard()]);

      for (let i = 0; i < 3; i += 1) {
        expect(() =>
          guard.canActivate(contextOf({ account: { id: 'alice' } })),
        ).toThrow(UNAUTHENTICATED);
      }

      expect(warn).toHaveBeenCalledTimes(1);
      const [message] = warn.mock.calls[0] as [string];
      expect(message).toContain('controller.userProperty');
      expect(message).toContain("'user'");
      expect(message).toContain('controller.guards (AccountGuard)');
    });
  });

  describe('in PandiumEmbedModule', () => {
    let app: INestApplication<App>;

    beforeAll(async () => {
      const moduleRef = await Test.createTestingModule({
        imports: [
          PandiumEmbedModule.forRoot({
            account: 'acme',
            sharedSecret: 'guard-spec-secret-0123456789abcdefghijklmnop',
            integrations: [
              { id: '1042', name: 'gwt2hs', connectorName: 'gwt' },
            ],
            claimsProvider: {
              useValue: {
                getClaims: () => ({
                  sub: 'alice',
                  ti: { udn: 'Acme', ufn: 'Alice', uem: 'alice@acme.test' },
                }),
              },
            },
            tokenProvider: { useValue: { getToken: () => 'token' } },
            controller: { guards: [AccountGuard] },
          }),
        ],
      }).compile();
      app = moduleRef.createNestApplication({ logger: false });
      await app.init();
    });

    afterAll(async () => {
      await app.close();
    });

    it('should answer 401 to every request and log one warning, without the user or a token', async () => {
      for (let i = 0; i < 4; i += 1) {
        await request(app.getHttpServer())
          .get('/pandium/integrations')
          .expect(401);
      }

      const warnings = warn.mock.calls.map((call) => String(call[0]));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain('request.user');
      expect(warnings[0]).toContain('AccountGuard');
      expect(warnings[0]).not.toContain('alice');
      expect(warnings[0]).not.toContain('account-session-token');
    });
  });
});
