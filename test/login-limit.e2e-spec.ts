import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { App } from 'supertest/types.js';
import { LOGIN_LIMITS } from '../src/auth/login-attempt.limiter.js';
import {
  createExampleApp,
  DEMO_PASSWORD,
  HTTP_ADAPTERS,
} from './support/example-app.js';

const JANE = 'jane@acme.test';
const RAJ = 'raj@acme.test';
const WINDOW_SECONDS = LOGIN_LIMITS.windowMs / 1000;

// Every request comes from supertest's loopback address: one client address for the whole test.
describe.each(HTTP_ADAPTERS)(
  'Failed sign-ins to the example app on %s (e2e)',
  (adapter) => {
    // A fresh app per test: each starts with no failure counted.
    let app: INestApplication<App>;

    const logIn = (email: string, password: string) =>
      request(app.getHttpServer())
        .post('/auth/login')
        .send({ email, password });

    /** Fails `count` sign-ins, each answered 401. */
    const fail = async (count: number, email: (n: number) => string) => {
      for (let n = 0; n < count; n += 1) {
        await logIn(email(n), 'wrong-password').expect(401);
      }
    };

    /** Expects a 429 whose Retry-After is a whole number of seconds within the window. */
    const expectRefused = async (email: string, password: string) => {
      const res = await logIn(email, password).expect(429);
      const retryAfter = Number(res.headers['retry-after']);
      expect(Number.isInteger(retryAfter)).toBe(true);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
      expect(res.body).toEqual({
        statusCode: 429,
        error: 'Too Many Requests',
        message: 'Too many failed sign-ins. Try again later.',
      });
    };

    beforeEach(async () => {
      app = await createExampleApp({}, { adapter });
    });

    afterEach(async () => {
      await app.close();
    });

    it(`should answer 429 with Retry-After after ${LOGIN_LIMITS.perEmail} wrong passwords for one email, even to the right one`, async () => {
      await fail(LOGIN_LIMITS.perEmail, () => JANE);

      await expectRefused(JANE, 'wrong-password');
      await expectRefused(JANE, DEMO_PASSWORD);
      // The same email, written otherwise, is the same user.
      await expectRefused('Jane@ACME.test', DEMO_PASSWORD);
    });

    it('should keep counting emails apart: another user still signs in', async () => {
      await fail(LOGIN_LIMITS.perEmail, () => JANE);

      await logIn(RAJ, DEMO_PASSWORD).expect(200);
    });

    it(`should answer 429 to any email from an address after ${LOGIN_LIMITS.perAddress} failures there`, async () => {
      await fail(LOGIN_LIMITS.perAddress, (n) => `nobody-${n}@acme.test`);

      await expectRefused(RAJ, DEMO_PASSWORD);
    });

    it('should not count successful sign-ins, nor let them reset the count', async () => {
      for (let n = 0; n < 3 * LOGIN_LIMITS.perAddress; n += 1) {
        await logIn(JANE, DEMO_PASSWORD).expect(200);
      }
      await fail(LOGIN_LIMITS.perEmail - 1, () => JANE);
      await logIn(JANE, DEMO_PASSWORD).expect(200);
      await fail(1, () => JANE);

      await expectRefused(JANE, DEMO_PASSWORD);
    });

    it('should not count a malformed body', async () => {
      for (let n = 0; n < LOGIN_LIMITS.perAddress; n += 1) {
        await request(app.getHttpServer())
          .post('/auth/login')
          .send({ email: 'not-an-email', password: 'x' })
          .expect(400);
      }

      await logIn(JANE, DEMO_PASSWORD).expect(200);
    });
  },
);
