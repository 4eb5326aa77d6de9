import type { INestApplication } from '@nestjs/common';
import {
  claimsOf,
  overridePandiumForTesting,
  PANDIUM_TEST_NOW,
} from 'pandium-embed/testing';
import type { PandiumTestClock } from 'pandium-embed/testing';
import request from 'supertest';
import type { App } from 'supertest/types.js';
import { capturingLogger } from './support/capturing.logger.js';
import {
  createExampleApp,
  HTTP_ADAPTERS,
  logIn,
  TEST_ACCOUNT,
} from './support/example-app.js';
import { expectLaunchErrorPage } from './support/launch-error-page.js';

const TICKET_PATH =
  /^\/pandium\/launch\/([A-Za-z0-9_-]{27}\.[A-Za-z0-9_-]{43})$/;

// Launch links in the example app: the redirecting routes a cookie-session host puts in an iframe's src, and the
// single-use tickets a bearer-token front end asks for first.
describe.each(HTTP_ADAPTERS)(
  'Launch links of the example app on %s (e2e)',
  (adapter) => {
    let app: INestApplication<App>;
    let clock: PandiumTestClock;
    let johnToken: string;
    let janeToken: string;

    const http = () => request(app.getHttpServer());
    const issue = (accessToken: string, body: object) =>
      http()
        .post('/pandium/launch-tickets')
        .set('Authorization', `Bearer ${accessToken}`)
        .send(body);

    beforeAll(async () => {
      app = await createExampleApp(
        {},
        {
          adapter,
          configure: (builder) => {
            const testing = overridePandiumForTesting(builder);
            clock = testing.clock;
            return testing.builder;
          },
        },
      );
      johnToken = await logIn(app, 'john@globex.test');
      janeToken = await logIn(app, 'jane@acme.test');
    });

    beforeEach(() => {
      clock.set(PANDIUM_TEST_NOW);
    });

    afterAll(async () => {
      await app.close();
    });

    describe('GET /pandium/integrations/:integrationId/launch (a session the host app checks)', () => {
      it('should redirect to a freshly signed install URL, uncached and without a Referer', async () => {
        const res = await http()
          .get('/pandium/integrations/3107/launch')
          .set('Authorization', `Bearer ${johnToken}`)
          .expect(302)
          .expect('Cache-Control', 'no-store')
          .expect('Referrer-Policy', 'no-referrer');

        const location = res.headers.location;
        expect(location).toMatch(
          new RegExp(
            `^https://imp\\.sandbox\\.pandium\\.com/${TEST_ACCOUNT}/tenants/create/3107\\?tenant=`,
          ),
        );
        const claims = claimsOf(location, { now: clock });
        expect(claims.sub).toBe('usr_2001');
        expect(claims.ti.uem).toBe('john@globex.test');
        expect(claims.ti.xti.integration_name).toBe('shopify-sync');
        expect(claims.iat).toBe(PANDIUM_TEST_NOW / 1000 - 5);
      });

      it("should answer an integration outside the user's plan with a 404 page", async () => {
        const res = await http()
          .get('/pandium/integrations/2318/launch')
          .set('Authorization', `Bearer ${johnToken}`);

        expectLaunchErrorPage(
          res,
          404,
          'No integration with this id is available to you.',
        );
      });

      it("should answer the app's own 401 as a page", async () => {
        const res = await http().get('/pandium/integrations/3107/launch');

        expectLaunchErrorPage(res, 401, 'Sign in first');
      });
    });

    describe('GET /pandium/marketplace/launch', () => {
      it('should redirect to a freshly signed marketplace URL', async () => {
        const res = await http()
          .get('/pandium/marketplace/launch')
          .set('Authorization', `Bearer ${janeToken}`)
          .expect(302)
          .expect('Cache-Control', 'no-store');

        const location = res.headers.location;
        expect(location).toMatch(
          new RegExp(
            `^https://imp\\.sandbox\\.pandium\\.com/${TEST_ACCOUNT}\\?tenant=`,
          ),
        );
        expect(claimsOf(location, { now: clock }).sub).toBe('usr_1001');
      });
    });

    describe('launch tickets (a bearer-token front end)', () => {
      it('should issue a launch URL that redirects once, without Authorization, for the user it was issued to', async () => {
        const issued = await issue(johnToken, {
          kind: 'install',
          integrationId: '3107',
        })
          .expect(201)
          .expect('Cache-Control', 'no-store');
        expect(issued.body).toEqual({
          launchUrl: expect.stringMatching(TICKET_PATH),
          expiresIn: 30,
          expiresAt: new Date(PANDIUM_TEST_NOW + 30_000).toISOString(),
          pandiumOrigin: 'https://imp.sandbox.pandium.com',
        });

        // The iframe loads it a little later, with no Authorization header.
        clock.advance(10_000);
        const res = await http()
          .get(issued.body.launchUrl)
          .expect(302)
          .expect('Cache-Control', 'no-store')
          .expect('Referrer-Policy', 'no-referrer');

        const claims = claimsOf(res.headers.location, { now: clock });
        expect(claims.sub).toBe('usr_2001');
        expect(claims.ti.xti.integration_name).toBe('shopify-sync');
        // Signed when the iframe loaded, so it has its whole lifetime ahead.
        expect(claims.iat).toBe((PANDIUM_TEST_NOW + 10_000) / 1000 - 5);
        expect(claims.exp).toBe((PANDIUM_TEST_NOW + 10_000) / 1000 + 300);

        expectLaunchErrorPage(
          await http().get(issued.body.launchUrl),
          410,
          'This Pandium link has already been used',
        );
      });

      it('should not use a ticket up on HEAD (a link checker), only on GET', async () => {
        const issued = await issue(janeToken, { kind: 'marketplace' }).expect(
          201,
        );

        const head = await http().head(issued.body.launchUrl);

        expect(head.status).toBe(405);
        expect(head.headers.allow).toBe('GET');
        expect(head.headers.location).toBeUndefined();
        await http().get(issued.body.launchUrl).expect(302);
      });

      it('should issue marketplace tickets', async () => {
        const issued = await issue(janeToken, { kind: 'marketplace' }).expect(
          201,
        );

        const res = await http().get(issued.body.launchUrl).expect(302);

        expect(claimsOf(res.headers.location, { now: clock }).sub).toBe(
          'usr_1001',
        );
      });

      it('should refuse an expired ticket with a 410 page', async () => {
        const issued = await issue(janeToken, { kind: 'marketplace' }).expect(
          201,
        );

        clock.advance(30_000);

        expectLaunchErrorPage(
          await http().get(issued.body.launchUrl),
          410,
          'This Pandium link has expired',
        );
      });

      it('should refuse unknown and tampered tickets with a 404 page', async () => {
        const issued = await issue(janeToken, { kind: 'marketplace' }).expect(
          201,
        );
        const [, ticket] = TICKET_PATH.exec(issued.body.launchUrl as string)!;
        // One character of the MAC changed.
        const tampered = `${ticket.slice(0, 40)}${ticket[40] === 'A' ? 'B' : 'A'}${ticket.slice(41)}`;

        for (const path of [
          `/pandium/launch/${tampered}`,
          `/pandium/launch/${'A'.repeat(27)}.${'B'.repeat(43)}`,
          '/pandium/launch/not-a-ticket',
        ]) {
          expectLaunchErrorPage(
            await http().get(path),
            404,
            'This Pandium link is not valid',
          );
        }
        await http().get(issued.body.launchUrl).expect(302);
      });

      it("should answer 400 for a body that names no valid target, and 404 for an id outside the user's plan", async () => {
        await issue(johnToken, { kind: 'install' }).expect(400);
        await issue(johnToken, {
          kind: 'marketplace',
          integrationId: '3107',
        }).expect(400);
        await issue(johnToken, { kind: 'marketplace', sub: 'usr_1001' }).expect(
          400,
        );
        await issue(johnToken, {
          kind: 'install',
          integrationId: '2318',
        }).expect(404);
      });

      it.each([
        ['text', 'text/plain', 'kind=marketplace'],
        ['a JSON array', 'application/json', '[{"kind":"marketplace"}]'],
        ['a JSON string', 'application/json', '"marketplace"'],
        ['JSON null', 'application/json', 'null'],
        ['malformed JSON', 'application/json', '{"kind":'],
        ['an empty body', 'application/json', ''],
      ])(
        'should answer a 4xx, never a 5xx, to %s as the body',
        async (_case, type, body) => {
          const res = await http()
            .post('/pandium/launch-tickets')
            .set('Authorization', `Bearer ${janeToken}`)
            .set('Content-Type', type)
            .send(body);

          expect(res.status).toBeGreaterThanOrEqual(400);
          expect(res.status).toBeLessThan(500);
        },
      );

      it('should answer 401 without a user', async () => {
        await http()
          .post('/pandium/launch-tickets')
          .send({ kind: 'marketplace' })
          .expect(401);
      });

      it('should never log a ticket', async () => {
        const mark = capturingLogger.mark();
        const issued = await issue(johnToken, { kind: 'marketplace' }).expect(
          201,
        );
        const [, ticket] = TICKET_PATH.exec(issued.body.launchUrl as string)!;
        await http().get(issued.body.launchUrl).expect(302);
        await http().get(issued.body.launchUrl).expect(410);

        const logged = capturingLogger
          .since(mark)
          .map(({ text }) => text)
          .join('\n');
        expect(logged).toContain('Issued a launch ticket for the marketplace');
        expect(logged).toContain(
          'Redeemed a launch ticket for the marketplace',
        );
        expect(logged).not.toContain(ticket);
        expect(logged).not.toContain(ticket.split('.')[1]);
        expect(logged).not.toContain(ticket.split('.')[0].slice(0, 20));
      });
    });
  },
);
