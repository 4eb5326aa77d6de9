import type { AddressInfo } from 'node:net';
import { createPandiumEmulatorApp } from './pandium-emulator.app.js';
import {
  DEFAULT_EMULATOR_HOST,
  DEFAULT_EMULATOR_PORT,
  PANDIUM_EMULATOR_OPTIONS,
} from './pandium-emulator.constants.js';
import { PandiumEmulatorError } from './pandium-emulator.errors.js';
import type {
  PandiumEmulatorAppSettings,
  PandiumEmulatorOptions,
  ResolvedPandiumEmulatorOptions,
} from './pandium-emulator-options.interface.js';

/**
 * A running Pandium embed emulator.
 *
 * @publicApi
 */
export interface PandiumEmulator {
  /** Where it listens, e.g. `http://localhost:3100`: the `baseUrl` (`PANDIUM_BASE_URL`) to sign for. */
  readonly origin: string;
  /** The `X-API-KEY` its REST API accepts (the one given, or the random one made at start). Never logged. */
  readonly apiKey: string;
  /** Stops it. */
  close(): Promise<void>;
}

/** The names of the loopback interface, which a browser on this machine reaches as `localhost`. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);

/** `http://localhost:<port>` on loopback (the library's `baseUrl` takes http for localhost only), else the host. */
function originOf(host: string, port: number): string {
  if (LOOPBACK_HOSTS.has(host)) {
    return `http://localhost:${port}`;
  }
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** Where to listen: a port 0–65535 and a non-empty host. */
function listenTarget({ port, host }: PandiumEmulatorOptions): {
  port: number;
  host: string;
} {
  const problems: string[] = [];
  const chosenPort = port ?? DEFAULT_EMULATOR_PORT;
  if (!Number.isInteger(chosenPort) || chosenPort < 0 || chosenPort > 65535) {
    problems.push(
      'port must be a whole number from 0 (any free port) to 65535',
    );
  }
  const chosenHost = host ?? DEFAULT_EMULATOR_HOST;
  if (typeof chosenHost !== 'string' || chosenHost.trim() === '') {
    problems.push('host must be a non-empty interface name or address');
  }
  if (problems.length > 0) {
    throw PandiumEmulatorError.invalidOptions(problems);
  }
  return { port: chosenPort, host: chosenHost };
}

/**
 * Starts the Pandium embed emulator in this process, as its own Nest application (Express) on its own port, so it
 * has an origin of its own as Pandium does: Pandium's embedded pages for one account, verifying each token as
 * Pandium would and explaining every refusal, and the part of Pandium's REST API the library reads. It listens on
 * loopback unless `host` says otherwise, and never runs with `NODE_ENV=production`.
 *
 * @returns the running emulator: its origin, its API key and `close()`.
 * @throws {PandiumEmulatorError} when `NODE_ENV=production`, naming every bad option, when the port is in use, or
 * when `@nestjs/platform-express` (an optional peer) is not installed.
 * @publicApi
 */
export async function startPandiumEmulator(
  options: PandiumEmulatorOptions,
): Promise<PandiumEmulator> {
  const { port, host } = listenTarget(options);
  const settings: PandiumEmulatorAppSettings & {
    port?: number;
    host?: string;
    logger?: PandiumEmulatorOptions['logger'];
  } = { ...options };
  delete settings.port;
  delete settings.host;
  delete settings.logger;
  const app = await createPandiumEmulatorApp(settings, {
    logger: options.logger,
  });
  try {
    await app.listen(port, host);
  } catch (error) {
    await app.close();
    if ((error as { code?: unknown }).code === 'EADDRINUSE') {
      throw PandiumEmulatorError.portInUse(port, error);
    }
    throw error;
  }
  const { apiKey } = app.get<ResolvedPandiumEmulatorOptions>(
    PANDIUM_EMULATOR_OPTIONS,
  );
  const address = (app.getHttpServer() as { address(): AddressInfo }).address();
  return {
    origin: originOf(host, address.port),
    apiKey,
    close: () => app.close(),
  };
}
