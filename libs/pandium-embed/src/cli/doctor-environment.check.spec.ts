import { describe, expect, it, jest } from '@jest/globals';
import { createHash } from 'node:crypto';
import { checkDoctorEnvironment } from './doctor-environment.check.js';

const SECRET = 'doctor-env-spec-secret-0123456789abcdefgh';
const API_KEY = 'doctor-env-spec-api-key-SENSITIVE';
const GOOD = {
  NODE_ENV: 'development',
  PANDIUM_ACCOUNT: 'acme',
  PANDIUM_SHARED_SECRET: SECRET,
  PANDIUM_API_KEY: API_KEY,
};

const problemsOf = (env: Record<string, string | undefined>) =>
  checkDoctorEnvironment(env)
    .findings.filter(({ status }) => status === 'problem')
    .map(({ check, variable }) => ({ check, variable }));

describe('checkDoctorEnvironment', () => {
  describe('a valid environment', () => {
    const checked = checkDoctorEnvironment(GOOD);

    it('should find no problem and resolve the options as the module would', () => {
      expect(problemsOf(GOOD)).toEqual([]);
      expect(checked.options).toMatchObject({
        account: 'acme',
        environment: 'sandbox',
        apiBaseUrl: 'https://api.sandbox.pandium.com',
        clockSkewSeconds: 5,
      });
    });

    it("should give the secret's fingerprint, the first 8 hex characters of its SHA-256", () => {
      const expected = createHash('sha256')
        .update(SECRET)
        .digest('hex')
        .slice(0, 8);
      expect(checked.secretFingerprint).toBe(expected);
      expect(
        checked.findings.find(({ check }) => check === 'secret')?.message,
      ).toContain(`SHA-256 starts ${expected}`);
    });

    it('should list every variable, with the values of those that hold no secret', () => {
      expect(checked.variables).toContainEqual({
        name: 'PANDIUM_ACCOUNT',
        set: true,
        value: 'acme',
      });
      expect(checked.variables).toContainEqual({
        name: 'PANDIUM_SHARED_SECRET',
        set: true,
      });
      expect(checked.variables).toContainEqual({
        name: 'PANDIUM_API_KEY',
        set: true,
      });
      expect(checked.variables).toContainEqual({
        name: 'PANDIUM_BASE_URL',
        set: false,
      });
      const text = JSON.stringify(checked);
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(API_KEY);
    });
  });

  describe('problems, each naming its variable', () => {
    it.each<[string, Record<string, string | undefined>, object[]]>([
      [
        'a missing secret outside production (the module would sign with a random one)',
        { ...GOOD, PANDIUM_SHARED_SECRET: undefined },
        [{ check: 'secret', variable: 'PANDIUM_SHARED_SECRET' }],
      ],
      [
        'a short secret',
        { ...GOOD, PANDIUM_SHARED_SECRET: 'short' },
        [{ check: 'secret', variable: 'PANDIUM_SHARED_SECRET' }],
      ],
      [
        'a missing account outside production (the module would use the demo slug)',
        { ...GOOD, PANDIUM_ACCOUNT: '' },
        [{ check: 'environment', variable: 'PANDIUM_ACCOUNT' }],
      ],
      [
        'both missing in production, once each',
        {
          NODE_ENV: 'production',
          PANDIUM_ACCOUNT: undefined,
          PANDIUM_SHARED_SECRET: undefined,
        },
        [
          { check: 'environment', variable: 'PANDIUM_ACCOUNT' },
          { check: 'secret', variable: 'PANDIUM_SHARED_SECRET' },
        ],
      ],
      [
        'a bad number, environment and URL',
        {
          ...GOOD,
          PANDIUM_TOKEN_TTL_SECONDS: 'soon',
          PANDIUM_ENVIRONMENT: 'staging',
          PANDIUM_API_BASE_URL: 'http://api.example.test',
        },
        [
          { check: 'environment', variable: 'PANDIUM_TOKEN_TTL_SECONDS' },
          { check: 'environment', variable: 'PANDIUM_ENVIRONMENT' },
          { check: 'environment', variable: 'PANDIUM_API_BASE_URL' },
        ],
      ],
    ])('should report %s', (_, env, expected) => {
      expect(problemsOf(env)).toEqual(expected);
    });

    it('should say cause and fix, and leave the options out', () => {
      const checked = checkDoctorEnvironment({
        ...GOOD,
        PANDIUM_SHARED_SECRET: 'short',
      });
      expect(checked.options).toBeUndefined();
      expect(checked.secretFingerprint).toBeUndefined();
      expect(
        checked.findings.find(({ status }) => status === 'problem'),
      ).toMatchObject({
        message: expect.stringMatching(
          /^PANDIUM_SHARED_SECRET must be at least 32 bytes/,
        ),
        cause: expect.any(String),
        fix: 'correct PANDIUM_SHARED_SECRET as the message says',
      });
    });
  });

  it('should write nothing to the console for a missing secret (--json output stays JSON)', () => {
    const stdout = jest.spyOn(process.stdout, 'write').mockReturnValue(true);
    const stderr = jest.spyOn(process.stderr, 'write').mockReturnValue(true);
    try {
      checkDoctorEnvironment({ ...GOOD, PANDIUM_SHARED_SECRET: undefined });
      expect([...stdout.mock.calls, ...stderr.mock.calls]).toEqual([]);
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }
  });

  it('should say that the webhook secrets are set, never what they are', () => {
    const webhookSecrets =
      'doctor-env-spec-webhook-SENSITIVE-0123456789,doctor-env-spec-webhook-SENSITIVE-abcdefghij';
    const checked = checkDoctorEnvironment({
      ...GOOD,
      PANDIUM_WEBHOOK_SECRET: webhookSecrets,
    });
    expect(checked.variables).toContainEqual({
      name: 'PANDIUM_WEBHOOK_SECRET',
      set: true,
    });
    expect(JSON.stringify(checked)).not.toContain('SENSITIVE');
  });

  it('should not print a secret pasted into another variable', () => {
    const checked = checkDoctorEnvironment({
      ...GOOD,
      PANDIUM_ACCOUNT: API_KEY,
    });
    expect(checked.variables).toContainEqual({
      name: 'PANDIUM_ACCOUNT',
      set: true,
    });
  });
});
