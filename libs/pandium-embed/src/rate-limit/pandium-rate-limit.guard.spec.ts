import { jest } from '@jest/globals';
import { HttpException, HttpStatus, Injectable, Logger } from '@nestjs/common';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host.js';
import { Test } from '@nestjs/testing';
import type { PandiumEmbedControllerOptions } from '../http/pandium-embed-controller-options.interface.js';
import type { PandiumEmbedModuleExtras } from '../module/pandium-embed-module-extras.interface.js';
import type {
  PandiumRateLimitRecord,
  PandiumRateLimitStore,
} from './pandium-rate-limit-store.interface.js';
import { resolveControllerOptions } from '../http/pandium-embed-controller-options.schema.js';
import {
  PANDIUM_CONTROLLER_OPTIONS,
  PANDIUM_RATE_LIMIT_STORE,
} from '../pandium-embed.tokens.js';
import { PandiumHttpException } from '../errors/pandium-http.exception.js';
import { RATE_LIMITED_MESSAGE } from '../errors/pandium-error.messages.js';
import { PandiumRateLimitGuard } from './pandium-rate-limit.guard.js';

/** Answers `record` to every hit and records the calls. */
class FakeStore implements PandiumRateLimitStore {
  readonly increment = jest
    .fn<PandiumRateLimitStore['increment']>()
    .mockImplementation(() => Promise.resolve(this.record));

  constructor(
    public record: PandiumRateLimitRecord = {
      totalHits: 1,
      timeToExpire: 60_000,
    },
  ) {}

  /** The keys counted so far. */
  get keys(): string[] {
    return this.increment.mock.calls.map(([key]) => key);
  }
}

/** Records the headers the guard sets, as Express's `res.header` would. */
class FakeResponse {
  readonly headers: Record<string, string> = {};

  header(name: string, value: string): this {
    this.headers[name] = value;
    return this;
  }
}

/** Counts per tenant, the documented way to change the key: overriding `keyOf`. */
@Injectable()
class PerTenantRateLimitGuard extends PandiumRateLimitGuard {
  protected override keyOf(request: Record<string, unknown>): string {
    return `tenant:${String(request.tenant)}`;
  }
}

interface Setup {
  controller?: PandiumEmbedControllerOptions;
  rateLimitKey?: PandiumEmbedModuleExtras['rateLimitKey'];
  record?: PandiumRateLimitRecord;
  guard?: typeof PandiumRateLimitGuard;
}

async function setup({
  controller = { rateLimit: { limit: 2, windowSeconds: 60 } },
  rateLimitKey,
  record,
  guard = PandiumRateLimitGuard,
}: Setup = {}): Promise<{ guard: PandiumRateLimitGuard; store: FakeStore }> {
  const store = new FakeStore(record);
  const moduleRef = await Test.createTestingModule({
    providers: [
      { provide: PandiumRateLimitGuard, useClass: guard },
      {
        provide: PANDIUM_CONTROLLER_OPTIONS,
        useValue: resolveControllerOptions({ controller, rateLimitKey }),
      },
      { provide: PANDIUM_RATE_LIMIT_STORE, useValue: store },
    ],
  }).compile();
  return { guard: moduleRef.get(PandiumRateLimitGuard), store };
}

/** Runs the guard on an HTTP request; answers what it returned, or what it threw, and the response. */
async function run(
  guard: PandiumRateLimitGuard,
  request: Record<string, unknown>,
): Promise<{ outcome: unknown; response: FakeResponse }> {
  const response = new FakeResponse();
  const context = new ExecutionContextHost([request, response]);
  context.setType('http');
  const outcome = await guard.canActivate(context).catch((error) => error);
  return { outcome, response };
}

