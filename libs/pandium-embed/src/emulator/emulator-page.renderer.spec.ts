import type { PandiumTokenDiagnosis } from '../diagnosis/pandium-token-diagnosis.interface.js';
import { escapeHtml } from './emulator-page.html.js';
import {
  renderIndexPage,
  renderRefusedPage,
  renderVerifiedPage,
} from './emulator-page.renderer.js';
import type { EmulatorVerdict } from './pandium-emulator.verifier.js';

const CONTEXT = { hostOrigin: 'http://localhost:3000', account: 'acme' };

/** A page's token, as the Save form posts it back. */
const TOKEN = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.e30.c2lnbmF0dXJl';

/** Markup a claim could smuggle in: a tag, an attribute break-out, an entity. */
const EVIL = `<img src=x onerror="alert(1)">'&amp;`;

function verdict(overrides: Partial<EmulatorVerdict> = {}): EmulatorVerdict {
  const diagnosis: PandiumTokenDiagnosis = {
    valid: true,
    signatureVerified: true,
    header: { alg: 'HS256', typ: 'JWT' },
    claims: {
      iat: 1_700_000_000,
      exp: 1_700_000_300,
      jti: 'c0ffee00-0000-4000-8000-000000000000',
      sub: EVIL,
      ti: {
        ufn: EVIL,
        uem: 'jane@acme.test',
        udn: EVIL,
        aid: 'org_acme',
        adn: 'Acme',
        ili: ['org_acme'],
        xti: {
          integration_name: EVIL,
          connector_name: 'gwt',
          token: '[masked, 120 chars]',
          [EVIL]: EVIL,
        },
      },
    },
    target: { kind: 'install', account: 'acme', integrationId: '1042' },
    problems: [],
  };
  return {
    status: 200,
    target: { kind: 'install', account: 'acme', integrationId: '1042' },
    diagnosis,
    tenant: { id: 42, name: `${EVIL} for ${EVIL}` },
    notes: [EVIL],
    ...overrides,
  };
}

/** What must never be in a page: inline scripts, inline handlers, inline styles (CSP 'self' only). */
function expectNoInlineCode(html: string): void {
  expect(html.match(/<script\b[^>]*>/g)).toEqual([
    '<script src="/__emulator/page.js" defer>',
  ]);
  // Escaped text holds no `<` and attribute values no `"`: every match is a real tag, seen without its values.
  const tags = (html.match(/<[a-z][^>]*>/gi) ?? []).map((tag) =>
    tag.replace(/"[^"]*"/g, '""'),
  );
  expect(tags.filter((tag) => /\s(?:on[a-z]+|style)=/i.test(tag))).toEqual([]);
}

describe('escapeHtml', () => {
  it('should escape the five characters that matter in text and quoted attributes', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
});

describe('renderVerifiedPage', () => {
  it('should escape every claim, key, note and the tenant name (also in attributes)', () => {
    const html = renderVerifiedPage(verdict(), CONTEXT, TOKEN);

    expect(html).not.toContain('<img');
    expect(html).not.toContain('onerror="');
    expect(html).toContain(
      '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&#39;&amp;amp;',
    );
    expect(html).toContain(
      'data-tenant-name="&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&#39;&amp;amp; for',
    );
    expectNoInlineCode(html);
  });

  it('should show the install target, the masked token and the buttons with stable test ids', () => {
    const html = renderVerifiedPage(verdict(), CONTEXT, TOKEN);

    expect(html).toContain('<title>Pandium embed emulator</title>');
    expect(html).toMatch(/data-testid="emulator-status"[^>]*>Token verified</);
    expect(html).toContain('data-testid="emulator-user-email">jane@acme.test<');
    expect(html).toContain(
      'data-testid="emulator-connector-token">[masked, 120 chars]<',
    );
    expect(html).toContain('data-host-origin="http://localhost:3000"');
    for (const id of [
      'emulator-save',
      'emulator-cancel',
      'emulator-details-toggle',
    ]) {
      expect(html).toContain(`data-testid="${id}"`);
    }
    expect(html).toMatch(
      /id="emulator-details" data-testid="emulator-details" hidden/,
    );
  });

  it("should make Save a form that posts the page's token back to the page's path, as the field tenant", () => {
    const html = renderVerifiedPage(verdict(), CONTEXT, TOKEN);

    expect(html).toContain(
      '<form method="post" action="/acme/tenants/create/1042" class="save-form">' +
        `<input type="hidden" name="tenant" value="${TOKEN}">`,
    );
    expect(html).toMatch(
      /<button type="submit" id="emulator-save" data-testid="emulator-save" data-tenant-id="42"/,
    );
    // Without the token (e.g. a page rendered for a test), there is nothing to post: no Save.
    expect(renderVerifiedPage(verdict(), CONTEXT)).not.toContain(
      'emulator-save',
    );
  });

  it('should list the offers of a marketplace, each with its own tenant', () => {
    const html = renderVerifiedPage(
      verdict({
        target: { kind: 'marketplace', account: 'acme' },
        tenant: undefined,
        offers: [
          {
            integration: {
              id: 1042,
              name: 'gwt2hs',
              long_name: EVIL,
              connectors: [{ name: 'gwt' }],
            },
            tenant: { id: 7, name: 'gwt2hs for Acme' },
          },
        ],
      }),
      CONTEXT,
    );

    expect(html).toContain('data-testid="emulator-install-1042"');
    expect(html).toContain('data-tenant-id="7"');
    expect(html).not.toContain('data-testid="emulator-save"');
    expect(html).not.toContain('<img');
  });
});

describe('renderRefusedPage', () => {
  it('should list every refusal with its code, cause and fix, escaped', () => {
    const refused = verdict({
      status: 401,
      diagnosis: {
        valid: false,
        signatureVerified: false,
        claims: { sub: EVIL },
        problems: [
          {
            code: 'signature-mismatch',
            severity: 'error',
            field: 'signature',
            message: 'signature does not match the secret given here',
            cause: 'the secret differs',
            fix: EVIL,
          },
          {
            code: 'expired',
            severity: 'error',
            field: 'exp',
            message: 'expired 42 s ago',
            cause: 'a reused link',
            fix: 'check the TTL and the server clock',
          },
          {
            code: 'jti-not-uuid',
            severity: 'warning',
            field: 'jti',
            message: 'jti is not a UUID',
            cause: 'c',
            fix: 'f',
          },
        ],
      },
    });

    const html = renderRefusedPage(refused, CONTEXT);

    expect(html).toMatch(/data-testid="emulator-status"[^>]*>Token refused</);
    expect(html).toContain('for 2 reasons');
    expect(html.match(/<li data-code="[^"]+" data-severity="error">/g)).toEqual(
      [
        '<li data-code="signature-mismatch" data-severity="error">',
        '<li data-code="expired" data-severity="error">',
      ],
    );
    expect(html).toContain(
      '<li data-code="jti-not-uuid" data-severity="warning">',
    );
    expect(html).toContain('Likely cause: the secret differs');
    expect(html).toContain('expired 42 s ago');
    expect(html).not.toContain('<img');
    expectNoInlineCode(html);
  });
});

describe('renderIndexPage', () => {
  it('should escape the account and link the host app', () => {
    const html = renderIndexPage({ ...CONTEXT, account: EVIL }, [
      { id: 1, name: EVIL, long_name: null, connectors: [{ name: 'x' }] },
    ]);

    expect(html).not.toContain('<img');
    expect(html).toContain('href="http://localhost:3000/"');
    expectNoInlineCode(html);
  });
});
