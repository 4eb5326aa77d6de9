import type { ExecutionContext } from '@nestjs/common';
import { HttpStatus } from '@nestjs/common';
import { PandiumHttpException } from '../errors/pandium-http.exception.js';
import { PandiumNoInputGuard, TakesBody } from './pandium-no-input.guard.js';

interface FakeRequest {
  query?: unknown;
  body?: unknown;
  headers: Record<string, string | undefined>;
}

class Routes {
  plain(): void {}

  @TakesBody()
  withBody(): void {}
}

function contextOf(
  request: FakeRequest,
  handler: keyof Routes = 'plain',
): ExecutionContext {
  return {
    switchToHttp: () => ({ getRequest: () => request }),
    getHandler: () => Routes.prototype[handler],
  } as unknown as ExecutionContext;
}

describe('PandiumNoInputGuard', () => {
  const guard = new PandiumNoInputGuard();

  /** The message of the 400 the guard throws (fails the test when it lets the request through). */
  function refusal(request: FakeRequest): string {
    try {
      guard.canActivate(contextOf(request));
    } catch (error) {
      expect(error).toBeInstanceOf(PandiumHttpException);
      expect((error as PandiumHttpException).getStatus()).toBe(
        HttpStatus.BAD_REQUEST,
      );
      const response = (error as PandiumHttpException).getResponse();
      expect(response).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: expect.any(String),
        code: 'PANDIUM_REQUEST_INVALID',
      });
      return (response as { message: string }).message;
    }
    throw new Error('expected canActivate to throw');
  }

  describe('canActivate', () => {
    it.each<[string, FakeRequest]>([
      ['no query and no body (Express)', { query: {}, body: {}, headers: {} }],
      [
        'no query and no body (Fastify)',
        { query: {}, body: undefined, headers: {} },
      ],
      [
        'a Content-Length of 0',
        { query: {}, body: {}, headers: { 'content-length': '0' } },
      ],
      ['an empty string body', { query: {}, body: '', headers: {} }],
      [
        'no body on a POST or DELETE (Express 5: undefined)',
        { query: {}, body: undefined, headers: { 'content-length': '0' } },
      ],
      [
        'no body on a POST or DELETE (Fastify: null)',
        { query: {}, body: null, headers: {} },
      ],
    ])('should let through a request with %s', (_case, request) => {
      expect(guard.canActivate(contextOf(request))).toBe(true);
    });

    it('should refuse query parameters, naming them', () => {
      expect(
        refusal({
          query: { sub: 'evil', 'ti[uem]': 'x' },
          body: {},
          headers: {},
        }),
      ).toBe('This route takes no query parameters; unexpected: sub, ti[uem].');
    });

    it('should name at most 5 parameters, each cut to 64 characters', () => {
      const query = Object.fromEntries(
        ['a', 'b', 'c', 'd', 'x'.repeat(100), 'f', 'g'].map((key) => [
          key,
          '1',
        ]),
      );
      expect(refusal({ query, headers: {} })).toBe(
        `This route takes no query parameters; unexpected: a, b, c, d, ${'x'.repeat(64)}.`,
      );
    });

    it('should refuse a parsed body, naming its fields', () => {
      expect(
        refusal({
          query: {},
          body: { sub: 'evil' },
          headers: {
            'content-length': '14',
            'content-type': 'application/json',
          },
        }),
      ).toBe('This route takes no request body; unexpected: sub.');
    });

    it.each<[string, FakeRequest]>([
      [
        'an unparsed text body',
        {
          query: {},
          body: {},
          headers: { 'content-type': 'text/plain', 'content-length': '8' },
        },
      ],
      [
        'an empty JSON object',
        {
          query: {},
          body: {},
          headers: {
            'content-type': 'application/json',
            'content-length': '2',
          },
        },
      ],
      [
        'a chunked body',
        { query: {}, body: {}, headers: { 'transfer-encoding': 'chunked' } },
      ],
      ['a raw string body', { query: {}, body: 'sub=evil', headers: {} }],
    ])('should refuse %s without inventing names', (_case, request) => {
      expect(refusal(request)).toBe('This route takes no request body.');
    });

    describe('on a route marked @TakesBody()', () => {
      it('should let a body through', () => {
        expect(
          guard.canActivate(
            contextOf(
              {
                query: {},
                body: { kind: 'marketplace' },
                headers: { 'content-length': '22' },
              },
              'withBody',
            ),
          ),
        ).toBe(true);
      });

      it('should still refuse a query string', () => {
        expect(() =>
          guard.canActivate(
            contextOf(
              {
                query: { sub: 'evil' },
                body: { kind: 'marketplace' },
                headers: {},
              },
              'withBody',
            ),
          ),
        ).toThrow('This route takes no query parameters; unexpected: sub.');
      });
    });

    it('should check the query before the body', () => {
      expect(
        refusal({
          query: { a: '1' },
          body: { b: 2 },
          headers: { 'content-length': '7' },
        }),
      ).toBe('This route takes no query parameters; unexpected: a.');
    });
  });
});
