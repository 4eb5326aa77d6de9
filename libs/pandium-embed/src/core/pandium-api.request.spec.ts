import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { LoopbackServer } from './loopback-server.spec-utils.js';
import { listenOnLoopback } from './loopback-server.spec-utils.js';
import { PandiumApiError } from '../errors/pandium-api.error.js';
import { PandiumSecret } from '../options/pandium.secret.js';
import { PandiumTestClock } from '../testing/pandium-test.clock.js';
import { PandiumApiBusyGate } from './pandium-api-busy.gate.js';
import { getPandiumJson, sendPandiumRequest } from './pandium-api.request.js';

const API_KEY = 'request-spec-key-7f3a';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

let handler: Handler;
const seen: { method?: string; path?: string; apiKey?: unknown }[] = [];
const server = createServer((request, response) => {
  seen.push({
    method: request.method,
    path: request.url,
    apiKey: request.headers['x-api-key'],
  });
  handler(request, response);
});
let api: LoopbackServer;
let origin: string;

beforeAll(async () => {
  api = await listenOnLoopback(server);
  origin = api.origin;
});

afterAll(() => api.close());

function answer(
  status: number,
  body = '',
  headers: Record<string, string> = {},
): Handler {
  return (_request, response) => {
    response.writeHead(status, headers);
    response.end(body);
  };
}

function settings(gate?: PandiumApiBusyGate, requestTimeoutMs = 2000) {
  return { apiKey: PandiumSecret.from(API_KEY), requestTimeoutMs, gate };
}

const signal = new AbortController().signal;
const url = () => new URL(`${origin}/v2/tenants/7/sync?mode=normal`);

async function failure(call: Promise<unknown>): Promise<PandiumApiError> {
  const error = await call.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(PandiumApiError);
  return error as PandiumApiError;
}

describe('sendPandiumRequest', () => {
  it('should send POST and DELETE with the key and no body, and give the JSON answer', async () => {
    seen.length = 0;
    handler = answer(202, '{"trigger_id":12}');
    expect(await sendPandiumRequest('POST', url(), settings(), signal)).toEqual(
      { trigger_id: 12 },
    );
    handler = answer(204);
    expect(
      await sendPandiumRequest('DELETE', url(), settings(), signal),
    ).toBeUndefined();
    handler = answer(200, ' ');
    expect(
      await sendPandiumRequest('DELETE', url(), settings(), signal),
    ).toBeUndefined();
    expect(seen.map(({ method }) => method)).toEqual([
      'POST',
      'DELETE',
      'DELETE',
    ]);
    expect(seen.every(({ apiKey }) => apiKey === API_KEY)).toBe(true);
  });

  it('should give a bad status without the body, and malformed JSON as such', async () => {
    handler = answer(404, '{"message":"echo request-spec-key-7f3a"}');
    const error = await failure(
      sendPandiumRequest('DELETE', url(), settings(), signal),
    );
    expect(error.status).toBe(404);
    expect(error.retryAfterSeconds).toBeUndefined();
    expect(error.message).not.toContain('echo');
    handler = answer(202, '{trigger');
    expect(
      (await failure(sendPandiumRequest('POST', url(), settings(), signal)))
        .reason,
    ).toBe('malformed-json');
  });

  it("should not name the user_name filter's value in an error", async () => {
    handler = answer(500);
    const error = await failure(
      getPandiumJson(
        new URL(`${origin}/v2/tenants?user_name=jane%40acme.test&limit=5`),
        settings(),
        signal,
      ),
    );
    expect(error.message).toContain('user_name=redacted&limit=5');
    expect(error.message).not.toContain('jane');
  });

  it('should refuse to follow a redirect', async () => {
    handler = answer(302, '', { location: 'http://127.0.0.2/' });
    expect(
      (await failure(sendPandiumRequest('POST', url(), settings(), signal)))
        .reason,
    ).toBe('network');
  });

  it('should time out', async () => {
    handler = () => undefined;
    expect(
      (
        await failure(
          sendPandiumRequest('POST', url(), settings(undefined, 100), signal),
        )
      ).reason,
    ).toBe('timeout');
  });
});

describe('the busy gate', () => {
  it('should give a 429 its Retry-After, then send nothing through that client until the wait has passed', async () => {
    const clock = new PandiumTestClock();
    const gate = new PandiumApiBusyGate(clock);
    seen.length = 0;
    handler = answer(429, '', { 'retry-after': '30' });
    const first = await failure(
      sendPandiumRequest('POST', url(), settings(gate), signal),
    );
    expect(first.status).toBe(429);
    expect(first.retryAfterSeconds).toBe(30);

    handler = answer(200, '[]');
    clock.advance(10_000);
    const blocked = await failure(
      getPandiumJson(url(), settings(gate), signal),
    );
    expect(blocked.status).toBe(429);
    expect(blocked.retryAfterSeconds).toBe(20);
    expect(seen).toHaveLength(1);

    // Another client (another gate, or none) is not held back.
    expect(await getPandiumJson(url(), settings(), signal)).toEqual([]);
    expect(seen).toHaveLength(2);

    clock.advance(20_000);
    expect(await getPandiumJson(url(), settings(gate), signal)).toEqual([]);
    expect(seen).toHaveLength(3);
  });

  it('should read an HTTP date, cap a long wait and default a missing one', async () => {
    const clock = new PandiumTestClock();
    const gate = new PandiumApiBusyGate(clock);
    const inAMinute = new Date(clock.now() + 60_000).toUTCString();
    handler = answer(429, '', { 'retry-after': inAMinute });
    expect(
      (await failure(sendPandiumRequest('POST', url(), settings(gate), signal)))
        .retryAfterSeconds,
    ).toBe(60);

    handler = answer(429, '', { 'retry-after': '86400' });
    expect(
      (await failure(sendPandiumRequest('POST', url(), settings(), signal)))
        .retryAfterSeconds,
    ).toBe(300);
    handler = answer(429);
    expect(
      (await failure(sendPandiumRequest('POST', url(), settings(), signal)))
        .retryAfterSeconds,
    ).toBe(10);
  });
});
