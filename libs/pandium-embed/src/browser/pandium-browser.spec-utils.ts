// Test doubles shared by the browser specs (excluded from the build like the specs).
import { jest } from '@jest/globals';

/** A signed-looking Pandium JWT: what must never show up in an error. */
export const FAKE_JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJqYW5lIn0.c2lnbmF0dXJl';
export const PANDIUM_ORIGIN = 'https://imp.sandbox.pandium.com';
export const SIGNED_URL = `${PANDIUM_ORIGIN}/acme/tenants/create/1042?tenant=${FAKE_JWT}`;

/** The Response members the helper reads; jsdom has no `Response`. `headers` are matched case-insensitively. */
export function jsonResponse(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Response {
  return {
    ok: status >= 200 && status < 300,
    status,
    headers: {
      get: (name: string) =>
        Object.entries(headers).find(
          ([key]) => key.toLowerCase() === name.toLowerCase(),
        )?.[1] ?? null,
    },
    json: () => Promise.resolve(body),
  } as unknown as Response;
}

/** A body that is not JSON; the parser's error quotes it, as V8's does. */
export function textResponse(status: number, text: string): Response {
  return {
    ok: status >= 200 && status < 300,
    status,
    headers: { get: () => null },
    json: () =>
      Promise.reject(
        new SyntaxError(`Unexpected token, "${text}" is not valid JSON`),
      ),
  } as unknown as Response;
}

/**
 * The request init of a `POST …/launch-tickets` asking for `body`: JSON both ways, never cached, with the page's
 * same-origin credentials (the host's session cookie). Without the `signal` the caller may pass.
 */
export function ticketRequestInit(body: object): RequestInit {
  return {
    method: 'POST',
    credentials: 'same-origin',
    cache: 'no-store',
    headers: {
      Accept: 'application/json',
      'Content-Type': 'application/json',
    },
    body: JSON.stringify(body),
  };
}

let ticketCount = 0;

/** A fresh `POST …/launch-tickets` answer, with a new ticket each time. */
export function ticketResponse(): Response {
  ticketCount += 1;
  return jsonResponse(201, {
    launchUrl: `/pandium/launch/ticket-${ticketCount}`,
    expiresIn: 60,
    expiresAt: '2030-01-01T00:01:00.000Z',
    pandiumOrigin: PANDIUM_ORIGIN,
  });
}

/** A fetch double answering with `respond` on every call. */
export function fakeFetch(
  respond: (url: string, init: RequestInit) => Response | Promise<Response>,
) {
  return jest.fn((input: RequestInfo | URL, init?: RequestInit) =>
    Promise.resolve(
      respond(
        typeof input === 'string'
          ? input
          : input instanceof URL
            ? input.href
            : input.url,
        init ?? {},
      ),
    ),
  );
}

/** A promise with its resolve function, to hold a fetch open. */
export function deferred<T>(): {
  promise: Promise<T>;
  resolve: (value: T) => void;
} {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

/** Lets every pending promise callback run (a macrotask turn), e.g. a refresh that has already settled. */
export function settle(): Promise<void> {
  return new Promise((done) => setTimeout(done, 0));
}
