import type { INestApplication } from '@nestjs/common';
import {
  claimsOf,
  overridePandiumForTesting,
  PANDIUM_TEST_NOW,
} from 'pandium-embed/testing';
import type { PandiumTestClock } from 'pandium-embed/testing';
import request from 'supertest';
import type { App } from 'supertest/types.js';
import {
  createExampleApp,
  HTTP_ADAPTERS,
  logIn,
} from './support/example-app.js';

// How a host app tests its own Pandium integration with the library's testing kit: the app's module as it is,
// signing with the kit's secret and clock, and claims read back with claimsOf().
describe.each(HTTP_ADAPTERS)(
  'The example app under pandium-embed/testing on %s (e2e)',
  (adapter) => {
    let app: INestApplication<App>;
    let clock: PandiumTestClock;
    let accessToken: string;

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
      accessToken = await logIn(app, 'john@globex.test');
    });

    afterAll(async () => {
      await app.close();
    });

    const installUrl = async (): Promise<string> =>
      (
        await request(app.getHttpServer())
          .get('/pandium/integrations/3107/install-url')
          .set('Authorization', `Bearer ${accessToken}`)
          .expect(200)
      ).body.url;

    it("should let the app's tests read the claims it signed", async () => {
      const claims = claimsOf(await installUrl(), { now: clock });

      expect(claims.sub).toBe('usr_2001');
      expect(claims.ti.uem).toBe('john@globex.test');
      expect(claims.ti.xti.integration_name).toBe('shopify-sync');
      expect(claims.ti.xti.user_group).toBe('starter');
      expect(claims.iat).toBe(PANDIUM_TEST_NOW / 1000 - 5);
      expect(claims.exp).toBe(PANDIUM_TEST_NOW / 1000 + 300);
    });

    it('should let the tests move time, and see a URL expire', async () => {
      const url = await installUrl();
      clock.advance(300_000);

      expect(() => claimsOf(url, { now: clock })).toThrow(
        'claimsOf: the token expired 0 s before the time checked',
      );
      expect(claimsOf(await installUrl(), { now: clock }).exp).toBe(
        PANDIUM_TEST_NOW / 1000 + 600,
      );
    });
  },
);
