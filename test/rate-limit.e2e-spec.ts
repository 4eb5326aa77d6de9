import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { App } from 'supertest/types.js';
import {
  createExampleApp,
  HTTP_ADAPTERS,
  logIn,
} from './support/example-app.js';

const RAJ = 'raj@acme.test';
const JANE = 'jane@acme.test';

/** The library's default budget, which src/app.module.ts does not change. */
const LIMIT = 30;
const WINDOW_SECONDS = 60;

const INSTALL_URL = '/pandium/integrations/1042/install-url';
const MARKETPLACE_URL = '/pandium/marketplace-url';

describe.each(HTTP_ADAPTERS)(
  'Rate limit of the example app on %s (e2e)',
  (adapter) => {
    // A fresh app per test: each starts with an empty window for every user.
    let app: INestApplication<App>;
    let rajToken: string;
    let janeToken: string;

    const get = (path: string, accessToken: string) =>
      request(app.getHttpServer())
        .get(path)
        .set('Authorization', `Bearer ${accessToken}`);

    /** Spends Raj's whole budget, half on install URLs and half on marketplace URLs. */
    const spendRajsBudget = async (): Promise<void> => {
      for (let call = 0; call < LIMIT; call += 1) {
        await get(call % 2 === 0 ? INSTALL_URL : MARKETPLACE_URL, rajToken)
          .expect(200)
          .expect('Cache-Control', 'no-store');
      }
    };

    beforeEach(async () => {
      app = await createExampleApp({}, { adapter });
      rajToken = await logIn(app, RAJ);
      janeToken = await logIn(app, JANE);
    });

    afterEach(async () => {
      await app.close();
    });

    describe(`with the default settings (${LIMIT} signed URLs per user per ${WINDOW_SECONDS} s)`, () => {
      it(`should answer ${LIMIT} signed URLs, install and marketplace alike, then 429 with Retry-After`, async () => {
        await spendRajsBudget();

        for (const path of [INSTALL_URL, MARKETPLACE_URL]) {
          const refused = await get(path, rajToken).expect(429);
          const retryAfter = Number(refused.headers['retry-after']);
          expect(Number.isInteger(retryAfter)).toBe(true);
          expect(retryAfter).toBeGreaterThanOrEqual(1);
          expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
          expect(refused.body).toEqual({
            statusCode: 429,
            error: 'Too Many Requests',
            message: 'Too many Pandium links requested. Try again in a moment.',
            code: 'PANDIUM_RATE_LIMIT_EXCEEDED',
          });
        }
      });

      it('should leave another user unaffected in the same window', async () => {
        await spendRajsBudget();
        await get(INSTALL_URL, rajToken).expect(429);

        await get(INSTALL_URL, janeToken).expect(200);
        await get(MARKETPLACE_URL, janeToken).expect(200);
        await get(MARKETPLACE_URL, rajToken).expect(429);
      });

      it('should neither limit nor count GET /pandium/integrations', async () => {
        for (let call = 0; call < LIMIT + 10; call += 1) {
          await get('/pandium/integrations', rajToken).expect(200);
        }
        // The listing spent nothing: the whole budget is still there.
        await spendRajsBudget();
        await get(MARKETPLACE_URL, rajToken).expect(429);

        await get('/pandium/integrations', rajToken).expect(200);
      });
    });
  },
);
