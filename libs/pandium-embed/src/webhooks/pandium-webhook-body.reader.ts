import type { OnModuleInit } from '@nestjs/common';
import { Inject, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { PANDIUM_WEBHOOK_SETTINGS } from '../pandium-embed.tokens.js';
import type { ResolvedPandiumWebhooksOptions } from './pandium-webhooks-options.schema.js';

/** The largest delivery read: 64 KiB. Pandium's notifications are a few hundred bytes. @internal */
export const MAX_WEBHOOK_BYTES = 64 * 1024;

/** Where the reader leaves what it read, on the Node request. @internal */
export const WEBHOOK_BODY = Symbol.for('pandium-embed.webhook-body');

/** What the reader read of one delivery. @internal */
export interface WebhookBody {
  /** The raw body; `undefined` when it was over {@link MAX_WEBHOOK_BYTES} (not kept). */
  readonly bytes: Buffer | undefined;
  /** The request's `Content-Type`, as sent. */
  readonly contentType: string | undefined;
}

type RequestListener = (
  request: IncomingMessage,
  response: ServerResponse,
) => void;

/** Escapes a route path for a regular expression. */
const escaped = (path: string): string =>
  path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Reads the raw body of each webhook delivery itself, before Express's or Fastify's body parser sees it, whatever
 * the host app configured for them (a JSON parser consumes the bytes the delivery id is a hash of, and has its own
 * size limit): it wraps the HTTP server's request listener, and for a `POST` to `…/<path>/webhooks/<segment>` reads
 * at most {@link MAX_WEBHOOK_BYTES} (the rest is discarded), leaves them under {@link WEBHOOK_BODY} and hides the
 * body headers from the framework, which then sees a request without a body. Other requests pass untouched.
 *
 * @internal
 */
@Injectable()
export class PandiumWebhookBodyReader implements OnModuleInit {
  private readonly route: RegExp;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(PANDIUM_WEBHOOK_SETTINGS)
    settings: ResolvedPandiumWebhooksOptions,
  ) {
    this.route = new RegExp(
      `/${escaped(settings.path)}${settings.path === '' ? '' : '/'}webhooks/[^/]+/?$`,
    );
  }

  onModuleInit(): void {
    const server = this.adapterHost.httpAdapter?.getHttpServer() as
      Server | undefined;
    if (typeof server?.listeners !== 'function') {
      return;
    }
    const listeners = server.listeners('request') as RequestListener[];
    server.removeAllListeners('request');
    server.on(
      'request',
      (request: IncomingMessage, response: ServerResponse) => {
        const pass = (): void => {
          for (const listener of listeners) {
            listener.call(server, request, response);
          }
        };
        if (this.isDelivery(request)) {
          this.read(request, pass);
        } else {
          pass();
        }
      },
    );
  }

  private isDelivery(request: IncomingMessage): boolean {
    return (
      request.method === 'POST' &&
      !(WEBHOOK_BODY in request) &&
      // The path alone: a host route's query string may hold a webhook path too (`?next=/pandium/webhooks/x`).
      this.route.test((request.url ?? '').split(/[?#]/, 1)[0])
    );
  }

  /** Reads the body (to its end, keeping at most the limit), then calls `done` with the body headers hidden. */
  private read(request: IncomingMessage, done: () => void): void {
    const { headers } = request;
    const contentType = headers['content-type'];
    const declared = Number(headers['content-length'] ?? 0);
    const chunks: Buffer[] = [];
    let size = 0;
    let finished = false;
    const finish = (tooLarge: boolean): void => {
      if (finished) {
        return;
      }
      finished = true;
      const body: WebhookBody = {
        bytes: tooLarge ? undefined : Buffer.concat(chunks),
        contentType,
      };
      Object.defineProperty(request, WEBHOOK_BODY, { value: body });
      // The framework then sees a request without a body: no parser runs, and nothing waits for bytes.
      delete headers['content-type'];
      delete headers['content-length'];
      delete headers['transfer-encoding'];
      chunks.length = 0;
      done();
    };
    if (declared > MAX_WEBHOOK_BYTES) {
      // Not read: what is left of it is discarded as it arrives.
      request.resume();
      finish(true);
      return;
    }
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_WEBHOOK_BYTES) {
        finish(true);
      } else if (!finished) {
        chunks.push(chunk);
      }
    });
    request.on('end', () => finish(false));
    request.on('error', () => finish(true));
  }
}
