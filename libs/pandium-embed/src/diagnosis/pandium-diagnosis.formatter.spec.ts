import { describe, it, expect } from '@jest/globals';
import { formatPandiumDiagnosis } from './pandium-diagnosis.formatter.js';
import type { PandiumTokenDiagnosis } from './pandium-token-diagnosis.interface.js';

const claims = {
  iat: 1_900_000_000,
  exp: 1_900_000_300,
  jti: '1cfa7dbf-8110-4237-ad22-410608791b7d',
  ti: { uem: 'jane@acme.test', xti: { token: '[masked, 17 chars]' } },
  sub: 'usr_1',
};

const valid: PandiumTokenDiagnosis = {
  valid: true,
  signatureVerified: true,
  header: { alg: 'HS256', typ: 'JWT' },
  claims,
  target: { kind: 'install', account: 'acme', integrationId: '1042' },
  problems: [],
};

const refused: PandiumTokenDiagnosis = {
  valid: false,
  signatureVerified: false,
  header: { alg: 'HS256', typ: 'JWT' },
  claims,
  target: { kind: 'marketplace', account: 'acme' },
  problems: [
    {
      code: 'signature-mismatch',
      severity: 'error',
      field: 'signature',
      message: 'signature does not match the secret given here',
      cause: 'the secret differs',
      fix: 'use the same PANDIUM_SHARED_SECRET',
    },
    {
      code: 'expired',
      severity: 'error',
      field: 'exp',
      message: 'expired 42 s ago',
      cause: 'a cached page',
      fix: 'check the TTL and the server clock',
    },
    {
      code: 'jti-not-uuid',
      severity: 'warning',
      field: 'jti',
      message: 'jti is not a UUID',
      cause: 'own ids',
      fix: 'use crypto.randomUUID()',
    },
  ],
};

describe('formatPandiumDiagnosis', () => {
  it('should show the target, header, signature, claims and times, then "valid"', () => {
    const text = formatPandiumDiagnosis(valid);

    expect(text).toContain(
      'target:    install, account "acme", integration "1042"',
    );
    expect(text).toContain('header:    {"alg":"HS256","typ":"JWT"}');
    expect(text).toContain(
      'signature: verified (HS256, with the secret given)',
    );
    expect(text).toContain('"token": "[masked, 17 chars]"');
    expect(text).toContain('issued:    2030-03-17T17:46:40.000Z (iat)');
    expect(text).toContain(
      'expires:   2030-03-17T17:51:40.000Z (exp, lifetime 300 s)',
    );
    expect(text).not.toContain('problems:');
    expect(text.endsWith('\nvalid\n')).toBe(true);
  });

  it('should list each problem with its cause and fix, then "refused: N problems"', () => {
    const text = formatPandiumDiagnosis(refused);

    expect(text).toContain('target:    marketplace, account "acme"');
    expect(text).toContain('signature: DOES NOT MATCH the secret given');
    expect(text).toContain(
      [
        '  x error expired [exp]: expired 42 s ago',
        '      cause: a cached page',
        '      fix:   check the TTL and the server clock',
      ].join('\n'),
    );
    expect(text).toContain('  ! warning jti-not-uuid [jti]: jti is not a UUID');
    expect(text.endsWith('\nrefused: 2 problems (1 warning)\n')).toBe(true);
  });

  it('should say "valid" with its warnings, and handle an undecodable token', () => {
    const text = formatPandiumDiagnosis({
      valid: true,
      signatureVerified: false,
      problems: [{ ...refused.problems[2] }],
    });

    expect(text).toContain('header:    (not decodable)');
    expect(text).toContain('signature: not verified');
    expect(text).toContain('claims:    (not decodable)');
    expect(text.endsWith('\nvalid (1 warning)\n')).toBe(true);
  });

  it('should use the singular for one problem', () => {
    const text = formatPandiumDiagnosis({
      ...refused,
      problems: [refused.problems[1]],
    });

    expect(text.endsWith('\nrefused: 1 problem\n')).toBe(true);
  });
});
