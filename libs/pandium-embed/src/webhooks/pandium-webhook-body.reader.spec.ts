import { afterEach, describe, expect, it } from '@jest/globals';
import type { HttpAdapterHost } from '@nestjs/core';
import { createServer } from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { LoopbackServer } from '../core/loopback-server.spec-utils.js';
import { listenOnLoopback } from '../core/loopback-server.spec-utils.js';
import {
  PandiumWebhookBodyReader,
  WEBHOOK_BODY,
} from './pandium-webhook-body.reader.js';

/** What the framework's listener saw of one request: its body headers, the body it could read, the reader's copy. */
interface Seen {
  contentType: string | undefined;
  body: string;
  readByLibrary: boolean;
}

describe('PandiumWebhookBodyReader', () => {
  let server: LoopbackServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  /** A server whose "framework" listener records what it sees, wrapped by the reader for prefix `pandium`. */
  async function start(seen: Seen[]): Promise<string> {
    const http = createServer((request: IncomingMessage, response) => {
      const record = (body: string): void => {
        seen.push({
          contentType: request.headers['content-type'],
          body,
          readByLibrary: WEBHOOK_BODY in request,
        });
        response.end();
      };
      // As a body parser does: no body headers, no body to wait for.
      if (request.headers['content-length'] === undefined) {
        record('');
        return;
      }
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => record(Buffer.concat(chunks).toString()));
    });
    const adapterHost = {
      httpAdapter: { getHttpServer: () => http },
    } as unknown as HttpAdapterHost;
    new PandiumWebhookBodyReader(adapterHost, {
      path: 'pandium',
      emitEvents: false,
      confirmTenantEvents: false,
      deduplicationWindowSeconds: 3600,
    }).onModuleInit();
    server = await listenOnLoopback(http);
    return server.origin;
  }

  const post = (origin: string, path: string) =>
    fetch(`${origin}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
    });

  it('should read a delivery itself, hiding its body from the framework, under any prefix', async () => {
    const seen: Seen[] = [];
    const origin = await start(seen);
    await post(origin, '/pandium/webhooks/some-secret');
    await post(origin, '/api/pandium/webhooks/some-secret/?x=1');
    expect(seen).toEqual([
      { contentType: undefined, body: '', readByLibrary: true },
      { contentType: undefined, body: '', readByLibrary: true },
    ]);
  });

  it("should leave the host's own routes alone, even with the webhook path in their query string", async () => {
    const seen: Seen[] = [];
    const origin = await start(seen);
    await post(origin, '/api/other?next=/pandium/webhooks/x');
    await post(origin, '/pandium/webhooks/a/b');
    await post(origin, '/pandium/webhooks');
    expect(seen).toEqual(
      Array.from({ length: 3 }, () => ({
        contentType: 'application/json',
        body: '{"a":1}',
        readByLibrary: false,
      })),
    );
  });
});
