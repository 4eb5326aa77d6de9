import { parseArgs } from 'node:util';
import {
  DEFAULT_EMULATOR_HOST,
  DEFAULT_EMULATOR_PORT,
  EMULATOR_ACCOUNT_PATTERN,
} from '../emulator/pandium-emulator.constants.js';
import { isOrigin } from '../emulator/pandium-emulator.options.js';
import { PANDIUM_DEVELOPMENT_ACCOUNT } from '../options/pandium-embed.config.js';
import { CliUsageError } from './cli-usage.error.js';

/**
 * The environment variable each flag of `pandium-embed emulator` falls back to (the flag wins when both are set).
 *
 * @internal
 */
export const EMULATOR_COMMAND_VARIABLES = {
  secretEnv: 'PANDIUM_EMULATOR_SECRET_ENV',
  account: 'PANDIUM_ACCOUNT',
  integrations: 'PANDIUM_EMULATOR_INTEGRATIONS',
  port: 'PANDIUM_EMULATOR_PORT',
  hostOrigin: 'PANDIUM_EMULATOR_HOST_ORIGIN',
  apiKeyEnv: 'PANDIUM_EMULATOR_API_KEY_ENV',
  listenHost: 'PANDIUM_EMULATOR_HOST',
  webhookUrl: 'PANDIUM_EMULATOR_WEBHOOK_URL',
} as const;

/** The host page allowed to frame the emulator when neither `--host-origin` nor its variable is set. */
const DEFAULT_HOST_ORIGIN = 'http://localhost:3000';

/**
 * What `pandium-embed emulator` was asked for, checked. The secret and the API key are read from the variables
 * named, and hidden from enumeration (a dump of the settings never shows them).
 *
 * @internal
 */
