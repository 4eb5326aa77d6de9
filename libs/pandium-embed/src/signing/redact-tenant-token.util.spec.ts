import { inspect } from 'node:util';
import { redactTenantToken } from './redact-tenant-token.util.js';

/** Shaped like a signed tenant token (base64url segments joined by dots), and easy to spot if it leaks. */
const TOKEN =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJMRUFLRUQtVE9LRU4ifQ.c2lnbmF0dXJlLUxFQUtFRA';
const OTHER_TOKEN =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJTRUNPTkQtVE9LRU4ifQ.c2Vjb25kLXNpZ25hdHVyZQ';
const ACCOUNT_URL = 'https://imp.sandbox.pandium.com/acme';

describe('redactTenantToken', () => {
  describe('with a tenant parameter', () => {
    it('should replace the token after ?tenant= and keep the rest of the URL', () => {
      const url = `${ACCOUNT_URL}/tenants/create/1042?tenant=${TOKEN}`;

      expect(redactTenantToken(url)).toBe(
        `${ACCOUNT_URL}/tenants/create/1042?tenant=[redacted]`,
      );
    });

    it('should replace the token after &tenant= and keep the parameters around it', () => {
      const url = `${ACCOUNT_URL}?lang=en&tenant=${TOKEN}&theme=dark`;

      expect(redactTenantToken(url)).toBe(
        `${ACCOUNT_URL}?lang=en&tenant=[redacted]&theme=dark`,
      );
    });

    it('should keep a fragment after the token', () => {
      const url = `${ACCOUNT_URL}?tenant=${TOKEN}#/integrations/1042`;

      expect(redactTenantToken(url)).toBe(
        `${ACCOUNT_URL}?tenant=[redacted]#/integrations/1042`,
      );
    });

    it.each([
      ['?TENANT=', `${ACCOUNT_URL}?TENANT=${TOKEN}`, `${ACCOUNT_URL}?TENANT=`],
      [
        '&Tenant=',
        `${ACCOUNT_URL}?a=1&Tenant=${TOKEN}`,
        `${ACCOUNT_URL}?a=1&Tenant=`,
      ],
    ])(
      'should match the parameter name whatever its case (%s), keeping it as written',
      (_case, url, prefix) => {
        expect(redactTenantToken(url)).toBe(`${prefix}[redacted]`);
      },
    );

    it('should replace a token whole, whatever encodeURIComponent left in it', () => {
      // encodeURIComponent keeps ! * ( ) ~ as they are and turns + / = into %XX.
      const url = `${ACCOUNT_URL}?tenant=${encodeURIComponent(`${TOKEN}+/=!*()~`)}&x=1`;

      expect(redactTenantToken(url)).toBe(
        `${ACCOUNT_URL}?tenant=[redacted]&x=1`,
      );
    });

    it('should redact an empty tenant value without touching what follows', () => {
      expect(redactTenantToken(`${ACCOUNT_URL}?tenant=&x=1`)).toBe(
        `${ACCOUNT_URL}?tenant=[redacted]&x=1`,
      );
    });
  });

  describe('with several URLs in one log line', () => {
    it('should redact every token and keep the text between them', () => {
      const line =
        `install ${ACCOUNT_URL}/tenants/create/1042?tenant=${TOKEN} ` +
        `marketplace ${ACCOUNT_URL}?x=1&tenant=${OTHER_TOKEN}#top done`;

      const redacted = redactTenantToken(line);

      expect(redacted).toBe(
        `install ${ACCOUNT_URL}/tenants/create/1042?tenant=[redacted] ` +
          `marketplace ${ACCOUNT_URL}?x=1&tenant=[redacted]#top done`,
      );
      expect(redacted).not.toContain(TOKEN);
      expect(redacted).not.toContain(OTHER_TOKEN);
    });

    it('should redact every token on a multi-line message', () => {
      const text = `first ${ACCOUNT_URL}?tenant=${TOKEN}\nsecond ${ACCOUNT_URL}?tenant=${OTHER_TOKEN}\n`;

      expect(redactTenantToken(text)).toBe(
        `first ${ACCOUNT_URL}?tenant=[redacted]\nsecond ${ACCOUNT_URL}?tenant=[redacted]\n`,
      );
    });
  });

  describe('in a structured log line', () => {
    it('should stop at the closing quote of a JSON string and keep the rest of the line', () => {
      const line = JSON.stringify({
        url: `${ACCOUNT_URL}?tenant=${TOKEN}`,
        marketplaceUrl: `${ACCOUNT_URL}?tenant=${OTHER_TOKEN}`,
        status: 200,
      });

      expect(redactTenantToken(line)).toBe(
        JSON.stringify({
          url: `${ACCOUNT_URL}?tenant=[redacted]`,
          marketplaceUrl: `${ACCOUNT_URL}?tenant=[redacted]`,
          status: 200,
        }),
      );
    });

    it('should stop at the closing quote of an inspected object, as Nest’s console logger prints it', () => {
      const line = inspect({ url: `${ACCOUNT_URL}?tenant=${TOKEN}`, ok: true });

      expect(redactTenantToken(line)).toBe(
        inspect({ url: `${ACCOUNT_URL}?tenant=[redacted]`, ok: true }),
      );
    });

    it('should keep the escaping of a JSON string nested in another', () => {
      const line = JSON.stringify({
        msg: JSON.stringify({ url: `${ACCOUNT_URL}?tenant=${TOKEN}` }),
      });

      const redacted = redactTenantToken(line);

      expect(JSON.parse(JSON.parse(redacted).msg as string)).toEqual({
        url: `${ACCOUNT_URL}?tenant=[redacted]`,
      });
    });
  });

  describe('without a tenant parameter', () => {
    it.each([
      ['a plain sentence', 'Signed install URL for user 42'],
      ['an empty string', ''],
      ['a URL with other parameters', `${ACCOUNT_URL}?lang=en&theme=dark#x`],
      [
        'a parameter that only ends in tenant',
        `${ACCOUNT_URL}?subtenant=keep&mytenant=keep`,
      ],
      [
        'a parameter that only starts with tenant',
        `${ACCOUNT_URL}?tenant_id=7&tenants=3`,
      ],
      ['tenant in the path', `${ACCOUNT_URL}/tenants/create/1042`],
      ['tenant= not after ? or &', 'tenant=abc and x tenant=def'],
    ])('should leave %s unchanged', (_case, text) => {
      expect(redactTenantToken(text)).toBe(text);
    });
  });
});
