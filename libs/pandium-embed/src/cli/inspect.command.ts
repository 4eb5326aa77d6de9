import { parseArgs } from 'node:util';
import { formatPandiumDiagnosis } from '../diagnosis/pandium-diagnosis.formatter.js';
import { diagnosePandiumToken } from '../diagnosis/pandium-token.diagnosis.js';
import { CliUsageError } from './cli-usage.error.js';

/**
 * What the command reads and writes, so a test can pass its own. The CLI is reached through the
 * `pandium-embed` bin only (no subpath exports it), hence `@internal`.
 *
 * @internal
 */
export interface PandiumCliIo {
  env: Readonly<Record<string, string | undefined>>;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** The time tokens are checked against, in milliseconds. @default Date.now() */
  now?: () => number;
  /** Reads all of standard input, for `inspect -`. */
  readStdin?: () => Promise<string>;
}

/** Exit codes of the `pandium-embed` bin. @internal */
export const PANDIUM_CLI_EXIT = { valid: 0, refused: 1, usage: 2 } as const;

const USAGE = `Usage: pandium-embed inspect <jwt-or-url> [options]
       pandium-embed inspect - [options]     (reads the token or URL from standard input)
       pandium-embed emulator --secret-env NAME [options]   (a local Pandium: pandium-embed emulator --help)
       pandium-embed doctor [--json]          (checks the PANDIUM_* setup: pandium-embed doctor --help)

Checks a Pandium embed token (a bare JWT, or an install or marketplace URL with ?tenant=<jwt>)
and lists every problem with its cause and fix. A token is a credential until it expires: prefer
standard input (\`pbpaste | pandium-embed inspect -\`) to an argument, which shows in \`ps\`.

Options:
  --secret-env NAME   read the shared secret from the environment variable NAME
                      (e.g. PANDIUM_SHARED_SECRET); without it the signature is not checked
  --account NAME      the account slug the URL must carry
  --skew SECONDS      clock-skew allowance for iat and exp (default 30)
  --json              print the diagnosis as JSON
  -h, --help          show this help

There is no --secret option: command-line arguments show in \`ps\` and in shell history.

Exit codes: 0 valid, 1 refused, 2 usage error.
Example: pandium-embed inspect "https://imp.sandbox.pandium.com/acme/tenants/create/1042?tenant=eyJ…" \\
           --secret-env PANDIUM_SHARED_SECRET --account acme
`;

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Runs `pandium-embed` with its arguments (after `node` and the script): `inspect <jwt-or-url> …` or `--help`.
 * Prints the diagnosis (text or JSON) on stdout, usage errors on stderr. Never prints the secret, and never echoes
 * an argument, since one of them is a token.
 *
 * @returns the exit code: 0 valid, 1 refused, 2 usage error.
 * @internal
 */
export async function runInspectCommand(
  argv: readonly string[],
  io: PandiumCliIo,
): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h') {
    io.stdout.write(USAGE);
    return PANDIUM_CLI_EXIT.valid;
  }
  try {
    if (command !== 'inspect') {
      throw new CliUsageError(
        command === undefined
          ? 'a command is required'
          : 'unknown command (the commands are inspect, emulator and doctor)',
      );
    }
    return await inspect(rest, io);
  } catch (error) {
    if (!(error instanceof CliUsageError)) {
      throw error;
    }
    io.stderr.write(
      `pandium-embed: ${error.message}\nRun "pandium-embed inspect --help" for usage.\n`,
    );
    return PANDIUM_CLI_EXIT.usage;
  }
}

async function inspect(args: string[], io: PandiumCliIo): Promise<number> {
  // Checked before parseArgs, whose own error for `--secret` without a value would not say why it is refused.
  if (args.some((arg) => arg === '--secret' || arg.startsWith('--secret='))) {
    throw new CliUsageError(
      '--secret is not accepted: command-line arguments show in `ps` and in shell history. ' +
        'Put the secret in an environment variable and pass its name: --secret-env PANDIUM_SHARED_SECRET',
    );
  }
  const { values, positionals } = parse(args);
  if (values.help === true) {
    io.stdout.write(USAGE);
    return PANDIUM_CLI_EXIT.valid;
  }
  if (positionals.length !== 1) {
    throw new CliUsageError(
      `expected one <jwt-or-url>, got ${positionals.length} (quote a URL: its & and ? mean something to the shell)`,
    );
  }
  const diagnosis = await diagnosePandiumToken(
    await inputFrom(positionals[0], io),
    {
      secret: secretFrom(values['secret-env'], io.env),
      expectedAccount: values.account,
      clockSkewSeconds: skewFrom(values.skew),
      now: io.now?.(),
    },
  );
  if (values.account !== undefined && diagnosis.target === undefined) {
    io.stderr.write(
      'pandium-embed: note: --account is checked against a URL; a bare token carries no account\n',
    );
  }
  io.stdout.write(
    values.json === true
      ? `${JSON.stringify(diagnosis, null, 2)}\n`
      : formatPandiumDiagnosis(diagnosis),
  );
  return diagnosis.valid ? PANDIUM_CLI_EXIT.valid : PANDIUM_CLI_EXIT.refused;
}

async function inputFrom(
  positional: string,
  io: PandiumCliIo,
): Promise<string> {
  if (positional !== '-') {
    return positional;
  }
  const input = (await io.readStdin?.())?.trim();
  if (input === undefined || input === '') {
    throw new CliUsageError(
      'inspect - reads the token or URL from standard input, which was empty',
    );
  }
  return input;
}

function parse(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        'secret-env': { type: 'string' },
        account: { type: 'string' },
        skew: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    // parseArgs names the option, never its value. Its errors may come from another realm (a test VM), so no
    // instanceof check.
    const message = (error as { message?: unknown } | null)?.message;
    throw new CliUsageError(
      typeof message === 'string' ? message : 'bad arguments',
    );
  }
}

function secretFrom(
  name: string | undefined,
  env: PandiumCliIo['env'],
): string | undefined {
  if (name === undefined) {
    return undefined;
  }
  if (!ENV_NAME.test(name)) {
    throw new CliUsageError(
      '--secret-env takes the NAME of an environment variable (e.g. PANDIUM_SHARED_SECRET), not the secret itself',
    );
  }
  const secret = env[name];
  if (secret === undefined || secret === '') {
    // The name is not repeated: a secret made of letters, digits and `_` passes for one (`--secret-env "$SECRET"`).
    const holder = Object.entries(env).find(
      ([variable, value]) => value === name && ENV_NAME.test(variable),
    )?.[0];
    throw new CliUsageError(
      holder === undefined
        ? `the environment variable named by --secret-env is ${secret === undefined ? 'not set' : 'empty'} ` +
            '(pass the name of the variable, e.g. PANDIUM_SHARED_SECRET, not its value)'
        : `what --secret-env was given is the value of ${holder}, not a name: pass --secret-env ${holder}`,
    );
  }
  return secret;
}

function skewFrom(skew: string | undefined): number | undefined {
  if (skew === undefined) {
    return undefined;
  }
  if (!/^\d{1,6}$/.test(skew)) {
    throw new CliUsageError(
      '--skew takes a whole number of seconds, 0 or more',
    );
  }
  return Number(skew);
}
