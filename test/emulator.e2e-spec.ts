import type { INestApplication } from '@nestjs/common';
import { createHmac, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { PandiumApiIntegrationCatalog } from 'pandium-embed/api-catalog';
import request from 'supertest';
import type { App } from 'supertest/types.js';
import { startDevEmulator } from '../src/emulator/dev-emulator.js';
import { createPandiumEmulatorApp } from '../src/emulator/pandium-emulator.app.js';
import { PandiumEmulatorModule } from '../src/emulator/pandium-emulator.module.js';
import type { PandiumEmulatorOptions } from '../src/emulator/pandium-emulator-options.interface.js';
import { capturingLogger } from './support/capturing.logger.js';
import {
  createExampleApp,
  DEMO_INTEGRATIONS,
  signedUrlResponse,
  TEST_ACCOUNT,
  TEST_PANDIUM_SECRET,
  withEnv,
} from './support/example-app.js';
import {
  tenantTokenOf,
  verifyPandiumToken,
} from './support/pandium-token.verifier.js';

/** The origin the emulator lets frame it; the example app under supertest has none of its own. */
const HOST_ORIGIN = 'http://localhost:3000';
const API_KEY = 'e2e-emulator-api-key';

/** Listens on a free loopback port; the origin is what PANDIUM_BASE_URL gets. */
async function listen(app: INestApplication): Promise<string> {
  await app.listen(0, '127.0.0.1');
  const { port } = (
    app.getHttpServer() as { address(): AddressInfo }
  ).address();
  return `http://127.0.0.1:${port}`;
}

/** Signs in as a demo user and asks the example app for one of its signed URLs. */
async function signedUrl(
  app: INestApplication<App>,
  path?: string,
  email?: string,
): Promise<string> {
  return (await signedUrlResponse(app, path, email)).url;
}

/** Signs a payload as the reference page describes, with Pandium's header and the shared secret. */
function signByHand(payload: object, secret = TEST_PANDIUM_SECRET): string {
  const input = `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

/** `frame-ancestors` of a CSP header. */
function frameAncestorsOf(csp: string | undefined): string | undefined {
  return csp
    ?.split(';')
    .map((directive) => directive.trim())
    .find((directive) => directive.startsWith('frame-ancestors '))
    ?.slice('frame-ancestors '.length);
}

describe('Pandium embed emulator (e2e)', () => {
  let emulator: INestApplication;
  let emulatorOrigin: string;
  /** Moves the emulator's clock (not the app's): its `iat`/`exp` checks read `Date.now() + clockOffsetMs`. */
  let clockOffsetMs = 0;
  let app: INestApplication<App>;
  const extraApps: INestApplication[] = [];

  const emulatorOptions: PandiumEmulatorOptions = {
    account: TEST_ACCOUNT,
    sharedSecret: TEST_PANDIUM_SECRET,
    hostOrigin: HOST_ORIGIN,
    apiKey: API_KEY,
    clock: { now: () => Date.now() + clockOffsetMs },
  };

  /** Loads a URL the app signed on the emulator, as the iframe would (path and query only). */
  const open = (url: string, accept = 'text/html') => {
    expect(url.startsWith(`${emulatorOrigin}/`)).toBe(true);
    const { pathname, search } = new URL(url);
    return request(emulator.getHttpServer())
      .get(`${pathname}${search}`)
      .set('Accept', accept);
  };

  /** Another example app, pointed at the same emulator, with some variables changed. */
  const otherApp = async (
    env: Record<string, string>,
  ): Promise<INestApplication<App>> => {
    const other = await createExampleApp({
      PANDIUM_BASE_URL: emulatorOrigin,
      ...env,
    });
    extraApps.push(other);
    return other;
  };

  beforeAll(async () => {
    emulator = await createPandiumEmulatorApp(emulatorOptions, {
      logger: capturingLogger,
    });
    emulatorOrigin = await listen(emulator);
    app = await createExampleApp({ PANDIUM_BASE_URL: emulatorOrigin });
  });

  afterEach(() => {
    clockOffsetMs = 0;
  });

  afterAll(async () => {
    await Promise.all(
      [app, emulator, ...extraApps].map((each) => each.close()),
    );
  });

  describe('an install URL signed by the example app', () => {
    it('should be verified and shown as Pandium would receive it, connector token masked', async () => {
      const url = await signedUrl(app);
      const { payload } = await verifyPandiumToken(
        tenantTokenOf(url),
        TEST_PANDIUM_SECRET,
      );
      const connectorToken = (payload.ti as { xti: { token: string } }).xti
        .token;

      const response = await open(url).expect(200);

      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.text).toContain('<title>Pandium embed emulator</title>');
      expect(response.text).toMatch(
        /data-testid="emulator-status"[^>]*>Token verified</,
      );
      expect(response.text).toMatch(
        /data-testid="emulator-user-email">jane@acme\.test</,
      );
      expect(response.text).toMatch(
        /data-testid="emulator-integration">1042 · gwt2hs</,
      );
      expect(response.text).toMatch(/data-testid="emulator-connector">gwt</);
      expect(response.text).toContain('Acme Corp');
      expect(response.text).toContain('data-testid="emulator-save"');
      expect(response.text).toContain('data-testid="emulator-cancel"');
      expect(response.text).toContain(`data-host-origin="${HOST_ORIGIN}"`);
      expect(response.text).toContain('[masked, ');
      expect(response.text).not.toContain(connectorToken);
      expect(response.text).not.toContain(tenantTokenOf(url));
    });

    it('should send the headers Pandium would: frame-ancestors for the host origin only, no caching, no referrer', async () => {
      const response = await open(await signedUrl(app)).expect(200);

      const csp = response.headers['content-security-policy'];
      expect(frameAncestorsOf(csp)).toBe(HOST_ORIGIN);
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
    });

    it('should answer JSON for Accept: application/json, with the claims and the tenant a save would make', async () => {
      const response = await open(
        await signedUrl(app),
        'application/json',
      ).expect(200);

      expect(response.body).toMatchObject({
        valid: true,
        target: {
          kind: 'install',
          account: TEST_ACCOUNT,
          integrationId: '1042',
        },
        claims: {
          sub: 'usr_1001',
          ti: {
            uem: 'jane@acme.test',
            udn: 'Acme Corp',
            xti: { integration_name: 'gwt2hs', connector_name: 'gwt' },
          },
        },
        tenant: { name: 'gwt2hs for Acme Corp' },
      });
      expect(response.body.claims.ti.xti.token).toMatch(/^\[masked, /);
      expect(Number.isSafeInteger(response.body.tenant.id)).toBe(true);
      // The same user and integration: the same tenant, as with Pandium's real tenants.
      const again = await open(await signedUrl(app), 'application/json').expect(
        200,
      );
      expect(again.body.tenant).toEqual(response.body.tenant);
    });

    it('should refuse the same URL the second time (replayed jti)', async () => {
      const url = await signedUrl(app);
      await open(url).expect(200);

      const replay = await open(url, 'application/json').expect(401);

      expect(replay.body.valid).toBe(false);
      expect(replay.body.problems).toEqual([
        expect.objectContaining({ code: 'replayed-jti', severity: 'error' }),
      ]);
      const page = await open(url).expect(401);
      expect(page.text).toMatch(
        /data-testid="emulator-status"[^>]*>Token refused</,
      );
      expect(page.text).toContain('data-code="replayed-jti"');
    });

    it('should not use up the jti of a refused token', async () => {
      const url = await signedUrl(app);
      clockOffsetMs = 3_600_000;
      await open(url).expect(401);
      clockOffsetMs = 0;

      await open(url).expect(200);
    });
  });

  describe('tokens Pandium would take', () => {
    it('should accept an app signing with the longest TTL its options allow (exp - iat = TTL + skew)', async () => {
      const other = await otherApp({ PANDIUM_TOKEN_TTL_SECONDS: '3600' });

      const json = await open(
        await signedUrl(other),
        'application/json',
      ).expect(200);

      expect(json.body.claims.exp - json.body.claims.iat).toBe(3600 + 5);
    });

    it("should accept the reference page's payload (no exp) once, and refuse it replayed", async () => {
      const token = signByHand({
        iat: Math.floor(Date.now() / 1000),
        jti: randomUUID(),
        ti: {
          udn: 'Pandium Test',
          ufn: 'Important Person',
          uem: 'test@pandium.com',
          ili: ['new-id'],
          aid: '',
          adn: '',
          xti: {
            connector_name: 'gwt',
            integration_name: 'gwt2hs',
            token: 'reference-connector-token',
          },
        },
        sub: 'test-pandium-com',
      });
      const path = `/${TEST_ACCOUNT}/tenants/create/1042?tenant=${token}`;
      const server = () => request(emulator.getHttpServer());

      const first = await server()
        .get(path)
        .set('Accept', 'application/json')
        .expect(200);
      expect(first.body.warnings).toEqual([
        expect.objectContaining({ code: 'missing-claim', field: 'exp' }),
      ]);

      const replay = await server()
        .get(path)
        .set('Accept', 'application/json')
        .expect(401);
      expect(
        replay.body.problems.map(
          ({ code, severity }: { code: string; severity: string }) =>
            `${severity} ${code}`,
        ),
      ).toEqual(['warning missing-claim', 'error replayed-jti']);
    });
  });

  describe('a marketplace URL signed by the example app', () => {
    it("should be verified and list the account's integrations the user may see", async () => {
      const url = await signedUrl(app, '/pandium/marketplace-url');

      const page = await open(url).expect(200);
      expect(page.text).toMatch(
        /data-testid="emulator-user-email">jane@acme\.test</,
      );
      expect(page.text).toContain('data-testid="emulator-install-1042"');

      const json = await open(
        await signedUrl(app, '/pandium/marketplace-url'),
        'application/json',
      ).expect(200);
      expect(json.body.target).toEqual({
        kind: 'marketplace',
        account: TEST_ACCOUNT,
      });
      expect(
        json.body.integrations.map(({ id }: { id: number }) => id),
      ).toEqual([1042, 2318, 3107]);
    });

    it('should leave out the integrations xti.hidden_integrations hides', async () => {
      const url = await signedUrl(
        app,
        '/pandium/marketplace-url',
        'john@globex.test',
      );

      const json = await open(url, 'application/json').expect(200);

      expect(
        json.body.integrations.map(({ id }: { id: number }) => id),
      ).toEqual([1042, 3107]);
    });
  });

  describe('tokens Pandium would refuse', () => {
    it('should say the secret differs when the app signs with another one', async () => {
      const other = await otherApp({
        PANDIUM_SHARED_SECRET: 'another-shared-secret-0123456789abcdefgh',
      });
      const url = await signedUrl(other);

      const json = await open(url, 'application/json').expect(401);
      const mismatch = json.body.problems.find(
        ({ code }: { code: string }) => code === 'signature-mismatch',
      );
      expect(mismatch).toMatchObject({
        severity: 'error',
        field: 'signature',
      });
      expect(mismatch.message).toMatch(/signature does not match/);
      expect(mismatch.cause).toMatch(/secret differs/);
      expect(mismatch.fix).toMatch(/PANDIUM_SHARED_SECRET/);

      const page = await open(url).expect(401);
      expect(page.text).toContain('data-code="signature-mismatch"');
      expect(page.text).toContain('Likely cause: the secret differs');
      expect(page.text).toContain('Fix: use the same PANDIUM_SHARED_SECRET');
    });

    it('should say how long ago an expired token expired', async () => {
      const url = await signedUrl(app);
      // The app signs exp = now + 300 s; 30 s of skew are allowed; 42 s more.
      clockOffsetMs = (300 + 30 + 42) * 1000;

      const json = await open(url, 'application/json').expect(401);

      const expired = json.body.problems.find(
        ({ code }: { code: string }) => code === 'expired',
      );
      expect(expired.message).toMatch(/^expired 7[12] s ago$/);
      expect(expired.fix).toMatch(/check the TTL and the server clock/);
    });

    it("should refuse a token signed for another account's URL", async () => {
      const other = await otherApp({ PANDIUM_ACCOUNT: 'someone-else' });
      const url = await signedUrl(other);

      const json = await open(url, 'application/json').expect(401);

      expect(json.body.problems).toEqual([
        expect.objectContaining({ code: 'account-mismatch', field: 'account' }),
      ]);
      expect(json.body.target.account).toBe('someone-else');
    });

    it('should answer 400 with the reason when the URL carries no token', async () => {
      const json = await request(emulator.getHttpServer())
        .get(`/${TEST_ACCOUNT}/tenants/create/1042`)
        .set('Accept', 'application/json')
        .expect(400);
      expect(json.body.valid).toBe(false);
      expect(json.body.problems).toEqual([
        expect.objectContaining({ code: 'malformed', field: 'url' }),
      ]);

      const page = await request(emulator.getHttpServer())
        .get(`/${TEST_ACCOUNT}?tenant=`)
        .expect(400);
      expect(page.text).toContain('Token refused');
      expect(frameAncestorsOf(page.headers['content-security-policy'])).toBe(
        HOST_ORIGIN,
      );
    });

    it('should not echo the token in the answer to a path it does not serve', async () => {
      const url = await signedUrl(app);
      const token = tenantTokenOf(url);

      for (const path of [
        `/${TEST_ACCOUNT}/tenants/create?tenant=${token}`,
        `/${TEST_ACCOUNT}/tenants/create/1042/extra?tenant=${token}`,
        `/${TEST_ACCOUNT}/tenants?tenant=${token}`,
      ]) {
        for (const accept of ['application/json', 'text/html']) {
          const response = await request(emulator.getHttpServer())
            .get(path)
            .set('Accept', accept)
            .expect(404);
          expect(response.text).not.toContain(token);
          expect(response.text).not.toContain(token.split('.')[1]);
          expect(
            frameAncestorsOf(response.headers['content-security-policy']),
          ).toBe(HOST_ORIGIN);
        }
      }
    });

    it('should refuse an install page for an integration the account does not have (Pandium has no flow for it)', async () => {
      const token = tenantTokenOf(await signedUrl(app));

      const json = await request(emulator.getHttpServer())
        .get(`/${TEST_ACCOUNT}/tenants/create/9999?tenant=${token}`)
        .set('Accept', 'application/json')
        .expect(404);

      expect(json.body.valid).toBe(false);
      expect(json.body.problems).toContainEqual(
        expect.objectContaining({
          code: 'integration-mismatch',
          severity: 'error',
        }),
      );
      expect(json.body.tenant).toBeUndefined();
      const page = await request(emulator.getHttpServer())
        .get(`/${TEST_ACCOUNT}/tenants/create/9999?tenant=${token}`)
        .expect(404);
      expect(page.text).toContain('Token refused');
      expect(page.text).not.toContain('data-emulator-action="save"');
    });

    it('should list every reason at once, HTML-escaped', async () => {
      const header = Buffer.from('{"alg":"none","typ":"JWT"}').toString(
        'base64url',
      );
      const payload = Buffer.from(
        JSON.stringify({ sub: '<script>alert(1)</script>', ti: 'nope' }),
      ).toString('base64url');
      const forged = `${header}.${payload}.`;

      const page = await request(emulator.getHttpServer())
        .get(`/${TEST_ACCOUNT}/tenants/create/1042?tenant=${forged}`)
        .expect(401);

      expect(page.text).not.toContain('<script>alert(1)</script>');
      expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(page.text).toContain('data-code="header-mismatch"');
      expect(page.text).toContain('data-code="missing-claim"');
      expect(page.text.match(/<li data-code=/g)!.length).toBeGreaterThan(3);
    });
  });

  describe("the page's script and stylesheet", () => {
    it('should be served from the emulator itself (CSP self), with the messages Pandium posts', async () => {
      const script = await request(emulator.getHttpServer())
        .get('/__emulator/page.js')
        .expect(200)
        .expect('Content-Type', /^text\/javascript/);
      expect(script.text).toContain("'pandium-content-height-change'");
      expect(script.text).toContain("'pandium-save-sync'");
      expect(script.text).toContain("'pandium-install-cancel'");
      expect(script.text).toContain('ResizeObserver');

      await request(emulator.getHttpServer())
        .get('/__emulator/page.css')
        .expect(200)
        .expect('Content-Type', /^text\/css/);
      // Not the marketplace of an account named favicon.ico.
      await request(emulator.getHttpServer()).get('/favicon.ico').expect(204);
    });
  });

  describe('GET /v2/integrations (Pandium REST API)', () => {
    const api = () => request(emulator.getHttpServer());

    it('should answer 401 JSON without the API key or with a wrong one', async () => {
      const missing = await api().get('/v2/integrations').expect(401);
      expect(missing.body.message).toMatch(/X-API-KEY/);
      await api()
        .get('/v2/integrations')
        .set('X-API-KEY', `${API_KEY}-wrong`)
        .expect(401);
    });

    it('should list the demo integrations, paged with limit and skip', async () => {
      const all = await api()
        .get('/v2/integrations')
        .set('X-API-KEY', API_KEY)
        .expect(200);
      expect(all.body).toEqual([
        {
          id: 1042,
          name: 'gwt2hs',
          long_name: 'GWT to HubSpot',
          connectors: [{ name: 'gwt' }],
        },
        {
          id: 2318,
          name: 'netsuite-orders',
          long_name: 'NetSuite orders',
          connectors: [{ name: 'netsuite' }],
        },
        {
          id: 3107,
          name: 'shopify-sync',
          long_name: 'Shopify sync',
          connectors: [{ name: 'shopify' }],
        },
      ]);

      const page = await api()
        .get('/v2/integrations?limit=2&skip=1')
        .set('X-API-KEY', API_KEY)
        .expect(200);
      expect(page.body.map(({ id }: { id: number }) => id)).toEqual([
        2318, 3107,
      ]);
      await api()
        .get('/v2/integrations?limit=500')
        .set('X-API-KEY', API_KEY)
        .expect(200);
    });

    it.each(['0', '501', '1.5', 'ten'])(
      'should answer 400 for limit=%s',
      async (limit) => {
        const response = await api()
          .get(`/v2/integrations?limit=${limit}`)
          .set('X-API-KEY', API_KEY)
          .expect(400);
        expect(JSON.stringify(response.body.message)).toMatch(/limit/);
      },
    );

    it("should be what the library's PandiumApiIntegrationCatalog reads", async () => {
      const catalog = new PandiumApiIntegrationCatalog({
        apiKey: API_KEY,
        apiBaseUrl: emulatorOrigin,
        pageSize: 2,
      });

      await expect(catalog.listIntegrations(undefined)).resolves.toEqual(
        DEMO_INTEGRATIONS,
      );
    });
  });

  describe('in production', () => {
    it('should refuse to start', async () => {
      await withEnv({ NODE_ENV: 'production' }, async () => {
        await expect(
          createPandiumEmulatorApp(emulatorOptions, {
            logger: capturingLogger,
          }),
        ).rejects.toThrow(
          /Pandium embed emulator does not run when NODE_ENV=production/,
        );
        expect(() => PandiumEmulatorModule.forRoot(emulatorOptions)).toThrow(
          /NODE_ENV=production/,
        );
      });
    });
  });

  describe('options', () => {
    it('should name every bad option, never the secret', async () => {
      const boot = createPandiumEmulatorApp(
        {
          ...emulatorOptions,
          hostOrigin: 'http://localhost:3000/app',
          account: 'a/b',
        },
        { logger: capturingLogger },
      );

      await expect(boot).rejects.toThrow(
        /hostOrigin must be an http\(s\) origin/,
      );
      await expect(boot).rejects.toThrow(/account must be 1–128 characters/);
      await expect(boot).rejects.not.toThrow(TEST_PANDIUM_SECRET);
    });
  });
});

describe('Zero-config start: startDevEmulator (e2e)', () => {
  it('should start an emulator and point the app at it with one random secret when no PANDIUM_* is set', async () => {
    const mark = capturingLogger.mark();
    const dev = await startDevEmulator(
      { PANDIUM_EMULATOR_PORT: '0' },
      { logger: capturingLogger },
    );
    expect(dev).toBeDefined();
    let app: INestApplication<App> | undefined;
    try {
      expect(dev!.env.PANDIUM_BASE_URL).toBe(dev!.origin);
      expect(dev!.origin).toMatch(/^http:\/\/localhost:\d+$/);
      expect(dev!.env.PANDIUM_SHARED_SECRET).toMatch(/^[\w-]{43}$/);

      // The app as `npm start` creates it: development defaults, with what the helper returned.
      app = await createExampleApp({
        PANDIUM_ACCOUNT: undefined,
        PANDIUM_SHARED_SECRET: dev!.env.PANDIUM_SHARED_SECRET,
        PANDIUM_BASE_URL: dev!.env.PANDIUM_BASE_URL,
      });
      const url = await signedUrl(app);
      expect(url.startsWith(`${dev!.origin}/pandium-embed-demo/`)).toBe(true);
      const page = await fetch(url, {
        headers: { accept: 'application/json' },
      });
      expect(page.status).toBe(200);
      expect(await page.json()).toMatchObject({ valid: true });

      const logs = capturingLogger.since(mark);
      const text = logs.map((entry) => entry.text).join('\n');
      expect(text).toContain(`Pandium embed emulator on ${dev!.origin}`);
      expect(text).not.toContain(dev!.env.PANDIUM_SHARED_SECRET);
      expect(
        logs
          .filter(({ level }) => level === 'warn')
          .map(({ message }) => message),
      ).not.toContainEqual(expect.stringContaining('PANDIUM_SHARED_SECRET'));
    } finally {
      await app?.close();
      await dev!.close();
    }
  });

  it.each([
    ['PANDIUM_SHARED_SECRET', { PANDIUM_SHARED_SECRET: TEST_PANDIUM_SECRET }],
    [
      'PANDIUM_BASE_URL',
      { PANDIUM_BASE_URL: 'https://imp.sandbox.pandium.com' },
    ],
    ['PANDIUM_ENVIRONMENT', { PANDIUM_ENVIRONMENT: 'sandbox' }],
    ['PANDIUM_EMULATOR=off', { PANDIUM_EMULATOR: 'off' }],
    ['NODE_ENV=production', { NODE_ENV: 'production' }],
  ])('should start nothing with %s set', async (_name, env) => {
    const started = await startDevEmulator(
      { PANDIUM_EMULATOR_PORT: '0', ...env },
      { logger: capturingLogger },
    );
    await started?.close();

    expect(started).toBeUndefined();
  });

  it('should name a bad variable', async () => {
    await expect(
      startDevEmulator({ PANDIUM_EMULATOR_PORT: 'soon' }),
    ).rejects.toThrow(/PANDIUM_EMULATOR_PORT must be a port number/);
    await expect(
      startDevEmulator({ PANDIUM_EMULATOR: 'maybe' }),
    ).rejects.toThrow(/PANDIUM_EMULATOR must be on or off/);
  });

  it("should refuse the host app's own port, before taking it", async () => {
    /** The error startDevEmulator throws; an emulator it started instead is closed. */
    const failureOf = async (env: NodeJS.ProcessEnv) => {
      const started = await startDevEmulator(env, {
        logger: capturingLogger,
      }).catch((error: Error) => error);
      if (started instanceof Error) {
        return started.message;
      }
      await started?.close();
      return 'started';
    };

    expect(await failureOf({ PANDIUM_EMULATOR_PORT: '3000' })).toMatch(
      /PANDIUM_EMULATOR_PORT is 3000, the host app's PORT/,
    );
    expect(await failureOf({ PORT: '3100' })).toMatch(
      /PANDIUM_EMULATOR_PORT is 3100, the host app's PORT/,
    );
  });

  it('should say which variable to change when its port is taken', async () => {
    const first = await startDevEmulator(
      { PANDIUM_EMULATOR_PORT: '0' },
      { logger: capturingLogger },
    );
    try {
      const port = new URL(first!.origin).port;
      await expect(
        startDevEmulator(
          { PANDIUM_EMULATOR_PORT: port },
          { logger: capturingLogger },
        ),
      ).rejects.toThrow(/PANDIUM_EMULATOR_PORT is \d+, a port already in use/);
    } finally {
      await first!.close();
    }
  });
});
