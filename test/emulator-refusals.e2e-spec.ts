// The shipped emulator (pandium-embed/emulator): every refusal explained, and its own assets.
import { TEST_ACCOUNT } from './support/example-app.js';
import {
  frameAncestorsOf,
  HOST_ORIGIN,
  signedUrl,
  startEmulatorStack,
  type EmulatorStack,
} from './support/emulator-stack.js';
import { tenantTokenOf } from './support/pandium-token.verifier.js';

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

describe('Pandium embed emulator: refusals (e2e)', () => {
  describe('tokens Pandium would refuse', () => {
    it('should say the secret differs when the app signs with another one', async () => {
      const other = await stack.otherApp({
        PANDIUM_SHARED_SECRET: 'another-shared-secret-0123456789abcdefgh',
      });
      const url = await signedUrl(other);

      const json = await stack.open(url, 'application/json').expect(401);
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

      const page = await stack.open(url).expect(401);
      expect(page.text).toContain('data-code="signature-mismatch"');
      expect(page.text).toContain('Likely cause: the secret differs');
      expect(page.text).toContain('Fix: use the same PANDIUM_SHARED_SECRET');
    });

    it('should say how long ago an expired token expired', async () => {
      const url = await signedUrl(stack.app);
      // The app signs exp = now + 300 s; 30 s of skew are allowed; 42 s more.
      stack.clockOffsetMs = (300 + 30 + 42) * 1000;

      const json = await stack.open(url, 'application/json').expect(401);

      const expired = json.body.problems.find(
        ({ code }: { code: string }) => code === 'expired',
      );
      expect(expired.message).toMatch(/^expired 7[12] s ago$/);
      expect(expired.fix).toMatch(/check the TTL and the server clock/);
    });

    it("should refuse a token signed for another account's URL", async () => {
      const other = await stack.otherApp({ PANDIUM_ACCOUNT: 'someone-else' });
      const url = await signedUrl(other);

      const json = await stack.open(url, 'application/json').expect(401);

      expect(json.body.problems).toEqual([
        expect.objectContaining({ code: 'account-mismatch', field: 'account' }),
      ]);
      expect(json.body.target.account).toBe('someone-else');
    });

    it('should answer 400 with the reason when the URL carries no token', async () => {
      const json = await stack
        .server()
        .get(`/${TEST_ACCOUNT}/tenants/create/1042`)
        .set('Accept', 'application/json')
        .expect(400);
      expect(json.body.valid).toBe(false);
      expect(json.body.problems).toEqual([
        expect.objectContaining({ code: 'malformed', field: 'url' }),
      ]);

      const page = await stack
        .server()
        .get(`/${TEST_ACCOUNT}?tenant=`)
        .expect(400);
      expect(page.text).toContain('Token refused');
      expect(frameAncestorsOf(page.headers['content-security-policy'])).toBe(
        HOST_ORIGIN,
      );
    });

    it('should not echo the token in the answer to a path it does not serve', async () => {
      const url = await signedUrl(stack.app);
      const token = tenantTokenOf(url);

      for (const path of [
        `/${TEST_ACCOUNT}/tenants/create?tenant=${token}`,
        `/${TEST_ACCOUNT}/tenants/create/1042/extra?tenant=${token}`,
        `/${TEST_ACCOUNT}/tenants?tenant=${token}`,
      ]) {
        for (const accept of ['application/json', 'text/html']) {
          const response = await stack
            .server()
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
      const token = tenantTokenOf(await signedUrl(stack.app));

      const json = await stack
        .server()
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
      const page = await stack
        .server()
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

      const page = await stack
        .server()
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
      const script = await stack
        .server()
        .get('/__emulator/page.js')
        .expect(200)
        .expect('Content-Type', /^text\/javascript/);
      expect(script.text).toContain("'pandium-content-height-change'");
      expect(script.text).toContain("'pandium-save-sync'");
      expect(script.text).toContain("'pandium-install-cancel'");
      expect(script.text).toContain('ResizeObserver');

      await stack
        .server()
        .get('/__emulator/page.css')
        .expect(200)
        .expect('Content-Type', /^text\/css/);
      // Not the marketplace of an account named favicon.ico.
      await stack.server().get('/favicon.ico').expect(204);
    });
  });
});
