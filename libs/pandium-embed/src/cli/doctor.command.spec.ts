import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  closedOrigin,
  startFakePandiumApi,
} from '../core/fake-pandium-api.spec-utils.js';
import type { FakePandiumApi } from '../core/fake-pandium-api.spec-utils.js';
import { runDoctorCommand } from './doctor.command.js';
import type { DoctorReport } from './doctor-report.interface.js';

const SECRET = 'doctor-command-spec-secret-0123456789abcd';
const API_KEY = 'doctor-command-spec-key-SENSITIVE';

describe('runDoctorCommand', () => {
  let api: FakePandiumApi;
  let env: Record<string, string | undefined>;
  beforeAll(async () => {
    api = await startFakePandiumApi({ apiKey: API_KEY });
    env = {
      NODE_ENV: 'development',
      PANDIUM_ACCOUNT: 'acme',
      PANDIUM_SHARED_SECRET: SECRET,
      PANDIUM_API_KEY: API_KEY,
      PANDIUM_API_BASE_URL: api.origin,
    };
  });
  afterAll(() => api.close());

  async function run(
    args: string[],
    more: Record<string, string | undefined> = {},
    now?: () => number,
  ) {
    let stdout = '';
    let stderr = '';
    const code = await runDoctorCommand(args, {
      env: { ...env, ...more },
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      ...(now === undefined ? {} : { now }),
    });
    expect(stdout + stderr).not.toContain(SECRET);
    expect(stdout + stderr).not.toContain(API_KEY);
    return { code, stdout, stderr };
  }

  const problems = (stdout: string) =>
    (JSON.parse(stdout) as DoctorReport).findings
      .filter(({ status }) => status === 'problem')
      .map(({ check, variable }) => `${check} ${variable ?? '-'}`);

  it('should exit 0 for a good setup, and print the report for people', async () => {
    const { code, stdout } = await run([]);
    expect(code).toBe(0);
    expect(stdout).toContain(
      `ok       Pandium's API accepted PANDIUM_API_KEY: GET ${api.origin}/v2/integrations?limit=1 answered 200`,
    );
    expect(stdout).toMatch(/\nNo problem found\.\n$/);
  });

  it('should print the report as JSON with --json', async () => {
    const { code, stdout } = await run(['--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      ok: true,
      embedOrigin: 'https://imp.sandbox.pandium.com',
      apiBaseUrl: api.origin,
      secretFingerprint: expect.stringMatching(/^[0-9a-f]{8}$/),
      clockSkew: { allowanceSeconds: 5 },
      contentSecurityPolicy: {
        frameSrc: "'self' https://imp.sandbox.pandium.com",
        frameAncestors: "'self'",
      },
    });
  });

  it.each<[string, Record<string, string | undefined>, string[]]>([
    [
      'a refused API key',
      { PANDIUM_API_KEY: 'not-the-key' },
      ['api-key PANDIUM_API_KEY'],
    ],
    [
      'a short secret',
      { PANDIUM_SHARED_SECRET: 'short' },
      ['secret PANDIUM_SHARED_SECRET'],
    ],
    [
      'a missing secret',
      { PANDIUM_SHARED_SECRET: undefined },
      ['secret PANDIUM_SHARED_SECRET'],
    ],
  ])('should exit 1 for %s, naming the variable', async (_, more, expected) => {
    const { code, stdout } = await run(['--json'], more);
    expect(code).toBe(1);
    expect(problems(stdout)).toEqual(expected);
  });

  it('should exit 1 for an API out of reach, naming PANDIUM_API_BASE_URL', async () => {
    const { code, stdout } = await run(['--json'], {
      PANDIUM_API_BASE_URL: await closedOrigin(),
    });
    expect(code).toBe(1);
    expect(problems(stdout)).toEqual(['api-key PANDIUM_API_BASE_URL']);
  });

  it("should exit 1 for a clock a minute ahead of Pandium's", async () => {
    const { code, stdout } = await run(
      ['--json'],
      {},
      () => Date.now() + 60_000,
    );
    expect(code).toBe(1);
    expect(problems(stdout)).toEqual(['clock -']);
  });

  it('should skip the API key with a note when none is set, and still exit 0', async () => {
    const { code, stdout } = await run([], { PANDIUM_API_KEY: undefined });
    expect(code).toBe(0);
    expect(stdout).toContain(
      'skipped  PANDIUM_API_KEY is not set: the key check is skipped',
    );
  });

  it('should give the exact CSP values for --app-origin, and check who may frame Pandium', async () => {
    const { code, stdout } = await run(
      ['--json', '--app-origin', 'http://localhost:3000/'],
      { PANDIUM_BASE_URL: api.origin },
    );
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as DoctorReport;
    expect(report).toMatchObject({
      appOrigin: 'http://localhost:3000',
      contentSecurityPolicy: {
        frameSrc: `'self' ${api.origin}`,
        frameAncestors: 'http://localhost:3000',
      },
    });
    expect(report.findings).toContainEqual({
      check: 'csp',
      status: 'ok',
      message: `Pandium's page lets http://localhost:3000 frame it: GET ${api.origin}/acme answered 401 with no frame-ancestors nor X-Frame-Options`,
    });
  });

  it('should exit 1 for an https app framing an http Pandium (mixed content)', async () => {
    const { code, stdout } = await run(
      ['--json', '--app-origin', 'https://app.example.com'],
      { PANDIUM_BASE_URL: api.origin },
    );
    expect(code).toBe(1);
    expect(problems(stdout)).toEqual(['csp -']);
  });

  it('should exit 1 when PANDIUM_BASE_URL and PANDIUM_ENVIRONMENT disagree, naming PANDIUM_ENVIRONMENT', async () => {
    const { code, stdout } = await run(['--json'], {
      PANDIUM_BASE_URL: 'https://imp.pandium.io',
      PANDIUM_ENVIRONMENT: 'sandbox',
    });
    expect(code).toBe(1);
    expect(problems(stdout)).toEqual(['host PANDIUM_ENVIRONMENT']);
  });

  it('should show --help and exit 0', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: pandium-embed doctor/);
  });

  it.each([
    [['--secret', 'x']],
    [['extra']],
    [['--timeout', '0']],
    [['--timeout', 'soon']],
    [['--app-origin']],
    [['--app-origin', 'http://app.example.com']],
    [['--app-origin', 'https://app.example.com/page']],
  ])('should exit 2 for %j', async (args) => {
    const { code, stderr } = await run(args);
    expect(code).toBe(2);
    expect(stderr).toContain('Run "pandium-embed doctor --help" for usage.');
  });

  it('should name --app-origin, not its value, in the usage error', async () => {
    const { stderr } = await run(['--app-origin', 'http://app.example.com']);
    expect(stderr).toContain('--app-origin takes an origin');
    expect(stderr).not.toContain('app.example.com');
  });
});
