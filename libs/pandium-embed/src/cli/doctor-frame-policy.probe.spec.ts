import { afterEach, describe, expect, it } from '@jest/globals';
import { createServer } from 'node:http';
import type { OutgoingHttpHeaders } from 'node:http';
import type { LoopbackServer } from '../core/loopback-server.spec-utils.js';
import { listenOnLoopback } from '../core/loopback-server.spec-utils.js';
import { closedOrigin } from '../core/fake-pandium-api.spec-utils.js';
import { probeFramePolicy } from './doctor-frame-policy.probe.js';

describe('probeFramePolicy', () => {
  let server: LoopbackServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  /** A page answering `status` with `headers`; its URL. */
  async function page(
    status: number,
    headers: OutgoingHttpHeaders,
  ): Promise<string> {
    server = await listenOnLoopback(
      createServer((_, response) => {
        response.writeHead(status, headers).end('<p>page</p>');
      }),
    );
    return `${server.origin}/acme`;
  }

  it('should read the frame-ancestors sources and X-Frame-Options', async () => {
    const url = await page(400, {
      'Content-Security-Policy':
        "default-src 'none'; frame-ancestors http://localhost:3000 https://app.example.com; script-src 'self'",
      'X-Frame-Options': 'sameorigin',
    });
    await expect(probeFramePolicy(url, 5000)).resolves.toEqual({
      outcome: 'answered',
      url,
      status: 400,
      frameAncestors: ['http://localhost:3000', 'https://app.example.com'],
      xFrameOptions: 'SAMEORIGIN',
    });
  });

  it('should answer neither when the page sets no framing rule', async () => {
    const url = await page(200, {
      'Content-Security-Policy': "default-src 'self'",
    });
    await expect(probeFramePolicy(url, 5000)).resolves.toEqual({
      outcome: 'answered',
      url,
      status: 200,
    });
  });

  it('should not follow a redirect', async () => {
    const url = await page(302, {
      Location: 'https://login.example.com/',
      'Content-Security-Policy': "frame-ancestors 'none'",
    });
    await expect(probeFramePolicy(url, 5000)).resolves.toEqual({
      outcome: 'redirected',
      url,
      status: 302,
    });
  });

  it('should say why when nothing answers', async () => {
    const url = `${await closedOrigin()}/acme`;
    await expect(probeFramePolicy(url, 5000)).resolves.toEqual({
      outcome: 'unreachable',
      url,
      reason: 'ECONNREFUSED',
    });
  });

  it('should time out on a page that never answers', async () => {
    server = await listenOnLoopback(createServer(() => undefined));
    const url = `${server.origin}/acme`;
    await expect(probeFramePolicy(url, 50)).resolves.toEqual({
      outcome: 'timed-out',
      url,
    });
  });
});
