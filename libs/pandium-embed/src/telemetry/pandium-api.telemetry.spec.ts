import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { LoopbackServer } from '../core/loopback-server.spec-utils.js';
import { listenOnLoopback } from '../core/loopback-server.spec-utils.js';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { PandiumSecret } from '../options/pandium.secret.js';
import { PandiumErrorCode } from '../errors/pandium-error.codes.js';
import {
  getPandiumJson,
  sendPandiumRequest,
} from '../core/pandium-api.request.js';
import { InMemoryTelemetry } from './pandium-telemetry.spec-utils.js';
import { apiOperationOf } from './pandium-api.telemetry.js';

const API_KEY = 'api-telemetry-spec-key-7f3a';
const USER_NAME = 'alice@acme.test';

let handler: (request: IncomingMessage, response: ServerResponse) => void;
const server = createServer((request, response) => handler(request, response));
let api: LoopbackServer;
let origin: string;
let port: number;
let telemetry: InMemoryTelemetry;

beforeAll(async () => {
  api = await listenOnLoopback(server);
  ({ origin, port } = api);
  telemetry = await InMemoryTelemetry.start();
});

afterAll(async () => {
  await telemetry.stop();
  await api.close();
});

function answer(status: number, body = ''): typeof handler {
  return (_request, response) => {
    response.writeHead(status);
    response.end(body);
  };
}

const settings = (requestTimeoutMs = 2000) => ({
  apiKey: PandiumSecret.from(API_KEY),
  requestTimeoutMs,
});
const signal = new AbortController().signal;

describe('Pandium API telemetry', () => {
  it('makes an HTTP client span per call, a child of the active span, with the user name redacted', async () => {
    telemetry.spans.reset();
    handler = answer(200, '{"items":[]}');
    const url = new URL(`${origin}/v2/tenants?user_name=${USER_NAME}&page=1`);
    await trace
      .getTracer('host')
      .startActiveSpan('host request', async (parent) => {
        await getPandiumJson(url, settings(), signal);
        parent.end();
      });

    const [span] = telemetry.named('GET');
    const [parent] = telemetry.named('host request');
    expect(span?.kind).toBe(SpanKind.CLIENT);
    expect(span?.parentSpanContext?.spanId).toBe(parent?.spanContext().spanId);
    expect(span?.attributes).toEqual({
      'http.request.method': 'GET',
      'server.address': '127.0.0.1',
      'server.port': port,
      'url.full': `${origin}/v2/tenants?user_name=redacted&page=1`,
      'pandium.api.operation': 'GET /v2/tenants',
      'http.response.status_code': 200,
      'pandium.outcome': 'ok',
    });
    expect(
      await telemetry.value('pandium.api.calls', {
        'pandium.api.operation': 'GET /v2/tenants',
        'pandium.outcome': 'ok',
      }),
    ).toBe(1);
    expect(
      await telemetry.value('pandium.api.duration', {
        'pandium.api.operation': 'GET /v2/tenants',
        'pandium.outcome': 'ok',
      }),
    ).toBe(1);
    const units = new Map(
      (await telemetry.points()).map((point) => [point.name, point.unit]),
    );
    expect(units.get('pandium.api.duration')).toBe('s');
    expect(units.get('pandium.api.calls')).toBe('{call}');
  });

  it('marks an error answer with its status as error.type, and counts it as an error', async () => {
    telemetry.spans.reset();
    handler = answer(503);
    await expect(
      sendPandiumRequest(
        'POST',
        new URL(`${origin}/v2/tenants/7/sync`),
        settings(),
        signal,
      ),
    ).rejects.toMatchObject({ code: PandiumErrorCode.API_BAD_STATUS });

    const [span] = telemetry.named('POST');
    expect(span?.attributes).toMatchObject({
      'http.response.status_code': 503,
      'error.type': '503',
      'pandium.outcome': 'error',
      'pandium.error.code': PandiumErrorCode.API_BAD_STATUS,
      'pandium.api.operation': 'POST /v2/tenants/{id}/sync',
    });
    expect(span?.status.code).toBe(SpanStatusCode.ERROR);
    expect(
      await telemetry.value('pandium.api.calls', {
        'pandium.api.operation': 'POST /v2/tenants/{id}/sync',
        'pandium.outcome': 'error',
      }),
    ).toBe(1);
  });

  it('names a call that got no answer by why, in error.type', async () => {
    telemetry.spans.reset();
    handler = () => undefined;
    await expect(
      getPandiumJson(
        new URL(`${origin}/v2/integrations`),
        settings(100),
        signal,
      ),
    ).rejects.toMatchObject({ code: PandiumErrorCode.API_TIMEOUT });

    const [span] = telemetry.named('GET');
    expect(span?.attributes['error.type']).toBe('timeout');
    expect(span?.attributes['http.response.status_code']).toBeUndefined();
  });

  it('exports neither the API key nor a user name', async () => {
    const exported = await telemetry.exportedText();
    expect(exported).toContain('url.full');
    expect(exported).not.toContain(API_KEY);
    expect(exported).not.toContain(USER_NAME);
    expect(exported).not.toContain('alice');
  });

  it('names operations with ids left out', () => {
    expect(
      apiOperationOf('DELETE', new URL('https://api.pandium.io/v2/tenants/42')),
    ).toBe('DELETE /v2/tenants/{id}');
  });
});