export interface EmulatorCommandSettings {
  /** The variable the secret came from, for messages. */
  readonly secretEnv: string;
  readonly sharedSecret: string;
  readonly account: string;
  /** The JSON file of integrations to read, when given. */
  readonly integrationsFile?: string;
  readonly port: number;
  readonly hostOrigin: string;
  /** The variable the API key came from, when given. */
  readonly apiKeyEnv?: string;
  readonly apiKey?: string;
  readonly listenHost: string;
  /** Where to post the webhooks, when given. Hidden from enumeration: the URL may carry a secret. */
  readonly webhookUrl?: string;
  /** `--help` was asked for: nothing else is checked. */
  readonly help: boolean;
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A name shaped as environment variables are by convention (`PANDIUM_SHARED_SECRET`): only such a name is repeated
 * in a message. A random secret passed by mistake in its place has lower-case letters or symbols.
 */
const CONVENTIONAL_NAME = /^[A-Z][A-Z0-9_]{0,63}$/;

type Env = Readonly<Record<string, string | undefined>>;

function parse(args: readonly string[]) {
  try {
    return parseArgs({
      args: [...args],
      allowPositionals: false,
      strict: true,
      options: {
        'secret-env': { type: 'string' },
        account: { type: 'string' },
        integrations: { type: 'string' },
        port: { type: 'string' },
        'host-origin': { type: 'string' },
        'api-key-env': { type: 'string' },
        'listen-host': { type: 'string' },
        'webhook-url': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    // parseArgs names the option, never its value; its errors may come from another realm (a test VM).
    const message = (error as { message?: unknown } | null)?.message;
    throw new CliUsageError(
      typeof message === 'string' ? message : 'bad arguments',
    );
  }
}

/** A flag's value, or its variable's, or undefined; an empty value counts as not given. */
function pick(flag: string | undefined, env: Env, variable: string) {
  const value = flag ?? env[variable];
  return value === undefined || value === '' ? undefined : value;
}

/** The value of the variable a `--…-env` flag names; `what` says what it holds. */
function fromVariable(
  flag: string,
  name: string,
  env: Env,
  what: string,
): string {
  if (!ENV_NAME.test(name)) {
    throw new CliUsageError(
      `${flag} takes the NAME of an environment variable holding ${what}, not the value itself`,
    );
  }
  const value = env[name];
  if (value === undefined || value === '') {
    const state = value === undefined ? 'is not set' : 'is empty';
    throw new CliUsageError(
      CONVENTIONAL_NAME.test(name)
        ? `${flag}: the environment variable ${name} ${state}: set it to ${what}`
        : `${flag}: the environment variable it names ${state} (pass the name of a variable, e.g. ` +
            `PANDIUM_SHARED_SECRET, not its value)`,
    );
  }
  return value;
}

function portFrom(value: string | undefined): number {
  if (value === undefined) {
    return DEFAULT_EMULATOR_PORT;
  }
  const port = /^\d{1,5}$/.test(value) ? Number(value) : -1;
  if (port < 0 || port > 65535) {
    throw new CliUsageError(
      `--port (or ${EMULATOR_COMMAND_VARIABLES.port}) must be a port number from 0 (any free port) to 65535`,
    );
  }
  return port;
}

/**
 * Reads the flags of `pandium-embed emulator`, each falling back to the variable {@link EMULATOR_COMMAND_VARIABLES}
 * names, and checks them.
 *
 * @throws {CliUsageError} naming the flag (and its variable) that is missing or wrong, never a value.
 * @internal
 */
export function parseEmulatorFlags(
  args: readonly string[],
  env: Env,
): EmulatorCommandSettings {
  if (args.some((arg) => /^--(secret|api-key)(=|$)/.test(arg))) {
    throw new CliUsageError(
      '--secret and --api-key are not accepted: command-line arguments show in `ps` and in shell history. ' +
        'Put the value in an environment variable and pass its name: --secret-env NAME, --api-key-env NAME',
    );
  }
  const flags = parse(args);
  const vars = EMULATOR_COMMAND_VARIABLES;
  if (flags.help === true) {
    return { help: true } as EmulatorCommandSettings;
  }
  const secretEnv = pick(flags['secret-env'], env, vars.secretEnv);
  if (secretEnv === undefined) {
    throw new CliUsageError(
      `--secret-env NAME is required (or ${vars.secretEnv}=NAME): the environment variable holding the ` +
        'shared secret your app signs with',
    );
  }
  const account =
    pick(flags.account, env, vars.account) ?? PANDIUM_DEVELOPMENT_ACCOUNT;
  if (!EMULATOR_ACCOUNT_PATTERN.test(account)) {
    throw new CliUsageError(
      `--account (or ${vars.account}) must be 1–128 characters without white space, /, ?, # or %`,
    );
  }
  const hostOrigin = (
    pick(flags['host-origin'], env, vars.hostOrigin) ?? DEFAULT_HOST_ORIGIN
  ).replace(/\/$/, '');
  if (!isOrigin(hostOrigin)) {
    throw new CliUsageError(
      `--host-origin (or ${vars.hostOrigin}) must be an http(s) origin such as http://localhost:3000 ` +
        '(no path, query or fragment)',
    );
  }
  const listenHost =
    pick(flags['listen-host'], env, vars.listenHost) ?? DEFAULT_EMULATOR_HOST;
  if (/\s/.test(listenHost)) {
    throw new CliUsageError(
      `--listen-host (or ${vars.listenHost}) must be an interface address such as 127.0.0.1 or 0.0.0.0`,
    );
  }
  const webhookUrl = pick(flags['webhook-url'], env, vars.webhookUrl);
  if (
    webhookUrl !== undefined &&
    !(
      URL.canParse(webhookUrl) && /^https?:$/.test(new URL(webhookUrl).protocol)
    )
  ) {
    throw new CliUsageError(
      `--webhook-url (or ${vars.webhookUrl}) must be an absolute http(s) URL`,
    );
  }
  const apiKeyEnv = pick(flags['api-key-env'], env, vars.apiKeyEnv);
  const settings = {
    secretEnv,
    account,
    integrationsFile: pick(flags.integrations, env, vars.integrations),
    port: portFrom(pick(flags.port, env, vars.port)),
    hostOrigin,
    apiKeyEnv,
    listenHost,
    help: false,
  };
  Object.defineProperties(settings, {
    webhookUrl: { value: webhookUrl, enumerable: false },
    sharedSecret: {
      value: fromVariable('--secret-env', secretEnv, env, 'the shared secret'),
      enumerable: false,
    },
    apiKey: {
      value:
        apiKeyEnv === undefined
          ? undefined
          : fromVariable('--api-key-env', apiKeyEnv, env, 'the REST API key'),
      enumerable: false,
    },
  });
  return settings as EmulatorCommandSettings;
}
