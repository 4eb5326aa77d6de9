// `pandium-embed doctor` against the real emulator (pandium-embed/emulator) as Pandium: a good setup exits 0, and
// each broken one exits 1 naming what to change. A skewed clock is faked with a tiny server answering an old Date.
import { startPandiumEmulator } from 'pandium-embed/emulator';
import type { PandiumEmulator } from 'pandium-embed/emulator';
import { runDoctorCommand } from '../libs/pandium-embed/src/cli/doctor.command.js';
import type { DoctorReport } from '../libs/pandium-embed/src/cli/doctor-report.interface.js';
import { startFakePandiumApi } from '../libs/pandium-embed/src/core/fake-pandium-api.spec-utils.js';
import type { FakePandiumApi } from '../libs/pandium-embed/src/core/fake-pandium-api.spec-utils.js';
import { capturingLogger } from './support/capturing.logger.js';
import { TEST_ACCOUNT, TEST_PANDIUM_SECRET } from './support/example-app.js';

const API_KEY = 'doctor-e2e-api-key-SENSITIVE-8d1f';

let emulator: PandiumEmulator;
let goodEnv: Record<string, string>;

beforeAll(async () => {
  emulator = await startPandiumEmulator({
    account: TEST_ACCOUNT,
    sharedSecret: TEST_PANDIUM_SECRET,
    hostOrigin: 'http://localhost:3000',
    apiKey: API_KEY,
    port: 0,
    logger: capturingLogger,
  });
  goodEnv = {
    NODE_ENV: 'development',
    PANDIUM_ACCOUNT: TEST_ACCOUNT,
    PANDIUM_SHARED_SECRET: TEST_PANDIUM_SECRET,
    PANDIUM_BASE_URL: emulator.origin,
    PANDIUM_API_KEY: API_KEY,
    PANDIUM_API_BASE_URL: emulator.origin,
  };
});

afterAll(async () => {
  await emulator.close();
});

