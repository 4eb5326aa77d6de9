import { jest } from '@jest/globals';
import type {
  CanActivate,
  ExecutionContext,
  INestApplication,
} from '@nestjs/common';
import { Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import type { App } from 'supertest/types.js';
import { expectLaunchErrorPage } from '../../../../test/support/launch-error-page.js';
import {
  tenantTokenOf,
  verifyPandiumToken,
} from '../../../../test/support/pandium-token.verifier.js';
import type { ClaimsProvider } from '../core/claims-provider.interface.js';
import type { IntegrationCatalog } from '../core/integration-catalog.interface.js';
import type { PandiumEmbedControllerOptions } from '../http/pandium-embed-controller-options.interface.js';
import type { PandiumEmbedModuleExtras } from '../module/pandium-embed-module-extras.interface.js';
import type { PandiumEmbedModuleOptions } from '../options/pandium-embed-module-options.interface.js';
import type { PandiumIntegration } from '../core/pandium-integration.interface.js';
import type { PandiumLaunchTicketStore } from './pandium-launch-ticket-store.interface.js';
import type { PandiumUserClaims } from '../core/pandium-claims.interface.js';
import {
  INTEGRATION_NOT_FOUND_MESSAGE,
  LAUNCH_TICKET_EXPIRED_MESSAGE,
  LAUNCH_TICKET_NOT_FOUND_MESSAGE,
  LAUNCH_TICKET_USED_MESSAGE,
  LAUNCH_FAILED_MESSAGE,
  LAUNCH_UNAVAILABLE_MESSAGE,
  STRATEGY_FAILED_MESSAGE,
} from '../errors/pandium-error.messages.js';
import { PandiumEmbedModule } from '../module/pandium-embed.module.js';
import {
  createPandiumTestApp,
  FailingClaimsProvider,
  FakeTokenProvider,
  netsuite,
  shopify,
  UUID,
} from '../testing/support/pandium-embed.spec-utils.js';
import type { TestRequest } from '../testing/support/pandium-embed.spec-utils.js';
import { PandiumLaunchTicketController } from './pandium-launch-ticket.controller.js';
import { InMemoryLaunchTicketStore } from './in-memory-launch-ticket.store.js';
import { RawHttpClient } from '../../../../test/support/raw-http.client.js';

interface TestUser {
  id: string;
  plan?: string;
}

const SECRET = 'launch-spec-shared-secret-0123456789abcdef';
const NOW = Date.UTC(2030, 5, 1, 8, 0, 0);
const TICKET = /^[A-Za-z0-9_-]{27}\.[A-Za-z0-9_-]{43}$/;
const INSTALL_URL =
  /^https:\/\/imp\.sandbox\.pandium\.com\/acme\/tenants\/create\/1042\?tenant=[\w.-]+$/;
const MARKETPLACE_URL =
  /^https:\/\/imp\.sandbox\.pandium\.com\/acme\?tenant=[\w.-]+$/;
/** Well formed, but issued by no one. */
const UNKNOWN_TICKET = `${'A'.repeat(27)}.${'B'.repeat(43)}`;
const UNKNOWN_LAUNCH_URL = `/pandium/launch/${UNKNOWN_TICKET}`;
/** The ticket request for alice's NetSuite install. */
const INSTALL_1042 = { kind: 'install', integrationId: '1042' };

/** A clock the tests move. */
const clock = { at: NOW, now: (): number => clock.at };

/**
 * Stands in for the host app's auth guard: the `x-test-user` header becomes `request.user`; without it, 401, so a
 * route that answers without the header shows this guard did not run there.
 */
@Injectable()
class StrictTestGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<TestRequest>();
    const id = req.headers['x-test-user'];
    if (typeof id !== 'string') {
      throw new UnauthorizedException('Sign in first.');
    }
    const plan = req.headers['x-test-plan'];
    req.user = {
      id,
      ...(typeof plan === 'string' ? { plan } : {}),
    } satisfies TestUser;
    return true;
  }
}

/** Fails the way a bug in a host app's guard would. */
@Injectable()
class BrokenGuard implements CanActivate {
  canActivate(): boolean {
    throw new Error('session store at 10.0.0.9 is unreachable');
  }
}

