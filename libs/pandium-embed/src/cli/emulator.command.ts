import { readFile } from 'node:fs/promises';
import type { PandiumIntegration } from '../core/pandium-integration.interface.js';
import { PandiumEmulatorError } from '../emulator/pandium-emulator.errors.js';
import { startPandiumEmulator } from '../emulator/pandium-emulator.start.js';
import type { PandiumEmulator } from '../emulator/pandium-emulator.start.js';
import { CliUsageError } from './cli-usage.error.js';
import {
  EMULATOR_COMMAND_VARIABLES,
  parseEmulatorFlags,
} from './emulator-command.flags.js';
import type { EmulatorCommandSettings } from './emulator-command.flags.js';
import { PANDIUM_CLI_EXIT } from './inspect.command.js';
import type { PandiumCliIo } from './inspect.command.js';

/**
 * What `pandium-embed emulator` needs besides {@link PandiumCliIo}, so a test can pass its own.
 *
 * @internal
 */
export interface EmulatorCommandIo extends PandiumCliIo {
  /** Starts the emulator. @default startPandiumEmulator */
  start?: typeof startPandiumEmulator;
  /** Resolves when the emulator is to stop. @default on SIGINT or SIGTERM */
  untilStopped?: () => Promise<void>;
}

const vars = EMULATOR_COMMAND_VARIABLES;

const USAGE = `Usage: pandium-embed emulator --secret-env NAME [options]

Runs the Pandium embed emulator, a local stand-in for Pandium's embedded pages and REST API: it verifies the
tokens your app signs, as Pandium would, and explains every refusal. A development tool: it refuses to run with
NODE_ENV=production, and listens on loopback only unless --listen-host says otherwise. Stop it with Ctrl-C.

Options (each also read from the environment variable named, the flag winning):
  --secret-env NAME     required: the variable holding the shared secret your app signs with  [${vars.secretEnv}]
  --account SLUG        the account of the URLs it serves (default pandium-embed-demo)        [${vars.account}]
  --integrations FILE   a JSON array of { id, name, connectorName, displayName? }
                        (default: 1042 gwt2hs, 2318 netsuite-orders, 3107 shopify-sync)       [${vars.integrations}]
  --port N              the port to listen on, 0 for any free one (default 3100)              [${vars.port}]
  --host-origin URL     your app's origin, the only page allowed to frame it
                        (default http://localhost:3000)                                       [${vars.hostOrigin}]
  --api-key-env NAME    the variable holding the X-API-KEY its REST API accepts
                        (without it, a random key no one knows: the REST API answers 401)     [${vars.apiKeyEnv}]
  --listen-host HOST    the interface to listen on (default 127.0.0.1; 0.0.0.0 in a container) [${vars.listenHost}]
  --webhook-url URL     where to post tenant_created, tenant_archived and run_failed
                        (JSON, unsigned, sent once, as Pandium's; never printed)             [${vars.webhookUrl}]
  -h, --help            show this help

There is no --secret option: command-line arguments show in \`ps\` and in shell history.
Example: PANDIUM_SHARED_SECRET=… npx pandium-embed emulator --secret-env PANDIUM_SHARED_SECRET --account acme
`;

/** Every SIGINT or SIGTERM after the first is left to Node (a second Ctrl-C kills at once). */
function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

/** The integrations of `--integrations FILE`: JSON read here, each item checked by the emulator's options. */
async function integrationsFrom(
  file: string | undefined,
): Promise<PandiumIntegration[] | undefined> {
  if (file === undefined) {
    return undefined;
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new CliUsageError(
      `--integrations (or ${vars.integrations}): cannot read ${file} (${(error as { code?: string }).code ?? 'error'})`,
    );
  }
  try {
    return JSON.parse(text) as PandiumIntegration[];
  } catch {
    throw new CliUsageError(
      `--integrations (or ${vars.integrations}): ${file} is not JSON (expected an array of ` +
        '{ id, name, connectorName, displayName? })',
    );
  }
}

/** What the emulator serves, printed once it listens. No secret, no key. */
function banner(
  emulator: PandiumEmulator,
  settings: EmulatorCommandSettings,
): string {
  const { origin } = emulator;
  const { account, hostOrigin, secretEnv, apiKeyEnv } = settings;
  return [
    `Pandium embed emulator on ${origin} for account ${account}, framed by ${hostOrigin}.`,
    `  Tokens are checked with the shared secret in ${secretEnv}; point your app at it with PANDIUM_BASE_URL=${origin}.`,
    `  Install flow: ${origin}/${account}/tenants/create/<integration_id>?tenant=<jwt>`,
    `  Marketplace:  ${origin}/${account}?tenant=<jwt>`,
    apiKeyEnv === undefined
      ? '  REST API:     off (no --api-key-env: every /v2 request answers 401)'
      : `  REST API:     ${origin}/v2/integrations with X-API-KEY from ${apiKeyEnv}`,
    `  Admin:        ${origin}/__emulator/admin (tenants; make a tenant's next run fail)`,
    settings.webhookUrl === undefined
      ? '  Webhooks:     off (no --webhook-url)'
      : '  Webhooks:     posted to the --webhook-url given',
    'Ctrl-C stops it.',
    '',
  ].join('\n');
}

/**
 * Runs `pandium-embed emulator …` (the arguments after `emulator`): starts the emulator and keeps it running until
 * SIGINT or SIGTERM, then closes it. Usage errors and start failures go to stderr, naming the flag or variable
 * and never a value.
 *
 * @returns the exit code: 0 once stopped, 2 usage error or failure to start.
 * @internal
 */
export async function runEmulatorCommand(
  args: readonly string[],
  io: EmulatorCommandIo,
): Promise<number> {
  try {
    if (io.env.NODE_ENV === 'production') {
      throw new CliUsageError(
        'the emulator does not run with NODE_ENV=production: it is a development and test tool',
      );
    }
    const settings = parseEmulatorFlags(args, io.env);
    if (settings.help) {
      io.stdout.write(USAGE);
      return PANDIUM_CLI_EXIT.valid;
    }
    const emulator = await (io.start ?? startPandiumEmulator)({
      account: settings.account,
      sharedSecret: settings.sharedSecret,
      hostOrigin: settings.hostOrigin,
      apiKey: settings.apiKey,
      integrations: await integrationsFrom(settings.integrationsFile),
      port: settings.port,
      host: settings.listenHost,
      webhookUrl: settings.webhookUrl,
      logger: ['error', 'warn'],
    });
    io.stdout.write(banner(emulator, settings));
    await (io.untilStopped ?? untilSignal)();
    await emulator.close();
    return PANDIUM_CLI_EXIT.valid;
  } catch (error) {
    if (!(
      error instanceof CliUsageError || error instanceof PandiumEmulatorError
    )) {
      throw error;
    }
    io.stderr.write(
      `pandium-embed emulator: ${error.message}\nRun "pandium-embed emulator --help" for usage.\n`,
    );
    return PANDIUM_CLI_EXIT.usage;
  }
}
