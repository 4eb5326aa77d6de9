// The shipped emulator (pandium-embed/emulator) verifying what the example app signs: the pages it accepts.
import { randomUUID } from 'node:crypto';
import { TEST_ACCOUNT, TEST_PANDIUM_SECRET } from './support/example-app.js';
import {
  frameAncestorsOf,
  HOST_ORIGIN,
  signByHand,
  signedUrl,
  startEmulatorStack,
  type EmulatorStack,
} from './support/emulator-stack.js';
import {
  tenantTokenOf,
  verifyPandiumToken,
} from './support/pandium-token.verifier.js';

let stack: EmulatorStack;

beforeAll(async () => {
  stack = await startEmulatorStack();
});

afterEach(() => {
  stack.clockOffsetMs = 0;
});

afterAll(async () => {
  await stack.close();
});

describe('Pandium embed emulator: accepted pages (e2e)', () => {
  describe('an install URL signed by the example app', () => {
    it('should be verified and shown as Pandium would receive it, connector token masked', async () => {
      const url = await signedUrl(stack.app);
      const { payload } = await verifyPandiumToken(
        tenantTokenOf(url),
        TEST_PANDIUM_SECRET,
      );
      const connectorToken = (payload.ti as { xti: { token: string } }).xti
        .token;

      const response = await stack.open(url).expect(200);

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
      // The token is on the page once: in the Save form, which posts it back.
      const token = tenantTokenOf(url);
      expect(response.text.split(token).length - 1).toBe(1);
      expect(response.text).toContain(
        `<input type="hidden" name="tenant" value="${token}">`,
      );
    });

    it('should send the headers Pandium would: frame-ancestors for the host origin only, no caching, no referrer', async () => {
      const response = await stack.open(await signedUrl(stack.app)).expect(200);

      const csp = response.headers['content-security-policy'];
      expect(frameAncestorsOf(csp)).toBe(HOST_ORIGIN);
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
    });

    it('should answer JSON for Accept: application/json, with the claims and the tenant a save would make', async () => {
      const response = await stack
        .open(await signedUrl(stack.app), 'application/json')
        .expect(200);

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
      const again = await stack
        .open(await signedUrl(stack.app), 'application/json')
        .expect(200);
      expect(again.body.tenant).toEqual(response.body.tenant);
    });

    it('should refuse the same URL the second time (replayed jti)', async () => {
      const url = await signedUrl(stack.app);
      await stack.open(url).expect(200);

      const replay = await stack.open(url, 'application/json').expect(401);

      expect(replay.body.valid).toBe(false);
      expect(replay.body.problems).toEqual([
        expect.objectContaining({ code: 'replayed-jti', severity: 'error' }),
      ]);
      const page = await stack.open(url).expect(401);
      expect(page.text).toMatch(
        /data-testid="emulator-status"[^>]*>Token refused</,
      );
      expect(page.text).toContain('data-code="replayed-jti"');
    });

    it('should not use up the jti of a refused token', async () => {
      const url = await signedUrl(stack.app);
      stack.clockOffsetMs = 3_600_000;
      await stack.open(url).expect(401);
      stack.clockOffsetMs = 0;

      await stack.open(url).expect(200);
    });
  });

  describe('tokens Pandium would take', () => {
    it('should accept an app signing with the longest TTL its options allow (exp - iat = TTL + skew)', async () => {
      const other = await stack.otherApp({ PANDIUM_TOKEN_TTL_SECONDS: '3600' });

      const json = await stack
        .open(await signedUrl(other), 'application/json')
        .expect(200);

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

      const first = await stack
        .server()
        .get(path)
        .set('Accept', 'application/json')
        .expect(200);
      expect(first.body.warnings).toEqual([
        expect.objectContaining({ code: 'missing-claim', field: 'exp' }),
      ]);

      const replay = await stack
        .server()
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
      const url = await signedUrl(stack.app, '/pandium/marketplace-url');

      const page = await stack.open(url).expect(200);
      expect(page.text).toMatch(
        /data-testid="emulator-user-email">jane@acme\.test</,
      );
      expect(page.text).toContain('data-testid="emulator-install-1042"');

      const json = await stack
        .open(
          await signedUrl(stack.app, '/pandium/marketplace-url'),
          'application/json',
        )
        .expect(200);
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
        stack.app,
        '/pandium/marketplace-url',
        'john@globex.test',
      );

      const json = await stack.open(url, 'application/json').expect(200);

      expect(
        json.body.integrations.map(({ id }: { id: number }) => id),
      ).toEqual([1042, 3107]);
    });
  });
});