describe('PandiumRateLimitGuard', () => {
  describe('canActivate', () => {
    describe('the key a request is counted under', () => {
      it.each<[string, Record<string, unknown>, string]>([
        [
          'the user id',
          { user: { id: 'u-1', sub: 's-1', email: 'a@acme.test' } },
          'user:u-1',
        ],
        ['a numeric user id', { user: { id: 42 } }, 'user:42'],
        [
          'sub when there is no id',
          { user: { sub: 's-1', email: 'a@acme.test' } },
          'user:s-1',
        ],
        [
          'sub when the id is neither a string nor a number',
          { user: { id: { oid: 1 }, sub: 's-1' } },
          'user:s-1',
        ],
        [
          'email when there is no id or sub',
          { user: { email: 'a@acme.test' } },
          'user:a@acme.test',
        ],
        [
          'the client IP when the user has no id, sub or email',
          { user: { name: 'Alice' }, ip: '203.0.113.7' },
          'ip:203.0.113.7',
        ],
        [
          "the socket's address when the request has no ip",
          { user: 'alice', socket: { remoteAddress: '198.51.100.2' } },
          'ip:198.51.100.2',
        ],
        ['"unknown" when no address is known', { user: {} }, 'ip:unknown'],
      ])('should be %s', async (_, request, key) => {
        const { guard, store } = await setup();

        await run(guard, request);

        expect(store.keys).toEqual([`pandium-embed:${key}`]);
      });

      it('should read the user from the configured userProperty', async () => {
        const { guard, store } = await setup({
          controller: { userProperty: 'account', rateLimit: { limit: 2 } },
        });

        await run(guard, {
          user: { id: 'not-this-one' },
          account: { id: 'u-7' },
        });

        expect(store.keys).toEqual(['pandium-embed:user:u-7']);
      });

      it('should be what a custom rateLimitKey answers', async () => {
        const { guard, store } = await setup({
          rateLimitKey: (user) => (user as { org: string }).org,
        });

        await run(guard, { user: { id: 'u-1', org: 'acme' } });

        expect(store.keys).toEqual(['pandium-embed:user:acme']);
      });

      it('should fall back to the default key when a custom rateLimitKey answers undefined', async () => {
        const { guard, store } = await setup({ rateLimitKey: () => undefined });

        await run(guard, { user: { id: 'u-1' } });

        expect(store.keys).toEqual(['pandium-embed:user:u-1']);
      });

      it('should be what an overriding keyOf answers', async () => {
        const { guard, store } = await setup({
          guard: PerTenantRateLimitGuard,
        });

        await run(guard, { user: { id: 'u-1' }, tenant: 't-9' });

        expect(store.keys).toEqual(['pandium-embed:tenant:t-9']);
      });
    });

    it("should pass the window's length, the limit and the budget's name to the store", async () => {
      const { guard, store } = await setup({
        controller: { rateLimit: { limit: 7, windowSeconds: 90 } },
      });

      await run(guard, { user: { id: 'u-1' } });

      expect(store.increment).toHaveBeenCalledWith(
        'pandium-embed:user:u-1',
        90_000,
        7,
        90_000,
        'pandium-embed',
      );
    });

    it('should let a request at the limit through, without Retry-After', async () => {
      const { guard } = await setup({
        record: { totalHits: 2, timeToExpire: 30_000 },
      });

      const { outcome, response } = await run(guard, { user: { id: 'u-1' } });

      expect(outcome).toBe(true);
      expect(response.headers).toEqual({});
    });

    it('should throw a 429 over the limit, with Retry-After in whole seconds', async () => {
      const { guard } = await setup({
        record: { totalHits: 3, timeToExpire: 30_000 },
      });

      const { outcome, response } = await run(guard, { user: { id: 'u-1' } });

      expect(outcome).toBeInstanceOf(HttpException);
      expect((outcome as HttpException).getStatus()).toBe(
        HttpStatus.TOO_MANY_REQUESTS,
      );
      expect((outcome as HttpException).getResponse()).toEqual({
        statusCode: 429,
        error: 'Too Many Requests',
        message: RATE_LIMITED_MESSAGE,
        code: 'PANDIUM_RATE_LIMIT_EXCEEDED',
      });
      expect(response.headers).toEqual({ 'Retry-After': '30' });
    });

    it.each([
      [1500, '2'],
      [1, '1'],
      [0, '1'],
      [60_000, '60'],
    ])(
      'should round %p ms left up to Retry-After %p, never below 1',
      async (timeToExpire, retryAfter) => {
        const { guard } = await setup({
          record: { totalHits: 3, timeToExpire },
        });

        const { response } = await run(guard, { user: { id: 'u-1' } });

        expect(response.headers['Retry-After']).toBe(retryAfter);
      },
    );

    it('should fail closed with a logged 503 and a correlation id when the store fails', async () => {
      const { guard, store } = await setup();
      store.increment.mockImplementation(() =>
        Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6379')),
      );
      const error = jest
        .spyOn(Logger.prototype, 'error')
        .mockImplementation(() => undefined);

      try {
        const { outcome, response } = await run(guard, {
          user: { id: 'u-1' },
        });

        expect(outcome).toBeInstanceOf(PandiumHttpException);
        const body = (outcome as HttpException).getResponse() as Record<
          string,
          unknown
        >;
        expect(body).toEqual({
          statusCode: 503,
          error: 'Service Unavailable',
          message: expect.any(String),
          code: 'PANDIUM_RATE_LIMIT_UNAVAILABLE',
          correlationId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        });
        expect(response.headers).toEqual({});
        expect(error).toHaveBeenCalledTimes(1);
        expect(String(error.mock.calls[0][0])).toContain(
          `ECONNREFUSED 127.0.0.1:6379) [correlationId ${String(body.correlationId)}]`,
        );
      } finally {
        error.mockRestore();
      }
    });

    it('should let every request through without counting when rateLimit is false', async () => {
      const { guard, store } = await setup({
        controller: { rateLimit: false },
        record: { totalHits: 1000, timeToExpire: 60_000 },
      });

      const { outcome } = await run(guard, { user: { id: 'u-1' } });

      expect(outcome).toBe(true);
      expect(store.increment).not.toHaveBeenCalled();
    });
  });
});
