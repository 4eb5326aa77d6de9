import type { INestApplication } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import {
  DEFAULT_EMULATOR_PORT,
  EMULATOR_ENV_VARIABLES,
  PANDIUM_DEVELOPMENT_ACCOUNT,
  PANDIUM_VARIABLES,
} from './pandium-emulator.constants.js';
import { PandiumEmulatorError } from './pandium-emulator.errors.js';
import { createPandiumEmulatorApp } from './pandium-emulator.app.js';
import type { PandiumEmulatorAppOptions } from './pandium-emulator.app.js';

/** The host app's port when `PORT` is not set, as src/config/app.config.ts has it. */
const DEFAULT_HOST_PORT = 3000;

/** The variables the zero-config start hands the host app. */
export interface DevEmulatorEnv {
  /** The emulator's origin: the app's install and marketplace URLs point at it. */
  PANDIUM_BASE_URL: string;
  /** A random secret made for this boot, shared by the app (to sign) and the emulator (to verify). */
  PANDIUM_SHARED_SECRET: string;
}

/** An emulator started beside the host app. */
export interface DevEmulator {
  /** `http://localhost:<port>`. */
  readonly origin: string;
  /** What to set in the host app's environment before it is created. */
  readonly env: DevEmulatorEnv;
  /** The emulator's Nest application, listening. */
  readonly app: INestApplication;
  /** Stops the emulator. */
  close(): Promise<void>;
}

/** How {@link startDevEmulator} runs the emulator. */
export interface DevEmulatorOptions extends PandiumEmulatorAppOptions {
  /** Close the emulator on SIGINT/SIGTERM too (Nest's shutdown hooks), as `npm start` does. @default false */
  shutdownHooks?: boolean;
}

const isSet = (value: string | undefined): value is string =>
  value !== undefined && value !== '';

/**
 * Why `npm start` would not start the emulator, or undefined when it would: it does only outside production,
 * when `PANDIUM_EMULATOR` is not `off` and none of `PANDIUM_SHARED_SECRET`, `PANDIUM_BASE_URL` and
 * `PANDIUM_ENVIRONMENT` is set (those mean Pandium, or an emulator of your own, is configured).
 *
 * @throws {PandiumEmulatorError} when `PANDIUM_EMULATOR` is neither `on` nor `off`.
 */
export function devEmulatorSkipReason(
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  const wanted = env[EMULATOR_ENV_VARIABLES.switch];
  if (isSet(wanted) && wanted !== 'on' && wanted !== 'off') {
    throw PandiumEmulatorError.invalidVariable(
      EMULATOR_ENV_VARIABLES.switch,
      'must be on or off',
    );
  }
  if (env.NODE_ENV === 'production') {
    return 'NODE_ENV=production';
  }
  if (wanted === 'off') {
    return `${EMULATOR_ENV_VARIABLES.switch}=off`;
  }
  // Each says where to sign for: a secret or a base URL of Pandium's (or an emulator of your own), or one of
  // Pandium's environments, which PANDIUM_BASE_URL pointing at the emulator would silently override.
  const configured = [
    PANDIUM_VARIABLES.sharedSecret,
    PANDIUM_VARIABLES.baseUrl,
    PANDIUM_VARIABLES.environment,
  ].filter((name) => isSet(env[name]));
  return configured.length === 0
    ? undefined
    : `${configured.join(', ')} ${configured.length === 1 ? 'is' : 'are'} set`;
}

/** A port from the environment: whole number, 0–65535 (`allowZero`) or 1–65535. */
function portOf(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  allowZero: boolean,
): number {
  const value = env[name];
  if (!isSet(value)) {
    return fallback;
  }
  const port = /^\d{1,5}$/.test(value) ? Number(value) : -1;
  if (port < (allowZero ? 0 : 1) || port > 65535) {
    throw PandiumEmulatorError.invalidVariable(
      name,
      allowZero
        ? 'must be a port number from 0 (any free port) to 65535'
        : 'must be a port number from 1 to 65535 while the emulator runs (it must know the origin allowed to ' +
            `frame it); set ${EMULATOR_ENV_VARIABLES.switch}=off to run without it`,
    );
  }
  return port;
}

