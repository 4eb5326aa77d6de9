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
  ])('should exit 2 for %j', async (args) => {
    const { code, stderr } = await run(args);
    expect(code).toBe(2);
    expect(stderr).toContain('Run "pandium-embed doctor --help" for usage.');
  });
});
