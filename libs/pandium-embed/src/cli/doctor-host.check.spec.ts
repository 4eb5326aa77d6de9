import { describe, expect, it } from '@jest/globals';
import { resolvePandiumEmbedOptions } from '../options/pandium-embed-options.validator.js';
import { checkDoctorHost } from './doctor-host.check.js';

const options = (more: object = {}) =>
  resolvePandiumEmbedOptions({
    account: 'acme',
    sharedSecret: 'doctor-host-spec-secret-0123456789abcdef',
    ...more,
  });

describe('checkDoctorHost', () => {
  it("should give the environment's host", () => {
    const host = checkDoctorHost(options());
    expect(host.embedOrigin).toBe('https://imp.sandbox.pandium.com');
    expect(host.findings.map(({ check, status }) => [check, status])).toEqual([
      ['host', 'ok'],
    ]);
    expect(host.findings[0].message).toBe(
      'links go to https://imp.sandbox.pandium.com/acme, the sandbox host (PANDIUM_ENVIRONMENT)',
    );
  });

  it('should use PANDIUM_BASE_URL when set', () => {
    const host = checkDoctorHost(
      options({ baseUrl: 'http://localhost:3100/' }),
    );
    expect(host.embedOrigin).toBe('http://localhost:3100');
    expect(host.findings[0].message).toContain('from PANDIUM_BASE_URL');
  });

  it('should raise the .com/.io question in production without PANDIUM_BASE_URL', () => {
    const host = checkDoctorHost(options({ environment: 'production' }));
    expect(host.embedOrigin).toBe('https://imp.pandium.com');
    expect(host.findings).toContainEqual(
      expect.objectContaining({
        check: 'host',
        status: 'note',
        variable: 'PANDIUM_BASE_URL',
        fix: expect.stringContaining('PANDIUM_BASE_URL=https://imp.pandium.io'),
      }),
    );
  });

  it('should not raise it once PANDIUM_BASE_URL names the host', () => {
    const host = checkDoctorHost(
      options({ environment: 'production', baseUrl: 'https://imp.pandium.io' }),
    );
    expect(host.findings.filter(({ check }) => check === 'host')).toHaveLength(
      1,
    );
  });
});