class FakeClaimsProvider implements ClaimsProvider<TestUser> {
  getClaims(user: TestUser): PandiumUserClaims {
    return {
      sub: `user-${user.id}`,
      ti: {
        udn: 'Acme Corp',
        ufn: 'Test User',
        uem: `${user.id}@acme.test`,
        xti: { user_group: user.plan ?? 'free' },
      },
    };
  }
}

/** Alice may install NetSuite and Shopify, unless revoked; everyone else only Shopify. */
const revoked = new Set<string>();
class FakeCatalog implements IntegrationCatalog<TestUser> {
  listIntegrations(user: TestUser): PandiumIntegration[] {
    return user.id === 'alice' && !revoked.has('alice')
      ? [netsuite, shopify]
      : [shopify];
  }
}

/** The default store, with every call recorded. */
function spiedStore(): InMemoryLaunchTicketStore & {
  save: jest.Mock<PandiumLaunchTicketStore['save']>;
  take: jest.Mock<PandiumLaunchTicketStore['take']>;
} {
  const store = new InMemoryLaunchTicketStore(clock);
  jest.spyOn(store, 'save');
  jest.spyOn(store, 'take');
  return store as ReturnType<typeof spiedStore>;
}

/** A store whose Redis is down. */
const downStore: PandiumLaunchTicketStore = {
  save: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6379')),
  take: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6379')),
};

/** What every app here registers, but for its controller options. */
const MODULE_OPTIONS = {
  account: 'acme',
  sharedSecret: SECRET,
  claimsProvider: FakeClaimsProvider,
  tokenProvider: FakeTokenProvider,
  integrationCatalog: FakeCatalog,
} satisfies PandiumEmbedModuleOptions & PandiumEmbedModuleExtras;

async function createApp(
  controller: PandiumEmbedControllerOptions | false = {
    guards: [StrictTestGuard],
  },
  more: Partial<PandiumEmbedModuleOptions & PandiumEmbedModuleExtras> = {},
): Promise<INestApplication<App>> {
  return createPandiumTestApp(
    { ...MODULE_OPTIONS, controller, ...more },
    clock,
  );
}

/**
 * A store over a Map, as someone who can write to a shared store would have it: `taken` changes the value on its way
 * out, and is given the values of every ticket saved so far, by id.
 */
function mapStore(
  taken: (value: string, saved: string[]) => string = (value) => value,
): PandiumLaunchTicketStore {
  const values = new Map<string, string>();
  return {
    save: (id, value) => {
      values.set(id, value);
      return Promise.resolve();
    },
    take: (id) => {
      const value = values.get(id);
      values.delete(id);
      return Promise.resolve(
        value === undefined ? undefined : taken(value, [...values.values()]),
      );
    },
  };
}

/** A sealed value with its JSON record changed by `change`, its MAC left as it was. */
function rewritten(
  value: string,
  change: (record: Record<string, unknown>) => Record<string, unknown>,
): string {
  const dot = value.indexOf('.');
  const record = JSON.parse(value.slice(dot + 1)) as Record<string, unknown>;
  return `${value.slice(0, dot)}.${JSON.stringify(change(record))}`;
}

/** The app, with `store` as its launch ticket store. */
async function createAppWithStore(
  store: PandiumLaunchTicketStore,
): Promise<INestApplication<App>> {
  return createApp(undefined, { launchTicketStore: { useValue: store } });
}

/** A marketplace launch URL that `other`, another app, issued to alice; `other` is closed afterwards. */
async function launchUrlIssuedBy(
  other: INestApplication<App>,
): Promise<string> {
  try {
    const res = await request(other.getHttpServer())
      .post('/pandium/launch-tickets')
      .set('x-test-user', 'alice')
      .send({ kind: 'marketplace' })
      .expect(201);
    return res.body.launchUrl as string;
  } finally {
    await other.close();
  }
}

/** Expects `status` from `req`, with the headers that keep what it answers out of caches and Referers. */
function expectPrivate(req: request.Test, status: number): request.Test {
  return req
    .expect(status)
    .expect('Cache-Control', 'no-store')
    .expect('Referrer-Policy', 'no-referrer');
}

async function claimsAt(location: string, at = clock.at) {
  return (
    await verifyPandiumToken(tenantTokenOf(location), SECRET, {
      currentDate: new Date(at),
    })
  ).payload;
}

