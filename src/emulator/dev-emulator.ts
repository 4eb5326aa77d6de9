import type { LoggerService, LogLevel } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import {
  PandiumEmulatorError,
  startPandiumEmulator,
} from 'pandium-embed/emulator';
import { DemoDirectory } from '../directory/demo-directory.js';

/** The host app's port when `PORT` is not set, as src/config/app.config.ts has it. */
const DEFAULT_HOST_PORT = 3000;

/** The emulator's port when `PANDIUM_EMULATOR_PORT` is not set. */
const DEFAULT_EMULATOR_PORT = 3100;

/** The account `pandiumConfig` signs for outside production when `PANDIUM_ACCOUNT` is not set. */
const PANDIUM_DEVELOPMENT_ACCOUNT = 'pandium-embed-demo';

/** Pandium's environment variables the zero-config start reads: the names `pandiumConfig` reads them under. */
const PANDIUM_VARIABLES = {
  account: 'PANDIUM_ACCOUNT',
  environment: 'PANDIUM_ENVIRONMENT',
  baseUrl: 'PANDIUM_BASE_URL',
  sharedSecret: 'PANDIUM_SHARED_SECRET',
  webhookSecret: 'PANDIUM_WEBHOOK_SECRET',
} as const;

/** The environment variables the zero-config start reads (besides `PORT` and Pandium's own). */
const EMULATOR_ENV_VARIABLES = {
  /** `off` keeps `npm start` from starting the emulator. */
  switch: 'PANDIUM_EMULATOR',
  /** The emulator's port; 0 picks a free one. */
  port: 'PANDIUM_EMULATOR_PORT',
  /** The interface it listens on. @default 127.0.0.1 (loopback only) */
  host: 'PANDIUM_EMULATOR_HOST',
  /** The `X-API-KEY` its REST API accepts; a random one per boot when unset. */
  apiKey: 'PANDIUM_EMULATOR_API_KEY',
} as const;

/** The variables the zero-config start hands the host app. */
export interface DevEmulatorEnv {
  /** The emulator's origin: the app's install and marketplace URLs point at it. */
  PANDIUM_BASE_URL: string;
  /** A random secret made for this boot, shared by the app (to sign) and the emulator (to verify). */
  PANDIUM_SHARED_SECRET: string;
  /** The emulator's REST API key (`PANDIUM_EMULATOR_API_KEY`, or a random one): the app reads statuses with it. */
  PANDIUM_API_KEY: string;
  /** The emulator's origin, as the app's REST API host. */
  PANDIUM_API_BASE_URL: string;
  /** The secret of the app's webhook URL, which the emulator posts to: `PANDIUM_WEBHOOK_SECRET`, or a random one. */
  PANDIUM_WEBHOOK_SECRET: string;
}

/** An emulator started beside the host app. */
export interface DevEmulator {
  /** `http://localhost:<port>`. */
  readonly origin: string;
  /** What to set in the host app's environment before it is created. */
  readonly env: DevEmulatorEnv;
  /** Stops the emulator. */
  close(): Promise<void>;
}

/** How {@link startDevEmulator} runs the emulator. */
export interface DevEmulatorOptions {
  /** The emulator's logger, e.g. a test's capturing logger. @default Nest's */
  logger?: LoggerService | LogLevel[];
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

/** The example app's demo integrations (src/directory): the emulator's account has exactly the ones it offers. */
function demoIntegrations() {
  return new DemoDirectory()
    .allIntegrations()
    .map(({ id, name, connectorName, displayName }) => ({
      id,
      name,
      connectorName,
      displayName,
    }));
}

/**
 * The zero-config start: unless {@link devEmulatorSkipReason} says otherwise, makes one random secret, starts the
 * shipped emulator (`pandium-embed/emulator`) on `PANDIUM_EMULATOR_PORT` (default 3100, 0 for any free port) and
 * `PANDIUM_EMULATOR_HOST` (default loopback only) for account `PANDIUM_ACCOUNT` (or the library's development
 * account), with the demo directory's integrations, framed by `http://localhost:<PORT>` (default 3000), and returns
 * the variables that point the host app at it (its pages, and its REST API with its key, for integration statuses), and
 * posts its webhooks to the app with `PANDIUM_WEBHOOK_SECRET` (or a random secret). Reads `env`, never changes it.
 *
 * @returns the running emulator, or undefined when it is not wanted.
 * @throws {PandiumEmulatorError} for a bad variable, or a port already in use.
 */
export async function startDevEmulator(
  env: NodeJS.ProcessEnv = process.env,
  { logger }: DevEmulatorOptions = {},
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
  const host = env[EMULATOR_ENV_VARIABLES.host];
  const givenWebhookSecret = env[PANDIUM_VARIABLES.webhookSecret];
  const webhookSecret = isSet(givenWebhookSecret)
    ? givenWebhookSecret
    : randomBytes(32).toString('base64url');
  const emulator = await startPandiumEmulator({
    account,
    sharedSecret,
    hostOrigin: `http://localhost:${hostPort}`,
    apiKey: isSet(apiKey) ? apiKey : undefined,
    integrations: demoIntegrations(),
    // The app's webhook receiver: installs, uninstalls and failed runs reach its activity feed.
    webhookUrl: `http://localhost:${hostPort}/pandium/webhooks/${webhookSecret}`,
    port,
    host: isSet(host) ? host : undefined,
    logger,
  }).catch((error: unknown) => {
    const cause = (error as { cause?: { code?: unknown } }).cause;
    if (error instanceof PandiumEmulatorError && cause?.code === 'EADDRINUSE') {
      throw PandiumEmulatorError.invalidVariable(
        EMULATOR_ENV_VARIABLES.port,
        `is ${port}, a port already in use: set it to a free port (0 picks one), or ` +
          `${EMULATOR_ENV_VARIABLES.switch}=off to run without the emulator`,
      );
    }
    throw error;
  });
  const { origin } = emulator;
  new Logger('PandiumEmbedEmulator').log(
    `Pandium embed emulator on ${origin} for account ${account}, framed by http://localhost:${hostPort}. ` +
      `${PANDIUM_VARIABLES.baseUrl} and ${PANDIUM_VARIABLES.sharedSecret} were not set, so the app signs ` +
      'for the emulator with a random secret made for this boot and shared by both. Set the real PANDIUM_* ' +
      `variables to use Pandium, or ${EMULATOR_ENV_VARIABLES.switch}=off.`,
  );
  return {
    origin,
    env: {
      PANDIUM_BASE_URL: origin,
      PANDIUM_SHARED_SECRET: sharedSecret,
      PANDIUM_API_KEY: emulator.apiKey,
      PANDIUM_API_BASE_URL: origin,
      PANDIUM_WEBHOOK_SECRET: webhookSecret,
    },
    close: () => emulator.close(),
  };
}
