import { describe, expect, it } from '@jest/globals';
import { resolvePandiumEmbedOptions } from '../options/pandium-embed-options.validator.js';
import {
  checkDoctorBaseUrl,
  pandiumEnvironmentOfHost,
} from './doctor-base-url.check.js';

/** The options as the environment would give them, and the finding for them. */
function check(baseUrl: string | undefined, environment?: string) {
  const options = resolvePandiumEmbedOptions({
    account: 'acme',
    sharedSecret: 'doctor-base-url-spec-secret-0123456789ab',
    ...(baseUrl === undefined ? {} : { baseUrl }),
    ...(environment === undefined ? {} : { environment }),
  });
  return checkDoctorBaseUrl(options, environment);
}

const statuses = (findings: ReturnType<typeof check>) =>
  findings.map(({ status, variable }) => `${status} ${variable ?? '-'}`);

describe('pandiumEnvironmentOfHost', () => {
  it.each([
    ['imp.pandium.com', 'production'],
    ['imp.pandium.io', 'production'],
    ['imp.sandbox.pandium.com', 'sandbox'],
    ['imp.demo.pandium.com', 'demo'],
    ['pandium.io', 'production'],
    ['notpandium.com', undefined],
    ['pandium.com.example.org', undefined],
  ])('should place %s in %s', (host, expected) => {
    expect(pandiumEnvironmentOfHost(host)).toBe(expected);
  });
});

describe('checkDoctorBaseUrl', () => {
  it('should say nothing without PANDIUM_BASE_URL', () => {
    expect(check(undefined, 'production')).toEqual([]);
  });

  it.each([
    ['https://imp.pandium.io', 'production'],
    ['https://imp.pandium.com', 'production'],
    ['https://imp.sandbox.pandium.com', 'sandbox'],
    ['https://imp.sandbox.pandium.com', undefined],
    ['https://imp.demo.pandium.com', 'demo'],
  ])('should be ok with %s and %s', (baseUrl, environment) => {
    expect(statuses(check(baseUrl, environment))).toEqual([
      'ok PANDIUM_BASE_URL',
    ]);
  });

  it('should call production with the sandbox host a problem, with cause and fix', () => {
    const [finding] = check('https://imp.sandbox.pandium.com', 'production');
    expect(finding).toEqual({
      check: 'host',
      status: 'problem',
      variable: 'PANDIUM_ENVIRONMENT',
      message:
        "PANDIUM_BASE_URL is Pandium's sandbox host (https://imp.sandbox.pandium.com) while the environment is production (PANDIUM_ENVIRONMENT)",
      cause: expect.stringContaining(
        'PANDIUM_ENVIRONMENT picks the API host (https://api.pandium.io)',
      ),
      fix: 'set PANDIUM_ENVIRONMENT=sandbox if https://imp.sandbox.pandium.com is right, or set PANDIUM_BASE_URL to https://imp.pandium.com (or unset it)',
    });
  });

  it.each([
    ['https://imp.pandium.com', 'sandbox'],
    ['https://imp.pandium.io', 'sandbox'],
    ['https://imp.pandium.io', undefined],
    ['https://imp.demo.pandium.com', 'sandbox'],
  ])('should call %s with environment %s a problem', (baseUrl, environment) => {
    const findings = check(baseUrl, environment);
    expect(statuses(findings)).toEqual(['problem PANDIUM_ENVIRONMENT']);
    if (environment === undefined) {
      expect(findings[0].message).toContain(
        'the environment is sandbox, the default (PANDIUM_ENVIRONMENT is not set)',
      );
    }
  });

  it('should say the environment picks no host when PANDIUM_API_BASE_URL is set too', () => {
    const options = resolvePandiumEmbedOptions({
      account: 'acme',
      sharedSecret: 'doctor-base-url-spec-secret-0123456789ab',
      baseUrl: 'https://imp.pandium.io',
      apiBaseUrl: 'https://api.pandium.io',
      environment: 'sandbox',
    });
    const [finding] = checkDoctorBaseUrl(options, 'sandbox');
    expect(finding).toMatchObject({
      status: 'problem',
      cause: expect.stringMatching(
        /^PANDIUM_ENVIRONMENT picks no host here \(PANDIUM_BASE_URL and PANDIUM_API_BASE_URL are set\)/,
      ),
    });
  });

  it.each([
    ['http://localhost:3100', undefined],
    ['http://127.0.0.1:3100', 'sandbox'],
    ['http://[::1]:3100', 'demo'],
  ])(
    'should be ok with a local emulator at %s and environment %s',
    (baseUrl, environment) => {
      const findings = check(baseUrl, environment);
      expect(statuses(findings)).toEqual(['ok PANDIUM_BASE_URL']);
      expect(findings[0].message).toContain('the emulator, for development');
    },
  );

  it('should call a local host with production a problem', () => {
    const findings = check('http://localhost:3100', 'production');
    expect(statuses(findings)).toEqual(['problem PANDIUM_ENVIRONMENT']);
    expect(findings[0].fix).toBe(
      'for local development set PANDIUM_ENVIRONMENT=sandbox (or unset it); in production unset PANDIUM_BASE_URL',
    );
  });

  it('should note a host that is neither Pandium nor local, naming the expected host', () => {
    const findings = check('https://pandium-proxy.example.com', 'production');
    expect(statuses(findings)).toEqual(['note PANDIUM_BASE_URL']);
    expect(findings[0].fix).toContain('forwards to https://imp.pandium.com');
  });
});
