import { describe, expect, it } from '@jest/globals';
import { formatDoctorReport } from './doctor-report.formatter.js';
import type { DoctorReport } from './doctor-report.interface.js';

const REPORT: DoctorReport = {
  ok: false,
  variables: [
    { name: 'PANDIUM_ACCOUNT', set: true, value: 'acme' },
    { name: 'PANDIUM_SHARED_SECRET', set: true },
    { name: 'PANDIUM_BASE_URL', set: false },
  ],
  findings: [
    { check: 'environment', status: 'ok', message: 'variables valid' },
    {
      check: 'api-key',
      status: 'problem',
      variable: 'PANDIUM_API_KEY',
      message: 'the key was refused',
      cause: 'wrong key',
      fix: 'set PANDIUM_API_KEY',
    },
    { check: 'clock', status: 'skipped', message: 'not measured' },
  ],
  contentSecurityPolicy: {
    frameSrc: "'self' https://imp.sandbox.pandium.com",
    frameAncestors: "'self'",
  },
};

describe('formatDoctorReport', () => {
  it('should list the variables, the findings with cause and fix, the CSP and the verdict', () => {
    expect(formatDoctorReport(REPORT)).toBe(
      [
        'Variables',
        '  PANDIUM_ACCOUNT        acme',
        '  PANDIUM_SHARED_SECRET  (set, not shown)',
        '  PANDIUM_BASE_URL       (not set)',
        '',
        'Checks',
        '  ok       variables valid',
        '  PROBLEM  the key was refused',
        '           cause: wrong key',
        '           fix:   set PANDIUM_API_KEY',
        '  skipped  not measured',
        '',
        'Content-Security-Policy',
        "  frame-src 'self' https://imp.sandbox.pandium.com  (on the pages that hold the iframe)",
        "  frame-ancestors 'self'                            (on the launch routes)",
        '',
        '1 problem found.',
        '',
      ].join('\n'),
    );
  });

  it('should name the app origin over the CSP values when given', () => {
    expect(
      formatDoctorReport({
        ...REPORT,
        appOrigin: 'https://app.example.com',
        contentSecurityPolicy: {
          frameSrc: "'self' https://imp.sandbox.pandium.com",
          frameAncestors: 'https://app.example.com',
        },
      }),
    ).toContain(
      [
        'Content-Security-Policy (your pages on https://app.example.com)',
        "  frame-src 'self' https://imp.sandbox.pandium.com  (on the pages that hold the iframe)",
        '  frame-ancestors https://app.example.com           (on the launch routes)',
      ].join('\n'),
    );
  });

  it('should say when nothing is wrong', () => {
    expect(
      formatDoctorReport({
        ...REPORT,
        ok: true,
        findings: [REPORT.findings[0]],
      }),
    ).toMatch(/\nNo problem found\.\n$/);
  });
});
