import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { App } from 'supertest/types.js';
import { jwtVerify } from 'jose';
import {
  createExampleApp,
  DEMO_PASSWORD,
  HTTP_ADAPTERS,
  logIn,
  TEST_ACCOUNT,
  TEST_APP_AUTH_SECRET,
  TEST_PANDIUM_SECRET,
} from './support/example-app.js';
import {
  tenantTokenOf,
  verifyPandiumToken,
} from './support/pandium-token.verifier.js';

const JANE = 'jane@acme.test';
const JOHN = 'john@globex.test';

describe.each(HTTP_ADAPTERS)('Example app on %s (e2e)', (adapter) => {
  let app: INestApplication<App>;
  let janeToken: string;
  let johnToken: string;

  const get = (path: string, accessToken?: string) => {
    const call = request(app.getHttpServer()).get(path);
    return accessToken
      ? call.set('Authorization', `Bearer ${accessToken}`)
      : call;
  };
  const claimsOf = async (url: string) =>
    (await verifyPandiumToken(tenantTokenOf(url), TEST_PANDIUM_SECRET)).payload;

  beforeAll(async () => {
    app = await createExampleApp({}, { adapter });
    janeToken = await logIn(app, JANE);
    johnToken = await logIn(app, JOHN);
  });

  afterAll(async () => {
    await app.close();
  });

  describe('POST /auth/login', () => {
    it('should answer an access token for a demo user', async () => {
      const response = await request(app.getHttpServer())
        .post('/auth/login')
        .send({ email: JANE, password: DEMO_PASSWORD })
        .expect(200);
      expect(response.body).toEqual({
        accessToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
      });
    });

    it('should refuse a wrong password with 401', async () => {
      await request(app.getHttpServer())
        .post('/auth/login')
        .send({ email: JANE, password: 'nope' })
        .expect(401);
    });

    it('should refuse an unknown email with the same 401', async () => {
      const response = await request(app.getHttpServer())
        .post('/auth/login')
        .send({ email: 'nobody@acme.test', password: DEMO_PASSWORD })
        .expect(401);
      expect(response.body.message).toBe('Wrong email or password.');
    });

    it('should answer 400 naming the field for a malformed body', async () => {
      const response = await request(app.getHttpServer())
        .post('/auth/login')
        .send({ email: 'not-an-email', password: DEMO_PASSWORD })
        .expect(400);
      expect(response.body.message).toEqual(['email must be an email address']);
    });
  });

  describe('GET /pandium/integrations', () => {
    it("should list the integrations of the user's plan", async () => {
      const jane = await get('/pandium/integrations', janeToken).expect(200);
      expect(
        jane.body.map((integration: { id: string }) => integration.id),
      ).toEqual(['1042', '2318', '3107']);
      expect(jane.body[0]).toEqual({
        id: '1042',
        name: 'gwt2hs',
        connectorName: 'gwt',
        displayName: 'GWT to HubSpot',
      });

      const john = await get('/pandium/integrations', johnToken).expect(200);
      expect(
        john.body.map((integration: { id: string }) => integration.id),
      ).toEqual(['1042', '3107']);
    });

    it('should answer 401 without a bearer token', async () => {
      await get('/pandium/integrations').expect(401);
    });
  });

  describe('GET /pandium/integrations/:integrationId/install-url', () => {
    it("should answer a signed install URL for Pandium's sandbox, not cacheable", async () => {
      const response = await get(
        '/pandium/integrations/1042/install-url',
        janeToken,
      ).expect(200);

      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.body).toEqual({
        url: expect.any(String),
        expiresAt: expect.any(String),
        expiresIn: 300,
        integrationId: '1042',
      });
      expect(response.body.url).toMatch(
        new RegExp(
          `^https://imp\\.sandbox\\.pandium\\.com/${TEST_ACCOUNT}/tenants/create/1042\\?tenant=[\\w-]+\\.[\\w-]+\\.[\\w-]+$`,
        ),
      );
    });

    it('should tell the browser not to send the URL on as a Referer', async () => {
      const response = await get(
        '/pandium/integrations/1042/install-url',
        janeToken,
      ).expect(200);

      expect(response.headers['referrer-policy']).toBe('no-referrer');
    });

    it("should sign the user's claims, the catalog's names and a connector token", async () => {
      const response = await get(
        '/pandium/integrations/1042/install-url',
        janeToken,
      ).expect(200);
      const { header, rawHeader, payload } = await verifyPandiumToken(
        tenantTokenOf(response.body.url),
        TEST_PANDIUM_SECRET,
      );

      expect(rawHeader).toBe('eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9');
      expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
      expect(payload).toEqual({
        iat: expect.any(Number),
        exp: expect.any(Number),
        jti: expect.stringMatching(
          /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
        ),
        sub: 'usr_1001',
        ti: {
          udn: 'Acme Corp',
          ufn: 'Jane Doe',
          uem: JANE,
          ili: ['org_acme'],
          aid: 'org_acme',
          adn: 'Acme Corp',
          xti: {
            user_group: 'growth',
            hidden_integrations: [],
            connector_name: 'gwt',
            integration_name: 'gwt2hs',
            token: expect.any(String),
          },
        },
      });
      // exp is now + 300 s; iat is back-dated 5 s for receivers whose clock is behind.
      expect(payload.exp! - payload.iat!).toBe(305);
      expect(new Date(response.body.expiresAt).getTime()).toBe(
        payload.exp! * 1000,
      );
    });

    it("should put a connector token for the app's own API in xti.token, not the login token", async () => {
      const response = await get(
        '/pandium/integrations/1042/install-url',
        janeToken,
      ).expect(200);
      const { ti } = (await claimsOf(response.body.url)) as {
        ti: { xti: { token: string } };
      };

      expect(ti.xti.token).not.toBe(janeToken);
      const connector = await jwtVerify(
        ti.xti.token,
        new TextEncoder().encode(TEST_APP_AUTH_SECRET),
      );
      expect(connector.payload).toMatchObject({
        sub: 'usr_1001',
        org: 'org_acme',
        scope: 'pandium-connector',
      });
    });

    it('should answer a fresh token on every call', async () => {
      const first = await get(
        '/pandium/integrations/1042/install-url',
        janeToken,
      ).expect(200);
      const second = await get(
        '/pandium/integrations/1042/install-url',
        janeToken,
      ).expect(200);
      expect((await claimsOf(first.body.url)).jti).not.toBe(
        (await claimsOf(second.body.url)).jti,
      );
    });

    it('should answer 401 without a bearer token, with a tampered one, and with another scheme', async () => {
      const [head, body, signature] = janeToken.split('.');
      const tampered = `${head}.${body}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
      await get('/pandium/integrations/1042/install-url').expect(401);
      await get('/pandium/integrations/1042/install-url', tampered).expect(401);
      await request(app.getHttpServer())
        .get('/pandium/integrations/1042/install-url')
        .set('Authorization', `Basic ${janeToken}`)
        .expect(401);
    });

    it('should not accept a connector token as a login token', async () => {
      const response = await get(
        '/pandium/integrations/1042/install-url',
        janeToken,
      ).expect(200);
      const { ti } = (await claimsOf(response.body.url)) as {
        ti: { xti: { token: string } };
      };
      await get('/pandium/integrations', ti.xti.token).expect(401);
    });

    it('should answer 404 for an id outside the catalog, and for an integration outside the plan', async () => {
      await get('/pandium/integrations/9999/install-url', janeToken).expect(
        404,
      );
      await get('/pandium/integrations/2318/install-url', johnToken).expect(
        404,
      );
    });

    it.each([
      ['a space', 'a%20b'],
      ['an encoded slash', '1042%2F..'],
      ['dot segments', '%2E%2E'],
      ['a NUL byte', '10%0042'],
      ['unicode', '%C3%A9t%C3%A9'],
      ['129 characters', '1'.repeat(129)],
    ])('should answer 400 for an id with %s', async (_case, id) => {
      const response = await get(
        `/pandium/integrations/${id}/install-url`,
        janeToken,
      ).expect(400);
      expect(JSON.stringify(response.body.message)).toContain('integrationId');
    });
  });

  describe('GET /pandium/marketplace-url', () => {
    it('should answer a signed marketplace URL without integration names, not cacheable nor sent as a Referer', async () => {
      const response = await get('/pandium/marketplace-url', johnToken).expect(
        200,
      );

      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect(response.body).toEqual({
        url: expect.any(String),
        expiresAt: expect.any(String),
        expiresIn: 300,
      });
      expect(response.body.url).toMatch(
        new RegExp(
          `^https://imp\\.sandbox\\.pandium\\.com/${TEST_ACCOUNT}\\?tenant=`,
        ),
      );
      const payload = (await claimsOf(response.body.url)) as {
        sub: string;
        ti: { xti: Record<string, unknown> };
      };
      expect(payload.sub).toBe('usr_2001');
      expect(Object.keys(payload.ti.xti).sort()).toEqual([
        'hidden_integrations',
        'token',
        'user_group',
      ]);
      expect(payload.ti.xti).toMatchObject({
        user_group: 'starter',
        hidden_integrations: ['2318'],
      });
    });
  });

  describe('other methods', () => {
    it.each([
      ['POST', '/pandium/integrations/1042/install-url'],
      ['DELETE', '/pandium/marketplace-url'],
    ] as const)(
      'should answer 404 for %s %s, even with a valid token',
      async (method, path) => {
        const call =
          method === 'POST'
            ? request(app.getHttpServer()).post(path)
            : request(app.getHttpServer()).delete(path);
        const response = await call
          .set('Authorization', `Bearer ${janeToken}`)
          .expect(404);
        expect(JSON.stringify(response.body)).not.toContain('tenant=');
      },
    );
  });

  describe('claims', () => {
    it("should never put one user's claims in another user's token", async () => {
      const jane = JSON.stringify(
        await claimsOf(
          (await get('/pandium/integrations/1042/install-url', janeToken)).body
            .url,
        ),
      );
      const john = JSON.stringify(
        await claimsOf(
          (await get('/pandium/integrations/1042/install-url', johnToken)).body
            .url,
        ),
      );

      for (const janeOnly of [
        'usr_1001',
        JANE,
        'Jane Doe',
        'Acme Corp',
        'org_acme',
      ]) {
        expect(jane).toContain(janeOnly);
        expect(john).not.toContain(janeOnly);
      }
      for (const johnOnly of [
        'usr_2001',
        JOHN,
        'John Smith',
        'Globex Inc',
        'org_globex',
      ]) {
        expect(john).toContain(johnOnly);
        expect(jane).not.toContain(johnOnly);
      }
    });

    it('should refuse a query string or a body that tries to set claims, naming what was unexpected', async () => {
      const withQuery = await get(
        '/pandium/integrations/1042/install-url?sub=evil&ti[uem]=evil@evil.test',
        janeToken,
      ).expect(400);
      expect(withQuery.body.message).toBe(
        'This route takes no query parameters; unexpected: sub, ti[uem].',
      );

      const withBody = await get('/pandium/marketplace-url', janeToken)
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ sub: 'evil', ti: { uem: 'evil@evil.test' } }))
        .expect(400);
      // Express parses a JSON body on GET and the message names its fields; Fastify leaves it unparsed.
      expect(withBody.body.message).toBe(
        adapter === 'express'
          ? 'This route takes no request body; unexpected: sub, ti.'
          : 'This route takes no request body.',
      );
    });

    it('should ignore headers that look like claims', async () => {
      const response = await get(
        '/pandium/integrations/1042/install-url',
        janeToken,
      )
        .set('X-User', 'evil')
        .set('X-Sub', 'evil')
        .set('X-Forwarded-User', 'evil@evil.test')
        .expect(200);

      const payload = await claimsOf(response.body.url);
      expect(payload.sub).toBe('usr_1001');
      expect(JSON.stringify(payload)).not.toContain('evil');
    });
  });
});
