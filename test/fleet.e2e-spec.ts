// Several instances of the example app behind one (imaginary) load balancer, sharing one real redis-server: launch
// tickets are single-use across the fleet, rate-limit budgets are shared, and a Redis outage closes launches with a
// clear 503 while the JSON routes keep answering.
import type { INestApplication } from '@nestjs/common';
import type { Redis } from 'ioredis';
import http from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { RedisLaunchTicketStore } from 'pandium-embed/redis';
import { claimsOf } from 'pandium-embed/testing';
import type { App } from 'supertest/types.js';
import { capturingLogger } from './support/capturing.logger.js';
import {
  createExampleApp,
  HTTP_ADAPTERS,
  TEST_PANDIUM_SECRET,
} from './support/example-app.js';
import type { HttpAdapterName } from '../src/http-adapter.js';
import { redisClientOf, startRedisServer } from './support/redis-server.js';
import type { RedisServer } from './support/redis-server.js';

const PASSWORD = 'pandium-demo';
const CONCURRENT_REDEMPTIONS = 100;
const UUID =
  /[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/;

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One instance of the fleet, listening on its own loopback port. */
interface Instance {
  app: INestApplication<App>;
  port: number;
}

/**
 * One request on a connection of its own (no keep-alive), so that concurrent requests really run side by side,
 * as they would from many browsers.
 */
function send(
  { port }: Instance,
  method: string,
  path: string,
  {
    headers = {},
    body,
  }: { headers?: Record<string, string>; body?: object } = {},
): Promise<Reply> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent: false,
        headers: {
          ...headers,
          ...(payload === undefined
            ? {}
            : {
                'Content-Type': 'application/json',
                'Content-Length': String(Buffer.byteLength(payload)),
              }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}

async function startInstance(
  adapter: HttpAdapterName,
  env: Record<string, string | undefined>,
  options: Parameters<typeof createExampleApp>[1] = {},
): Promise<Instance> {
  const app = await createExampleApp(env, { ...options, adapter });
  await app.listen(0, '127.0.0.1');
  const { port } = new URL(await app.getUrl());
  return { app, port: Number(port) };
}

async function login(instance: Instance, email: string): Promise<string> {
  const res = await send(instance, 'POST', '/auth/login', {
    body: { email, password: PASSWORD },
  });
  expect(res.status).toBe(200);
  return (JSON.parse(res.body) as { accessToken: string }).accessToken;
}

const bearer = (accessToken: string) => ({
  Authorization: `Bearer ${accessToken}`,
});

/** A launch URL from `POST /pandium/launch-tickets` on this instance. */
async function issueTicket(
  instance: Instance,
  accessToken: string,
  body: object = { kind: 'install', integrationId: '3107' },
): Promise<string> {
  const res = await send(instance, 'POST', '/pandium/launch-tickets', {
    headers: bearer(accessToken),
    body,
  });
  expect(res.status).toBe(201);
  return (JSON.parse(res.body) as { launchUrl: string }).launchUrl;
}

describe.each(HTTP_ADAPTERS)(
  'A fleet of two example-app instances sharing one redis-server on %s (e2e)',
  (adapter) => {
    describe('with REDIS_URL set (launch tickets and rate-limit counters in Redis)', () => {
      let redis: RedisServer;
      let admin: Redis;
      let a: Instance;
      let b: Instance;
      let johnToken: string;

      beforeAll(async () => {
        redis = await startRedisServer();
        admin = redisClientOf(redis);
        a = await startInstance(adapter, { REDIS_URL: redis.url });
        b = await startInstance(adapter, { REDIS_URL: redis.url });
        johnToken = await login(a, 'john@globex.test');
      });

      beforeEach(async () => {
        // Fresh budgets and no tickets: the server is this file's own.
        await admin.flushall();
      });

      afterAll(async () => {
        await a?.app.close();
        await b?.app.close();
        admin?.disconnect();
        await redis?.stop();
      });

      it('should redeem on B a ticket issued on A, and then refuse it on A and on B (410)', async () => {
        const launchUrl = await issueTicket(a, johnToken);

        const redeemed = await send(b, 'GET', launchUrl);
        expect(redeemed.status).toBe(302);
        expect(redeemed.headers['cache-control']).toBe('no-store');
        expect(
          claimsOf(redeemed.headers.location!, { secret: TEST_PANDIUM_SECRET })
            .sub,
        ).toBe('usr_2001');

        for (const instance of [a, b]) {
          const again = await send(instance, 'GET', launchUrl);
          expect(again.status).toBe(410);
          expect(again.headers['content-type']).toBe(
            'text/html; charset=utf-8',
          );
          expect(again.headers.location).toBeUndefined();
          expect(again.body).toContain(
            'This Pandium link has already been used',
          );
        }
      });

      it('should refuse on B (410) a ticket redeemed on A', async () => {
        const launchUrl = await issueTicket(a, johnToken, {
          kind: 'marketplace',
        });

        expect((await send(a, 'GET', launchUrl)).status).toBe(302);
        const onB = await send(b, 'GET', launchUrl);

        expect(onB.status).toBe(410);
        expect(onB.body).toContain('This Pandium link has already been used');
      });

      it(`should let exactly 1 of ${CONCURRENT_REDEMPTIONS} concurrent redemptions of one ticket, spread over both instances, redirect: 1 × 302 and ${CONCURRENT_REDEMPTIONS - 1} × 410`, async () => {
        const launchUrl = await issueTicket(b, johnToken);

        const replies = await Promise.all(
          Array.from({ length: CONCURRENT_REDEMPTIONS }, (_, i) =>
            send(i % 2 === 0 ? a : b, 'GET', launchUrl),
          ),
        );

        const statuses = replies.map(({ status }) => status);
        const count = (status: number) =>
          statuses.filter((s) => s === status).length;
        expect({ redirected: count(302), gone: count(410) }).toEqual({
          redirected: 1,
          gone: CONCURRENT_REDEMPTIONS - 1,
        });
        // Both instances took part, and one of them won.
        const winner = statuses.indexOf(302);
        expect(replies[winner].headers.location).toMatch(
          /^https:\/\/imp\.sandbox\.pandium\.com\/acme-saas\/tenants\/create\/3107\?tenant=/,
        );
        expect(
          statuses
            .filter((_, i) => i % 2 === 0)
            .every((s) => s === 302 || s === 410),
        ).toBe(true);
      });

      it('should share one rate-limit budget between the instances', async () => {
        // The library's default: 30 signed links per user per minute, wherever they are asked for.
        for (let call = 0; call < 30; call += 1) {
          const res = await send(
            call % 2 === 0 ? a : b,
            'GET',
            '/pandium/marketplace-url',
            { headers: bearer(johnToken) },
          );
          expect(res.status).toBe(200);
        }

        for (const instance of [a, b]) {
          const refused = await send(
            instance,
            'GET',
            '/pandium/marketplace-url',
            {
              headers: bearer(johnToken),
            },
          );
          expect(refused.status).toBe(429);
        }
        const ticket = await send(a, 'POST', '/pandium/launch-tickets', {
          headers: bearer(johnToken),
          body: { kind: 'marketplace' },
        });
        expect(ticket.status).toBe(429);
      });

      it('should keep tickets in Redis under a hash of their id, never the ticket', async () => {
        const launchUrl = await issueTicket(a, johnToken);
        const ticket = launchUrl.split('/').pop()!;

        const keys = await admin.keys('pandium-embed:ticket:*');

        expect(keys).toHaveLength(1);
        const stored = `${keys.join()} ${await admin.get(keys[0])}`;
        expect(stored).not.toContain(ticket.split('.')[0].slice(0, 20));
        expect(stored).not.toContain(ticket.split('.')[1]);
      });
    });

    describe('with the Redis ticket store and the in-memory rate limiter, when Redis goes down', () => {
      let redis: RedisServer;
      let clients: Redis[];
      let a: Instance;
      let b: Instance;
      let johnToken: string;

      beforeAll(async () => {
        redis = await startRedisServer();
        clients = [redisClientOf(redis), redisClientOf(redis)];
        // What is shared here: the launch tickets only. Each instance counts rate limits in its own memory.
        [a, b] = await Promise.all(
          clients.map((client) =>
            startInstance(
              adapter,
              {},
              { launchTicketStore: new RedisLaunchTicketStore(client) },
            ),
          ),
        );
        johnToken = await login(a, 'john@globex.test');
      });

      afterAll(async () => {
        await a?.app.close();
        await b?.app.close();
        for (const client of clients ?? []) {
          client.disconnect();
        }
        await redis?.stop();
      });

      it('should answer launches and ticket creation with 503 while the JSON routes keep answering 200', async () => {
        const issuedBefore = await issueTicket(a, johnToken);
        const mark = capturingLogger.mark();

        await redis.stop();

        // A ticket issued before the outage cannot be checked: a 503 page, never a redirect.
        const redeem = await send(b, 'GET', issuedBefore);
        expect(redeem.status).toBe(503);
        expect(redeem.headers['content-type']).toBe('text/html; charset=utf-8');
        expect(redeem.headers.location).toBeUndefined();
        expect(redeem.body).toContain(
          'Pandium cannot be opened right now because the launch ticket store is unavailable',
        );
        const pageId = UUID.exec(redeem.body)?.[0];
        expect(pageId).toBeDefined();

        // No new ticket: a 503 with a correlation id, as JSON.
        const issue = await send(a, 'POST', '/pandium/launch-tickets', {
          headers: bearer(johnToken),
          body: { kind: 'marketplace' },
        });
        expect(issue.status).toBe(503);
        expect(JSON.parse(issue.body)).toEqual({
          statusCode: 503,
          error: 'Service Unavailable',
          message:
            'Pandium cannot be opened right now because the launch ticket store is unavailable. Try again later.',
          code: 'PANDIUM_LAUNCH_UNAVAILABLE',
          correlationId: expect.stringMatching(UUID),
        });

        // The JSON routes, and the redirecting routes that need no ticket, do not use the store.
        for (const instance of [a, b]) {
          for (const path of [
            '/pandium/integrations',
            '/pandium/integrations/3107/install-url',
            '/pandium/marketplace-url',
          ]) {
            const res = await send(instance, 'GET', path, {
              headers: bearer(johnToken),
            });
            expect(res.status).toBe(200);
          }
          const launch = await send(
            instance,
            'GET',
            '/pandium/marketplace/launch',
            {
              headers: bearer(johnToken),
            },
          );
          expect(launch.status).toBe(302);
        }

        // Each 503 left an error line that carries its correlation id.
        const errors = capturingLogger
          .since(mark, 'error')
          .filter(({ context }) => context === 'PandiumLaunchTicketService')
          .map(({ message }) => message);
        expect(errors).toEqual(
          expect.arrayContaining([
            expect.stringMatching(
              new RegExp(
                `^The launch ticket store failed to take a ticket \\(.+\\) \\[correlationId ${pageId}\\]$`,
              ),
            ),
            expect.stringMatching(
              /^The launch ticket store failed to save a ticket \(.+\) \[correlationId /,
            ),
          ]),
        );
      });
    });

    describe('with REDIS_URL set, when Redis goes down', () => {
      let redis: RedisServer;
      let a: Instance;
      let johnToken: string;

      beforeAll(async () => {
        redis = await startRedisServer();
        a = await startInstance(adapter, { REDIS_URL: redis.url });
        johnToken = await login(a, 'john@globex.test');
      });

      afterAll(async () => {
        await a?.app.close();
        await redis?.stop();
      });

      it('should also close the rate-limited JSON routes (503: the shared rate limiter fails closed), but not the listing', async () => {
        await redis.stop();

        const signed = await send(a, 'GET', '/pandium/marketplace-url', {
          headers: bearer(johnToken),
        });
        expect(signed.status).toBe(503);
        expect(JSON.parse(signed.body)).toMatchObject({
          statusCode: 503,
          code: 'PANDIUM_RATE_LIMIT_UNAVAILABLE',
          correlationId: expect.stringMatching(UUID),
        });

        const launch = await send(a, 'GET', '/pandium/marketplace/launch', {
          headers: bearer(johnToken),
        });
        expect(launch.status).toBe(503);
        expect(launch.headers['content-type']).toBe('text/html; charset=utf-8');

        const listing = await send(a, 'GET', '/pandium/integrations', {
          headers: bearer(johnToken),
        });
        expect(listing.status).toBe(200);
      });
    });
  },
);
