import type { INestApplication } from '@nestjs/common';
import { claimsOf, overridePandiumForTesting } from 'pandium-embed/testing';
import type { PandiumTestClock } from 'pandium-embed/testing';
import request from 'supertest';
import type { App } from 'supertest/types.js';
import { capturingLogger } from './support/capturing.logger.js';
import {
  createExampleApp,
  HTTP_ADAPTERS,
  logIn,
} from './support/example-app.js';
import { expectLaunchErrorPage } from './support/launch-error-page.js';

/** What a browser sends with an iframe's navigation (fetch metadata), which curl and supertest do not. */
const IFRAME_LOAD = {
  'Sec-Fetch-Site': 'same-origin',
  'Sec-Fetch-Mode': 'navigate',
  'Sec-Fetch-Dest': 'iframe',
};

/** The browser-binding cookie as `POST /pandium/launch-tickets` sets it. */
const BINDING_COOKIE =
  /^__Host-pandium-launch=([A-Za-z0-9_-]{22}); Path=\/; Secure; HttpOnly; SameSite=Strict$/;

/** The `name=value` of the browser-binding cookie a response sets, if any. */
function bindingOf(res: request.Response): string | undefined {
  const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const cookie = cookies.find((line) => BINDING_COOKIE.test(line));
  return cookie?.split(';')[0];
}

// The launch routes under abuse: a flood of forged tickets from one address, link checkers (HEAD), and a ticket
// planted in another person's browser. Issue 14, items 2, 6 and 12.
describe.each(HTTP_ADAPTERS)(
  'Launch routes under abuse on %s (e2e)',
  (adapter) => {
    let app: INestApplication<App>;
    let clock: PandiumTestClock;
    let johnToken: string;
    let janeToken: string;
    let rajToken: string;

    const http = () => request(app.getHttpServer());
    const issue = (accessToken: string, cookie?: string) => {
      const post = http()
        .post('/pandium/launch-tickets')
        .set('Authorization', `Bearer ${accessToken}`);
      return (cookie === undefined ? post : post.set('Cookie', cookie)).send({
        kind: 'marketplace',
      });
    };

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
      rajToken = await logIn(app, 'raj@acme.test');
    });

    afterAll(async () => {
      await app.close();
    });

    describe('HEAD on the cookie launch routes (item 6)', () => {
      it.each([
        ['an install', '/pandium/integrations/3107/launch'],
        ['the marketplace', '/pandium/marketplace/launch'],
      ])(
        'should answer 405 to HEAD on %s, signing nothing and spending no rate budget',
        async (_target, path) => {
          const mark = capturingLogger.mark();
          // More than the per-user budget (30 a minute): none of them may count.
          for (let i = 0; i < 35; i += 1) {
            const head = await http()
              .head(path)
              .set('Authorization', `Bearer ${johnToken}`);
            expect(head.status).toBe(405);
            expect(head.headers.allow).toBe('GET');
            expect(head.headers.location).toBeUndefined();
          }
          expect(
            capturingLogger
              .since(mark)
              .filter(({ text }) => text.startsWith('Signed ')),
          ).toEqual([]);

          const res = await http()
            .get(path)
            .set('Authorization', `Bearer ${johnToken}`)
            .expect(302);
          expect(claimsOf(res.headers.location, { now: clock }).sub).toBe(
            'usr_2001',
          );
        },
      );
    });

    describe('the body of a redirect (item 6)', () => {
      it('should send a 302 from a cookie launch route with no body', async () => {
        const res = await http()
          .get('/pandium/marketplace/launch')
          .set('Authorization', `Bearer ${janeToken}`)
          .set('Accept', 'text/html')
          .expect(302);

        expect(res.headers.location).toMatch(/\?tenant=/);
        expect(res.text ?? '').toBe('');
        expect(['0', undefined]).toContain(res.headers['content-length']);
      });

      it('should send a 302 from a ticket redemption with no body', async () => {
        const issued = await issue(janeToken).expect(201);

        const res = await http().get(issued.body.launchUrl).expect(302);

        expect(res.text ?? '').toBe('');
        expect(['0', undefined]).toContain(res.headers['content-length']);
      });
    });

    describe('forged tickets from one address (item 2)', () => {
      it('should count only refused tickets: a valid ticket still redeems after the budget is spent on garbage', async () => {
        const garbage = `/pandium/launch/${'A'.repeat(27)}.${'B'.repeat(43)}`;
        // The example app's budget per address: 300 a minute.
        for (let i = 0; i < 300; i += 1) {
          await http().get(garbage).expect(404);
        }
        expectLaunchErrorPage(
          await http().get(garbage),
          429,
          'Too many Pandium links requested',
        );
        await http().get('/pandium/launch/not-a-ticket').expect(429);

        const issued = await issue(rajToken).expect(201);
        const res = await http().get(issued.body.launchUrl).expect(302);
        expect(claimsOf(res.headers.location, { now: clock }).sub).toBe(
          'usr_1002',
        );
        // A ticket whose MAC holds is refused for what it is, never with a 429.
        expectLaunchErrorPage(
          await http().get(issued.body.launchUrl),
          410,
          'This Pandium link has already been used',
        );
      });
    });

    describe('tickets bound to the browser that asked for them (item 12)', () => {
      it('should set an HttpOnly __Host- cookie with the ticket, and redeem the ticket in the browser that has it', async () => {
        const issued = await issue(janeToken).expect(201);
        const cookie = bindingOf(issued);
        expect(cookie).toBeDefined();

        await http()
          .get(issued.body.launchUrl)
          .set(IFRAME_LOAD)
          .set('Cookie', cookie!)
          .expect(302);
      });

      it('should keep the cookie a browser already has, so tickets asked for in parallel all redeem', async () => {
        const first = await issue(janeToken).expect(201);
        const cookie = bindingOf(first)!;
        const second = await issue(janeToken, cookie).expect(201);
        expect(bindingOf(second)).toBeUndefined();

        for (const { body } of [first, second]) {
          await http()
            .get(body.launchUrl)
            .set(IFRAME_LOAD)
            .set('Cookie', cookie)
            .expect(302);
        }
      });

      it("should refuse a ticket planted in another person's browser (login CSRF), without signing", async () => {
        // The victim's browser has its own cookie from a ticket of its own.
        const victimCookie = bindingOf(await issue(rajToken).expect(201))!;
        const mark = capturingLogger.mark();
        for (const cookie of [victimCookie, undefined]) {
          // The attacker asks for a ticket for their own account, from their own client.
          const planted = await issue(janeToken).expect(201);
          const load = http().get(planted.body.launchUrl).set(IFRAME_LOAD);
          expectLaunchErrorPage(
            await (cookie === undefined ? load : load.set('Cookie', cookie)),
            403,
            'This Pandium link was made for another browser',
          );
        }
        expect(
          capturingLogger
            .since(mark)
            .filter(({ text }) => text.startsWith('Signed ')),
        ).toEqual([]);
      });

      it('should redeem a ticket for a client that is not a browser (no fetch metadata), cookie or not', async () => {
        const issued = await issue(janeToken).expect(201);

        await http().get(issued.body.launchUrl).expect(302);
      });
    });
  },
);
