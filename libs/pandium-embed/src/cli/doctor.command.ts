import { parseArgs } from 'node:util';
import { probePandiumApi } from '../core/pandium-api.probe.js';
import { CliUsageError } from './cli-usage.error.js';
import { checkDoctorApi } from './doctor-api.check.js';
import { checkDoctorEnvironment } from './doctor-environment.check.js';
import { checkDoctorHost } from './doctor-host.check.js';
import type { DoctorFinding, DoctorReport } from './doctor-report.interface.js';
import { formatDoctorReport } from './doctor-report.formatter.js';
import type { PandiumCliIo } from './inspect.command.js';
import { PANDIUM_CLI_EXIT } from './inspect.command.js';

/** How long doctor waits for Pandium's API by default, in seconds. */
const DEFAULT_TIMEOUT_SECONDS = 5;

const USAGE = `Usage: pandium-embed doctor [options]

Reads the PANDIUM_* environment variables as pandiumConfig does and checks the setup before the first user does:
each variable present and valid, the shared secret's fingerprint (never the secret), the host links go to, the API
key (one GET /v2/integrations?limit=1 on Pandium's API), this machine's clock against Pandium's, and the
Content-Security-Policy values your pages need. Each problem comes with its cause and fix.

Options:
  --timeout SECONDS   how long to wait for Pandium's API (default ${DEFAULT_TIMEOUT_SECONDS})
  --json              print the report as JSON
  -h, --help          show this help

Exit codes: 0 no problem, 1 a problem found, 2 usage error.
Example: PANDIUM_ACCOUNT=acme PANDIUM_SHARED_SECRET=… PANDIUM_API_KEY=… pandium-embed doctor
`;

/**
 * Runs `pandium-embed doctor` with its arguments (after `doctor`): prints the report (text or `--json`) on stdout,
 * usage errors on stderr. Never prints the shared secret, the API key or a token.
 *
 * @returns the exit code: 0 no problem, 1 a problem found, 2 usage error.
 * @internal
 */
export async function runDoctorCommand(
  args: readonly string[],
  io: PandiumCliIo,
): Promise<number> {
  let values: ReturnType<typeof parse>;
  try {
    values = parse(args);
  } catch (error) {
    if (!(error instanceof CliUsageError)) {
      throw error;
    }
    io.stderr.write(
      `pandium-embed: ${error.message}\nRun "pandium-embed doctor --help" for usage.\n`,
    );
    return PANDIUM_CLI_EXIT.usage;
  }
  if (values.help) {
    io.stdout.write(USAGE);
    return PANDIUM_CLI_EXIT.valid;
  }
  const report = await diagnose(io, values.timeoutSeconds);
  io.stdout.write(
    values.json
      ? `${JSON.stringify(report, null, 2)}\n`
      : formatDoctorReport(report),
  );
  return report.ok ? PANDIUM_CLI_EXIT.valid : PANDIUM_CLI_EXIT.refused;
}

/** Every check, in order; the host and API checks need valid variables. */
async function diagnose(
  io: PandiumCliIo,
  timeoutSeconds: number,
): Promise<DoctorReport> {
  const environment = checkDoctorEnvironment(io.env);
  const findings: DoctorFinding[] = [...environment.findings];
  const { options } = environment;
  if (options === undefined) {
    findings.push({
      check: 'api-key',
      status: 'skipped',
      message:
        'the host, the API key and the clock are checked once the variables above are valid',
    });
    return {
      ok: false,
      variables: environment.variables,
      findings,
    };
  }
  const host = checkDoctorHost(options);
  const probe = await probePandiumApi({
    apiBaseUrl: options.apiBaseUrl,
    apiKey: options.apiKey,
    timeoutMs: timeoutSeconds * 1000,
    now: io.now ?? Date.now,
  });
  const api = checkDoctorApi(options, probe);
  findings.push(...host.findings, ...api.findings);
  return {
    ok: findings.every(({ status }) => status !== 'problem'),
    variables: environment.variables,
    ...(environment.secretFingerprint === undefined
      ? {}
      : { secretFingerprint: environment.secretFingerprint }),
    embedOrigin: host.embedOrigin,
    apiBaseUrl: options.apiBaseUrl,
    ...(api.clockSkew === undefined
      ? {}
      : {
          clockSkew: {
            offsetMs: api.clockSkew.offsetMs,
            allowanceSeconds: api.clockSkew.allowanceSeconds,
          },
        }),
    contentSecurityPolicy: host.contentSecurityPolicy,
    findings,
  };
}

/** The options, checked; `--timeout` as whole seconds 1–120. */
function parse(args: readonly string[]): {
  help: boolean;
  json: boolean;
  timeoutSeconds: number;
} {
  let values: { help?: boolean; json?: boolean; timeout?: string };
  try {
    ({ values } = parseArgs({
      args: [...args],
      allowPositionals: false,
      strict: true,
      options: {
        timeout: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    // parseArgs names the option, never a value; its errors may come from another realm, so no instanceof.
    const message = (error as { message?: unknown } | null)?.message;
    throw new CliUsageError(
      typeof message === 'string' ? message : 'bad arguments',
    );
  }
  const timeout = values.timeout;
  if (
    timeout !== undefined &&
    !/^(?:[1-9]|[1-9]\d|1[01]\d|120)$/.test(timeout)
  ) {
    throw new CliUsageError(
      '--timeout takes a whole number of seconds, 1 to 120',
    );
  }
  return {
    help: values.help === true,
    json: values.json === true,
    timeoutSeconds:
      timeout === undefined ? DEFAULT_TIMEOUT_SECONDS : Number(timeout),
  };
}