/** Runs `pandium-embed doctor` with `args` and the good environment changed by `more`. */
async function doctor(
  args: string[],
  more: Record<string, string | undefined> = {},
): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runDoctorCommand(args, {
    env: { ...goodEnv, ...more },
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  for (const secret of [TEST_PANDIUM_SECRET, API_KEY]) {
    expect(stdout + stderr).not.toContain(secret);
  }
  expect(stderr).toBe('');
  return { code, stdout };
}

/** `<check> <variable>` of each problem in a JSON report. */
const problemsIn = (stdout: string): string[] =>
  (JSON.parse(stdout) as DoctorReport).findings
    .filter(({ status }) => status === 'problem')
    .map(({ check, variable }) => `${check} ${variable ?? '-'}`);

describe('pandium-embed doctor against the emulator (e2e)', () => {
  it('should exit 0 for a good setup: key accepted, clock in step, the emulator as the host', async () => {
    const { code, stdout } = await doctor(['--json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as DoctorReport;
    expect(report).toMatchObject({
      ok: true,
      embedOrigin: emulator.origin,
      apiBaseUrl: emulator.origin,
      contentSecurityPolicy: { frameSrc: `'self' ${emulator.origin}` },
    });
    expect(
      report.findings
        .filter(({ check }) => check === 'api-key' || check === 'clock')
        .map(({ check, status }) => `${check} ${status}`),
    ).toEqual(['api-key ok', 'clock ok']);
  });

  it('should print the same for people, ending with the verdict', async () => {
    const { code, stdout } = await doctor([]);
    expect(code).toBe(0);
    expect(stdout).toContain(
      `Pandium's API accepted PANDIUM_API_KEY: GET ${emulator.origin}/v2/integrations?limit=1 answered 200`,
    );
    expect(stdout).toMatch(/\nNo problem found\.\n$/);
  });

  it('should exit 1 for a key the emulator refuses, naming PANDIUM_API_KEY', async () => {
    const { code, stdout } = await doctor(['--json'], {
      PANDIUM_API_KEY: `${API_KEY}-revoked`,
    });
    expect(code).toBe(1);
    expect(problemsIn(stdout)).toEqual(['api-key PANDIUM_API_KEY']);
  });

  it.each([
    ['missing', undefined],
    ['short', 'too-short-secret'],
  ])(
    'should exit 1 for a %s secret, naming PANDIUM_SHARED_SECRET',
    async (_, secret) => {
      const { code, stdout } = await doctor(['--json'], {
        PANDIUM_SHARED_SECRET: secret,
      });
      expect(code).toBe(1);
      expect(problemsIn(stdout)).toEqual(['secret PANDIUM_SHARED_SECRET']);
    },
  );

  it('should exit 1 for an API out of reach, naming PANDIUM_API_BASE_URL', async () => {
    const stopped = await startPandiumEmulator({
      account: TEST_ACCOUNT,
      sharedSecret: TEST_PANDIUM_SECRET,
      hostOrigin: 'http://localhost:3000',
      apiKey: API_KEY,
      port: 0,
      logger: capturingLogger,
    });
    await stopped.close();
    const { code, stdout } = await doctor(['--json'], {
      PANDIUM_API_BASE_URL: stopped.origin,
    });
    expect(code).toBe(1);
    expect(problemsIn(stdout)).toEqual(['api-key PANDIUM_API_BASE_URL']);
  });

  describe('--app-origin (the emulator lets only http://localhost:3000 frame its pages)', () => {
    it('should exit 0 for the origin the emulator allows, with the exact CSP values', async () => {
      const { code, stdout } = await doctor([
        '--json',
        '--app-origin',
        'http://localhost:3000',
      ]);
      expect(code).toBe(0);
      const report = JSON.parse(stdout) as DoctorReport;
      expect(report).toMatchObject({
        appOrigin: 'http://localhost:3000',
        contentSecurityPolicy: {
          frameSrc: `'self' ${emulator.origin}`,
          frameAncestors: 'http://localhost:3000',
        },
      });
      expect(report.findings).toContainEqual(
        expect.objectContaining({
          check: 'csp',
          status: 'ok',
          message: expect.stringContaining(
            'with frame-ancestors http://localhost:3000',
          ),
        }),
      );
    });

    it('should print the values for people under the origin', async () => {
      const { code, stdout } = await doctor([
        '--app-origin',
        'http://localhost:3000',
      ]);
      expect(code).toBe(0);
      expect(stdout).toContain(
        'Content-Security-Policy (your pages on http://localhost:3000)\n' +
          `  frame-src 'self' ${emulator.origin}`,
      );
      expect(stdout).toContain('  frame-ancestors http://localhost:3000 ');
    });

    it('should exit 1 for an origin the emulator does not allow, naming --host-origin', async () => {
      const { code, stdout } = await doctor([
        '--json',
        '--app-origin',
        'http://localhost:4000',
      ]);
      expect(code).toBe(1);
      expect(problemsIn(stdout)).toEqual(['csp -']);
      const report = JSON.parse(stdout) as DoctorReport;
      expect(
        report.findings.find(({ status }) => status === 'problem')?.fix,
      ).toContain(
        'start the emulator with --host-origin http://localhost:4000',
      );
    });

    it('should exit 1 for an https app framing the http emulator: mixed content, and not allowed', async () => {
      const { code, stdout } = await doctor([
        '--json',
        '--app-origin',
        'https://app.example.com',
      ]);
      expect(code).toBe(1);
      const problems = (JSON.parse(stdout) as DoctorReport).findings.filter(
        ({ status }) => status === 'problem',
      );
      expect(problems.map(({ message }) => message)).toEqual([
        `the https page https://app.example.com would frame Pandium's page over http (${emulator.origin})`,
        expect.stringMatching(
          /^Pandium's page does not let https:\/\/app\.example\.com frame it/,
        ),
      ]);
    });

    it('should exit 2 for an http origin that is not localhost', async () => {
      let stderr = '';
      const code = await runDoctorCommand(
        ['--app-origin', 'http://app.example.com'],
        {
          env: goodEnv,
          stdout: { write: () => true },
          stderr: { write: (text: string) => (stderr += text) },
        },
      );
      expect(code).toBe(2);
      expect(stderr).toContain('--app-origin takes an origin');
    });
  });

  describe('PANDIUM_BASE_URL against PANDIUM_ENVIRONMENT', () => {
    it('should say the emulator fits sandbox', async () => {
      const { code, stdout } = await doctor(['--json'], {
        PANDIUM_ENVIRONMENT: 'sandbox',
      });
      expect(code).toBe(0);
      expect((JSON.parse(stdout) as DoctorReport).findings).toContainEqual({
        check: 'host',
        status: 'ok',
        variable: 'PANDIUM_BASE_URL',
        message:
          'PANDIUM_BASE_URL is on this machine (the emulator, for development) and the environment is sandbox (PANDIUM_ENVIRONMENT): fine',
      });
    });

    it('should exit 1 for the emulator with production, naming PANDIUM_ENVIRONMENT', async () => {
      const { code, stdout } = await doctor(['--json'], {
        PANDIUM_ENVIRONMENT: 'production',
      });
      expect(code).toBe(1);
      expect(problemsIn(stdout)).toEqual(['host PANDIUM_ENVIRONMENT']);
    });

    it("should exit 1 for Pandium's sandbox host with production", async () => {
      const { code, stdout } = await doctor(['--json'], {
        PANDIUM_BASE_URL: 'https://imp.sandbox.pandium.com',
        PANDIUM_ENVIRONMENT: 'production',
      });
      expect(code).toBe(1);
      expect(problemsIn(stdout)).toEqual(['host PANDIUM_ENVIRONMENT']);
    });
  });

  describe("with Pandium's clock two minutes behind", () => {
    let server: FakePandiumApi;
    beforeAll(async () => {
      // Answers as the API would (200 to the key), with a Date two minutes old.
      server = await startFakePandiumApi({
        apiKey: API_KEY,
        date: () => new Date(Date.now() - 120_000).toUTCString(),
      });
    });
    afterAll(async () => {
      await server.close();
    });

    it('should exit 1 with a clock problem, giving the skew and the allowance', async () => {
      const { code, stdout } = await doctor(['--json'], {
        PANDIUM_API_BASE_URL: server.origin,
      });
      expect(code).toBe(1);
      expect(problemsIn(stdout)).toEqual(['clock -']);
      const report = JSON.parse(stdout) as DoctorReport;
      expect(report.clockSkew?.allowanceSeconds).toBe(5);
      expect(report.clockSkew?.offsetMs).toBeGreaterThan(115_000);
    });
  });
});