/**
 * The zero-config start: unless {@link devEmulatorSkipReason} says otherwise, makes one random secret, starts the
 * emulator on `PANDIUM_EMULATOR_PORT` (default 3100, 0 for any free port) for account `PANDIUM_ACCOUNT` (or the
 * library's development account), framed by `http://localhost:<PORT>` (default 3000), and returns the
 * variables that point the host app at it. Reads `env`, never changes it.
 *
 * @returns the running emulator, or undefined when it is not wanted.
 * @throws {PandiumEmulatorError} for a bad variable, or a port already in use.
 */
export async function startDevEmulator(
  env: NodeJS.ProcessEnv = process.env,
  { shutdownHooks = false, ...appOptions }: DevEmulatorOptions = {},
): Promise<DevEmulator | undefined> {
  if (devEmulatorSkipReason(env) !== undefined) {
    return undefined;
  }
  const port = portOf(
    env,
    EMULATOR_ENV_VARIABLES.port,
    DEFAULT_EMULATOR_PORT,
    true,
  );
  const hostPort = portOf(env, 'PORT', DEFAULT_HOST_PORT, false);
  if (port === hostPort) {
    // Caught here: the emulator would take the port and the host app fail to listen with a bare EADDRINUSE.
    throw PandiumEmulatorError.invalidVariable(
      EMULATOR_ENV_VARIABLES.port,
      `is ${port}, the host app's PORT too: set one of them to another port (${EMULATOR_ENV_VARIABLES.port}=0 ` +
        'picks a free one)',
    );
  }
  const sharedSecret = randomBytes(32).toString('base64url');
  const givenAccount = env[PANDIUM_VARIABLES.account];
  const account = isSet(givenAccount)
    ? givenAccount
    : PANDIUM_DEVELOPMENT_ACCOUNT;
  const apiKey = env[EMULATOR_ENV_VARIABLES.apiKey];
  const app = await createPandiumEmulatorApp(
    {
      account,
      sharedSecret,
      hostOrigin: `http://localhost:${hostPort}`,
      apiKey: isSet(apiKey) ? apiKey : randomBytes(24).toString('base64url'),
    },
    appOptions,
  );
  try {
    await app.listen(port);
  } catch (error) {
    await app.close();
    if ((error as { code?: unknown }).code === 'EADDRINUSE') {
      throw PandiumEmulatorError.invalidVariable(
        EMULATOR_ENV_VARIABLES.port,
        `is ${port}, a port already in use: set it to a free port (0 picks one), or ` +
          `${EMULATOR_ENV_VARIABLES.switch}=off to run without the emulator`,
      );
    }
    throw error;
  }
  if (shutdownHooks) {
    app.enableShutdownHooks();
  }
  const { port: actualPort } = (
    app.getHttpServer() as { address(): AddressInfo }
  ).address();
  const origin = `http://localhost:${actualPort}`;
  new Logger('PandiumEmbedEmulator').log(
    `Pandium embed emulator on ${origin} for account ${account}, framed by http://localhost:${hostPort}. ` +
      `${PANDIUM_VARIABLES.baseUrl} and ${PANDIUM_VARIABLES.sharedSecret} were not set, so the app signs ` +
      'for the emulator with a random secret made for this boot and shared by both. Set the real PANDIUM_* ' +
      `variables to use Pandium, or ${EMULATOR_ENV_VARIABLES.switch}=off.`,
  );
  return {
    origin,
    env: { PANDIUM_BASE_URL: origin, PANDIUM_SHARED_SECRET: sharedSecret },
    app,
    close: () => app.close(),
  };
}