describe('PandiumLaunchController and PandiumLaunchTicketController', () => {
  let app: INestApplication<App> | undefined;

  const http = () => request(app!.getHttpServer());

  /** `GET path` as `user`, on the header StrictTestGuard reads. */
  const getAs = (user: string, path: string) =>
    http().get(path).set('x-test-user', user);

  /** `POST path` (the launch-tickets route unless told) as `user`, with `body`. */
  const issueAs = (
    user: string,
    body: object,
    path = '/pandium/launch-tickets',
  ) => http().post(path).set('x-test-user', user).send(body);

  /** A ticket for `user` through `POST /pandium/launch-tickets`. */
  const ticketFor = async (
    user: string,
    body: object = INSTALL_1042,
  ): Promise<string> => {
    const res = await issueAs(user, body).expect(201);
    return res.body.launchUrl as string;
  };

  beforeEach(() => {
    clock.at = NOW;
    revoked.clear();
  });

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  describe('GET /pandium/integrations/:integrationId/launch', () => {
    beforeEach(async () => {
      app = await createApp();
    });

    it('should redirect (302) to a freshly signed install URL, not to be cached nor sent on as a Referer', async () => {
      const res = await expectPrivate(
        getAs('alice', '/pandium/integrations/1042/launch'),
        302,
      );

      expect(res.headers.location).toMatch(INSTALL_URL);
      const claims = await claimsAt(res.headers.location);
      expect(claims.sub).toBe('user-alice');
      expect(claims.iat).toBe(NOW / 1000 - 5);
      expect(claims.ti).toMatchObject({
        xti: {
          connector_name: 'netsuite',
          integration_name: 'netsuite-orders',
          token: 'conn-token-for-alice',
        },
      });
    });

    it("should answer the host guard's 401 as an HTML page", async () => {
      const res = await http().get('/pandium/integrations/1042/launch');

      expectLaunchErrorPage(res, 401, 'Sign in first.');
      expect(res.text).toContain('<h1>Sign in to open Pandium</h1>');
    });

    it("should answer 404 as an HTML page for another user's integration", async () => {
      const res = await getAs('bob', '/pandium/integrations/1042/launch');

      expectLaunchErrorPage(res, 404, INTEGRATION_NOT_FOUND_MESSAGE);
    });

    it('should answer 400 as an HTML page for a malformed id', async () => {
      const res = await getAs('alice', '/pandium/integrations/a%20b/launch');

      expectLaunchErrorPage(res, 400, 'integrationId must be 1–128 letters');
    });

    it('should answer 400 as an HTML page for a query string', async () => {
      const res = await getAs(
        'alice',
        '/pandium/integrations/1042/launch?sub=evil',
      );

      expectLaunchErrorPage(
        res,
        400,
        'This route takes no query parameters; unexpected: sub.',
      );
    });
  });

  describe('GET /pandium/marketplace/launch', () => {
    it('should redirect (302) to a freshly signed marketplace URL', async () => {
      app = await createApp();

      const res = await expectPrivate(
        getAs('bob', '/pandium/marketplace/launch').set('x-test-plan', 'pro'),
        302,
      );

      expect(res.headers.location).toMatch(MARKETPLACE_URL);
      const claims = await claimsAt(res.headers.location);
      expect(claims.sub).toBe('user-bob');
      expect(claims.ti).toMatchObject({ xti: { user_group: 'pro' } });
    });

    it('should answer 502 as an HTML page with a correlation id and no internals when a strategy fails', async () => {
      app = await createApp(undefined, {
        claimsProvider: FailingClaimsProvider,
      });

      const res = await getAs('bob', '/pandium/marketplace/launch');

      expectLaunchErrorPage(res, 502, STRATEGY_FAILED_MESSAGE);
      expect(res.text).toMatch(
        /Reference: <code>[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}<\/code>/,
      );
      expect(res.text).not.toContain('ldap');
    });

    it('should answer an unexpected error as a 500 HTML page with a correlation id and no internals', async () => {
      app = await createApp({ guards: [BrokenGuard] });

      const res = await http().get('/pandium/marketplace/launch');

      expectLaunchErrorPage(res, 500, LAUNCH_FAILED_MESSAGE);
      expect(res.text).toContain('Reference: <code>');
      expect(res.text).toContain('HTTP 500 · PANDIUM_LAUNCH_FAILED');
      expect(res.text).not.toContain('10.0.0.9');
    });

    it('should answer 429 as an HTML page with Retry-After, sharing the budget with the JSON routes', async () => {
      app = await createApp({
        guards: [StrictTestGuard],
        rateLimit: { limit: 2, windowSeconds: 60 },
      });

      await getAs('bob', '/pandium/marketplace-url').expect(200);
      await getAs('bob', '/pandium/marketplace/launch').expect(302);
      const res = await getAs('bob', '/pandium/marketplace/launch');

      expectLaunchErrorPage(
        res,
        429,
        'Too many Pandium links requested. Try again in a moment.',
      );
      expect(res.headers['retry-after']).toMatch(/^\d+$/);
    });
  });

  describe('POST /pandium/launch-tickets', () => {
    beforeEach(async () => {
      app = await createApp();
    });

    it('should answer a launch URL for an install, its expiry and the origin of Pandium', async () => {
      const res = await expectPrivate(issueAs('alice', INSTALL_1042), 201);

      expect(res.body).toEqual({
        launchUrl: expect.stringMatching(/^\/pandium\/launch\/[\w.-]+$/),
        expiresIn: 30,
        expiresAt: new Date(NOW + 30_000).toISOString(),
        pandiumOrigin: 'https://imp.sandbox.pandium.com',
      });
      expect(res.body.launchUrl.split('/').pop()).toMatch(TICKET);
      expect(JSON.stringify(res.body)).not.toContain('tenant=');
    });

    it('should build the launch URL from the parsed path only, never the host of an absolute-form target', async () => {
      const target = 'http://evil.example/pandium/launch-tickets';
      const listening = app as INestApplication;
      await listening.listen(0, '127.0.0.1');
      const { port } = (
        listening.getHttpServer() as { address(): { port: number } }
      ).address();
      const client = new RawHttpClient(port);
      try {
        const res = await client.send({
          method: 'POST',
          path: target,
          headers: {
            'content-type': 'application/json',
            'x-test-user': 'alice',
          },
          body: JSON.stringify(INSTALL_1042),
        });

        expect(res.status).toBe(201);
        const { launchUrl } = JSON.parse(res.body) as { launchUrl: string };
        expect(launchUrl).toMatch(/^\/(?!\/)/);
        expect(launchUrl).not.toContain('evil.example');
        expect(launchUrl).toMatch(/\/pandium\/launch\/[\w.-]+$/);
      } finally {
        client.close();
      }
    });

    it('should answer a launch URL for the marketplace', async () => {
      const launchUrl = await ticketFor('bob', { kind: 'marketplace' });

      expect(launchUrl).toMatch(/^\/pandium\/launch\//);
    });

    it('should issue a different ticket each time', async () => {
      const first = await ticketFor('alice');
      const second = await ticketFor('alice');

      expect(first).not.toBe(second);
    });

    it.each<[string, unknown, string]>([
      ['no body', undefined, 'kind must be one of install, marketplace'],
      [
        'an unknown kind',
        { kind: 'admin' },
        'kind must be one of install, marketplace',
      ],
      [
        'an install without an id',
        { kind: 'install' },
        'integrationId must be 1–128 letters, digits, "-", "_" or "." (and not only dots)',
      ],
      [
        'an install with a malformed id',
        { kind: 'install', integrationId: '../1042' },
        'integrationId must be 1–128 letters, digits, "-", "_" or "." (and not only dots)',
      ],
      [
        'an install with a numeric id',
        { kind: 'install', integrationId: 1042 },
        'integrationId must be 1–128 letters, digits, "-", "_" or "." (and not only dots)',
      ],
      [
        'a marketplace with an id',
        { kind: 'marketplace', integrationId: '1042' },
        'integrationId must not be given for kind marketplace',
      ],
      [
        'a claim smuggled in',
        { kind: 'marketplace', sub: 'evil' },
        'property sub should not exist',
      ],
    ])('should answer 400 for %s', async (_case, body, message) => {
      const res = await issueAs('alice', body as object).expect(400);

      expect(res.body.message).toContain(message);
    });

    it('should answer 400 for a query string, even with a valid body', async () => {
      const res = await issueAs(
        'alice',
        { kind: 'marketplace' },
        '/pandium/launch-tickets?sub=evil',
      ).expect(400);

      expect(res.body.message).toBe(
        'This route takes no query parameters; unexpected: sub.',
      );
    });

    it('should answer 401 (JSON) without a user', async () => {
      const res = await http()
        .post('/pandium/launch-tickets')
        .send({ kind: 'marketplace' })
        .expect(401);

      expect(res.body.message).toBe('Sign in first.');
    });

    it("should answer 404 (JSON) at once for an integration outside the user's catalog", async () => {
      const res = await issueAs('bob', INSTALL_1042).expect(404);

      expect(res.body.message).toBe(INTEGRATION_NOT_FOUND_MESSAGE);
    });
  });

  describe('GET /pandium/launch/:ticket', () => {
    it("should redirect without any Authorization, to a URL signed at redemption for the ticket's user", async () => {
      app = await createApp();
      const launchUrl = await ticketFor('alice');

      clock.at += 10_000;
      const res = await expectPrivate(http().get(launchUrl), 302);

      expect(res.headers.location).toMatch(INSTALL_URL);
      const claims = await claimsAt(res.headers.location);
      expect(claims.sub).toBe('user-alice');
      // Signed now, not when the ticket was issued.
      expect(claims.iat).toBe((NOW + 10_000) / 1000 - 5);
      expect(claims.exp).toBe((NOW + 10_000) / 1000 + 300);
    });

    it("should sign for the ticket's user, whatever user another request carries", async () => {
      app = await createApp();
      const launchUrl = await ticketFor('bob', { kind: 'marketplace' });

      const res = await http()
        .get(launchUrl)
        .set('x-test-user', 'alice')
        .expect(302);

      expect(res.headers.location).toMatch(MARKETPLACE_URL);
      expect((await claimsAt(res.headers.location)).sub).toBe('user-bob');
    });

    it('should not use the ticket up on a HEAD request (405)', async () => {
      app = await createApp();
      const launchUrl = await ticketFor('alice');

      const res = await http().head(launchUrl);

      expect(res.status).toBe(405);
      expect(res.headers.location).toBeUndefined();
      expect(res.headers['cache-control']).toBe('no-store');
      await http().get(launchUrl).expect(302);
    });

    it('should name GET in the Allow header of its 405 to HEAD', async () => {
      app = await createApp();
      const launchUrl = await ticketFor('alice');

      const res = await http().head(launchUrl);

      expect(res.status).toBe(405);
      expect(res.headers.allow).toBe('GET');
    });

    it('should refuse a second redemption with a 410 HTML page', async () => {
      app = await createApp();
      const launchUrl = await ticketFor('alice');
      await http().get(launchUrl).expect(302);

      const res = await http().get(launchUrl);

      expectLaunchErrorPage(res, 410, LAUNCH_TICKET_USED_MESSAGE);
      expect(res.text).toContain('HTTP 410 · PANDIUM_LAUNCH_TICKET_USED');
    });

    it('should refuse an expired ticket with a 410 HTML page, without asking the store', async () => {
      const store = spiedStore();
      app = await createAppWithStore(store);
      const launchUrl = await ticketFor('alice');

      clock.at += 30_000;
      const res = await http().get(launchUrl);

      expectLaunchErrorPage(res, 410, LAUNCH_TICKET_EXPIRED_MESSAGE);
      expect(res.text).toContain('HTTP 410 · PANDIUM_LAUNCH_TICKET_EXPIRED');
      expect(store.take).not.toHaveBeenCalled();
    });

    it('should follow launchTicketTtlSeconds', async () => {
      app = await createApp(undefined, { launchTicketTtlSeconds: 120 });
      const res = await issueAs('alice', { kind: 'marketplace' }).expect(201);
      expect(res.body.expiresIn).toBe(120);

      clock.at += 119_000;
      await http().get(res.body.launchUrl).expect(302);
    });

    it.each<[string, (ticket: string) => string]>([
      [
        'a tampered ticket',
        (ticket) =>
          ticket.replace(/\.(.)/, (_, c) => `.${c === 'A' ? 'B' : 'A'}`),
      ],
      ['an unknown ticket', () => UNKNOWN_TICKET],
      ['a truncated ticket', (ticket) => ticket.slice(0, 40)],
      ['garbage', () => 'not-a-ticket'],
      ['a JWT', () => 'eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl'],
    ])(
      'should refuse %s with a 404 HTML page, without asking the store',
      async (_case, change) => {
        const store = spiedStore();
        app = await createAppWithStore(store);
        const launchUrl = await ticketFor('alice');
        const ticket = launchUrl.split('/').pop()!;

        const res = await http().get(`/pandium/launch/${change(ticket)}`);

        expectLaunchErrorPage(res, 404, LAUNCH_TICKET_NOT_FOUND_MESSAGE);
        expect(store.take).not.toHaveBeenCalled();
        // The real ticket still works.
        await http().get(launchUrl).expect(302);
      },
    );

    it('should refuse with 404 a ticket issued with another shared secret', async () => {
      const other = await createApp(undefined, {
        sharedSecret: `${SECRET}-other`,
      });
      const foreign = await launchUrlIssuedBy(other);
      app = await createApp();

      expectLaunchErrorPage(
        await http().get(foreign),
        404,
        LAUNCH_TICKET_NOT_FOUND_MESSAGE,
      );
    });

    it('should run the catalog again: a user who lost the integration gets a 404 page, not a URL', async () => {
      app = await createApp();
      const launchUrl = await ticketFor('alice');

      revoked.add('alice');
      const res = await http().get(launchUrl);

      expectLaunchErrorPage(res, 404, INTEGRATION_NOT_FOUND_MESSAGE);
    });

    it('should keep the ticket bound to its target and user as JSON in the store, behind a MAC', async () => {
      const store = spiedStore();
      app = await createAppWithStore(store);

      await issueAs('alice', INSTALL_1042)
        .set('x-test-plan', 'pro')
        .expect(201);

      const [[id, value, ttlMs]] = store.save.mock.calls;
      expect(id).toMatch(/^[\w-]{22}$/);
      expect(value).toMatch(/^[\w-]{43}\.\{/);
      expect(JSON.parse(value.slice(44))).toEqual({
        user: { id: 'alice', plan: 'pro' },
        target: { kind: 'install', integrationId: '1042' },
        // The SHA-256 of the browser's binding cookie, never the cookie itself.
        browser: expect.stringMatching(/^[\w-]{43}$/),
      });
      expect(ttlMs).toBe(30_000);
    });

    it('should refuse (503, logged, no redirect) a ticket whose user or target was changed in the store', async () => {
      // What someone who can write to a shared Redis would do with a ticket of their own: put another user on it.
      const tamper = { change: (value: string) => value };
      app = await createAppWithStore(mapStore((value) => tamper.change(value)));
      const errorLog = jest
        .spyOn(Logger.prototype, 'error')
        .mockImplementation(() => undefined);

      for (const change of [
        (value: string) =>
          rewritten(value, (record) => ({
            ...record,
            user: { id: 'alice', plan: 'enterprise' },
          })),
        (value: string) =>
          rewritten(value, (record) => ({
            ...record,
            target: { kind: 'install', integrationId: '2001' },
          })),
      ]) {
        tamper.change = change;
        const res = await http().get(
          await ticketFor('mallory', { kind: 'marketplace' }),
        );

        expectLaunchErrorPage(res, 503, LAUNCH_UNAVAILABLE_MESSAGE);
      }
      const refused = expect.stringMatching(
        /^The launch ticket store failed to take a ticket \(Error: the store returned a record whose MAC does not match: it was changed in the store, or moved there from another ticket\) \[correlationId [\w-]+\]$/,
      );
      expect(errorLog.mock.calls.map(([message]) => message)).toEqual([
        refused,
        refused,
      ]);
    });

    it("should refuse (503, no redirect) a ticket whose store gives back another ticket's record", async () => {
      // Moved: alice's record put under the ticket mallory holds.
      app = await createAppWithStore(
        mapStore(
          (value, saved) => saved.find((other) => other !== value) ?? value,
        ),
      );
      await ticketFor('alice', INSTALL_1042);

      const res = await http().get(
        await ticketFor('mallory', { kind: 'marketplace' }),
      );

      expectLaunchErrorPage(res, 503, LAUNCH_UNAVAILABLE_MESSAGE);
      expect(res.headers.location).toBeUndefined();
    });

    it('should give a store the value to keep as it is: one that re-serialises it (keys in another order) gets a 503', async () => {
      // As a JSONB column would: same values, keys in its own order. The store must keep the string it was given.
      app = await createAppWithStore(
        mapStore((value) =>
          rewritten(value, (record) =>
            Object.fromEntries(Object.entries(record).reverse()),
          ),
        ),
      );

      const res = await http().get(
        await ticketFor('alice', { kind: 'marketplace' }),
      );

      expectLaunchErrorPage(res, 503, LAUNCH_UNAVAILABLE_MESSAGE);
    });

    it('should redeem through a store that keeps the value as it is', async () => {
      app = await createAppWithStore(mapStore());

      const res = await http()
        .get(await ticketFor('alice', INSTALL_1042))
        .expect(302);

      expect(res.headers.location).toMatch(INSTALL_URL);
      expect((await claimsAt(res.headers.location)).sub).toBe('user-alice');
    });

    it('should answer 503 (HTML) with a correlation id when the store fails, and 503 (JSON) when issuing', async () => {
      app = await createAppWithStore(downStore);

      const issued = await issueAs('alice', { kind: 'marketplace' }).expect(
        503,
      );
      expect(issued.body).toEqual({
        statusCode: 503,
        error: 'Service Unavailable',
        message: LAUNCH_UNAVAILABLE_MESSAGE,
        code: 'PANDIUM_LAUNCH_UNAVAILABLE',
        correlationId: expect.stringMatching(UUID),
      });
      expect(JSON.stringify(issued.body)).not.toContain('ECONNREFUSED');

      // A well-formed ticket, as another instance would have issued it.
      const launchUrl = await launchUrlIssuedBy(await createApp());

      const res = await http().get(launchUrl);
      expectLaunchErrorPage(res, 503, LAUNCH_UNAVAILABLE_MESSAGE);
      expect(res.text).toContain('Reference: <code>');
      expect(res.text).not.toContain('ECONNREFUSED');

      // The JSON routes do not use the ticket store.
      await getAs('alice', '/pandium/integrations/1042/install-url').expect(
        200,
      );
    });

    it('should limit tickets this app did not issue per client IP with redeemRateLimit, answering 429 as an HTML page', async () => {
      app = await createApp({
        guards: [StrictTestGuard],
        launch: { redeemRateLimit: { limit: 2, windowSeconds: 60 } },
      });

      await http().get(UNKNOWN_LAUNCH_URL).expect(404);
      await http().get(UNKNOWN_LAUNCH_URL).expect(404);
      const res = await http().get(UNKNOWN_LAUNCH_URL);

      expectLaunchErrorPage(
        res,
        429,
        'Too many Pandium links requested. Try again in a moment.',
      );
      expect(res.headers['retry-after']).toMatch(/^\d+$/);
    });

    it('should never answer 429 to a ticket whose MAC holds, nor count it, once the budget is spent', async () => {
      app = await createApp({
        guards: [StrictTestGuard],
        launch: { redeemRateLimit: { limit: 1, windowSeconds: 60 } },
      });
      const launchUrl = await ticketFor('alice');
      const expired = await ticketFor('alice', { kind: 'marketplace' });
      await http().get(UNKNOWN_LAUNCH_URL).expect(404);
      await http().get(UNKNOWN_LAUNCH_URL).expect(429);

      await http().get(launchUrl).expect(302);
      await http().get(launchUrl).expect(410);
      clock.at += 30_000;
      await http().get(expired).expect(410);
    });

    it('should not limit redemptions with redeemRateLimit: false', async () => {
      app = await createApp({
        guards: [StrictTestGuard],
        launch: { redeemRateLimit: false },
      });

      for (let i = 0; i < 310; i += 1) {
        await http().get(UNKNOWN_LAUNCH_URL).expect(404);
      }
    });
  });

  describe('with a global guard', () => {
    it('should redeem a ticket when the global guard lets PandiumLaunchTicketController through, as the README says', async () => {
      /** A host app's global guard: every route needs the test header, but for the README's exception. */
      @Injectable()
      class GlobalAuthGuard implements CanActivate {
        canActivate(context: ExecutionContext): boolean {
          if (
            context.getClass().prototype instanceof
            PandiumLaunchTicketController
          ) {
            return true;
          }
          return new StrictTestGuard().canActivate(context);
        }
      }
      const moduleRef = await Test.createTestingModule({
        imports: [PandiumEmbedModule.forRoot(MODULE_OPTIONS)],
        providers: [{ provide: APP_GUARD, useClass: GlobalAuthGuard }],
      }).compile();
      app = moduleRef.createNestApplication({ logger: false });
      await app.init();

      await http()
        .post('/pandium/launch-tickets')
        .send({ kind: 'marketplace' })
        .expect(401);
      const res = await http()
        .get(await ticketFor('alice', { kind: 'marketplace' }))
        .expect(302);

      expect(res.headers.location).toMatch(MARKETPLACE_URL);
    });
  });

  describe('with a custom path', () => {
    it('should serve the launch routes, and launch URLs, under it', async () => {
      app = await createApp({ path: 'api/embed/', guards: [StrictTestGuard] });

      await getAs('alice', '/api/embed/marketplace/launch').expect(302);
      const res = await issueAs(
        'alice',
        { kind: 'marketplace' },
        '/api/embed/launch-tickets',
      ).expect(201);
      expect(res.body.launchUrl).toMatch(/^\/api\/embed\/launch\/[\w.-]+$/);
      await http().get(res.body.launchUrl).expect(302);
      await http().get('/pandium/marketplace/launch').expect(404);
    });
  });

  describe('with a global prefix', () => {
    it('should answer launch URLs that carry the prefix', async () => {
      const moduleRef = await Test.createTestingModule({
        imports: [
          PandiumEmbedModule.forRoot({
            ...MODULE_OPTIONS,
            controller: { guards: [StrictTestGuard] },
          }),
        ],
      }).compile();
      app = moduleRef.createNestApplication<INestApplication<App>>({
        logger: false,
      });
      app.setGlobalPrefix('api/v1');
      await app.init();

      const res = await issueAs(
        'alice',
        { kind: 'marketplace' },
        '/api/v1/pandium/launch-tickets',
      ).expect(201);

      expect(res.body.launchUrl).toMatch(/^\/api\/v1\/pandium\/launch\//);
      await http().get(res.body.launchUrl).expect(302);
    });
  });

  describe('with launch: false', () => {
    it('should register none of the launch routes, and keep the JSON ones', async () => {
      app = await createApp({ guards: [StrictTestGuard], launch: false });

      for (const path of [
        '/pandium/integrations/1042/launch',
        '/pandium/marketplace/launch',
        UNKNOWN_LAUNCH_URL,
      ]) {
        await getAs('alice', path).expect(404);
      }
      await issueAs('alice', { kind: 'marketplace' }).expect(404);
      await getAs('alice', '/pandium/marketplace-url').expect(200);
    });
  });

  describe('binding tickets to the browser', () => {
    /** Fetch metadata, as a browser sends it with an iframe's navigation. */
    const IFRAME_LOAD = {
      'Sec-Fetch-Site': 'same-origin',
      'Sec-Fetch-Dest': 'iframe',
    };

    it('should set its binding cookie (__Host-, HttpOnly, Secure, SameSite=Strict) with a ticket', async () => {
      app = await createApp();
      const res = await issueAs('alice', INSTALL_1042).expect(201);

      expect(res.headers['set-cookie']).toEqual([
        expect.stringMatching(
          /^__Host-pandium-launch=[\w-]{22}; Path=\/; Secure; HttpOnly; SameSite=Strict$/,
        ),
      ]);
    });

    it('should set no cookie and bind nothing with bindToBrowser: false', async () => {
      app = await createApp({
        guards: [StrictTestGuard],
        launch: { bindToBrowser: false },
      });

      const res = await issueAs('alice', INSTALL_1042).expect(201);
      expect(res.headers['set-cookie']).toBeUndefined();

      await http().get(res.body.launchUrl).set(IFRAME_LOAD).expect(302);
    });
  });
});
