import { parseArgs } from 'node:util';
import { probePandiumApi } from '../core/pandium-api.probe.js';
import { PANDIUM_ENV_VARIABLES } from '../options/pandium-embed.config.js';
import type { ResolvedPandiumEmbedOptions } from '../options/pandium-embed-options.validator.js';
import { PandiumUrlBuilder } from '../signing/pandium-url.builder.js';
import { CliUsageError } from './cli-usage.error.js';
import { checkDoctorApi } from './doctor-api.check.js';
import { parseDoctorAppOrigin } from './doctor-app-origin.parser.js';
import { checkDoctorBaseUrl } from './doctor-base-url.check.js';
import { checkDoctorCsp } from './doctor-csp.check.js';
import { checkDoctorEnvironment } from './doctor-environment.check.js';
import { probeFramePolicy } from './doctor-frame-policy.probe.js';
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
  --app-origin ORIGIN the origin your pages are served from (https, or http for localhost): prints the exact
                      Content-Security-Policy values for it, and checks that Pandium's page lets it frame it
  --timeout SECONDS   how long to wait for Pandium's API (default ${DEFAULT_TIMEOUT_SECONDS})
  --json              print the report as JSON
  -h, --help          show this help

Exit codes: 0 no problem, 1 a problem found, 2 usage error.
Example: PANDIUM_ACCOUNT=acme PANDIUM_SHARED_SECRET=… PANDIUM_API_KEY=… pandium-embed doctor \
           --app-origin https://app.example.com
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
  const report = await diagnose(io, values);
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
  { timeoutSeconds, appOrigin }: { timeoutSeconds: number; appOrigin?: string },
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
      ...(appOrigin === undefined ? {} : { appOrigin }),
      findings,
    };
  }
  const host = checkDoctorHost(options);
  const [probe, framePolicy] = await Promise.all([
    probePandiumApi({
      apiBaseUrl: options.apiBaseUrl,
      apiKey: options.apiKey,
      timeoutMs: timeoutSeconds * 1000,
      now: io.now ?? Date.now,
    }),
    appOrigin === undefined
      ? undefined
      : probeFramePolicy(pandiumPageUrl(options), timeoutSeconds * 1000),
  ]);
  const api = checkDoctorApi(options, probe);
  const csp = checkDoctorCsp(host.embedOrigin, appOrigin, framePolicy);
  findings.push(
    ...host.findings,
    ...checkDoctorBaseUrl(
      options,
      io.env[PANDIUM_ENV_VARIABLES.environment] || undefined,
    ),
    ...api.findings,
    ...csp.findings,
  );
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
    ...(appOrigin === undefined ? {} : { appOrigin }),
    contentSecurityPolicy: csp.contentSecurityPolicy,
    findings,
  };
}

/** The page Pandium serves for the account (the marketplace, without a token): who may frame it. */
function pandiumPageUrl(options: ResolvedPandiumEmbedOptions): string {
  const url = new URL(new PandiumUrlBuilder(options).marketplaceUrl(''));
  url.search = '';
  return url.href;
}

/** The options, checked; `--timeout` as whole seconds 1–120, `--app-origin` as an origin. */
function parse(args: readonly string[]): {
  help: boolean;
  json: boolean;
  timeoutSeconds: number;
  appOrigin?: string;
} {
  let values: {
    help?: boolean;
    json?: boolean;
    timeout?: string;
    'app-origin'?: string;
  };
  try {
    ({ values } = parseArgs({
      args: [...args],
      allowPositionals: false,
      strict: true,
      options: {
        timeout: { type: 'string' },
        'app-origin': { type: 'string' },
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
  const appOrigin = values['app-origin'];
  return {
    help: values.help === true,
    json: values.json === true,
    timeoutSeconds:
      timeout === undefined ? DEFAULT_TIMEOUT_SECONDS : Number(timeout),
    ...(appOrigin === undefined
      ? {}
      : { appOrigin: parseDoctorAppOrigin(appOrigin) }),
  };
}
