import type { LoggerService, LogLevel } from '@nestjs/common';
import type { PandiumClock } from '../core/pandium-clock.interface.js';
import type { PandiumIntegration } from '../core/pandium-integration.interface.js';

/**
 * How {@link startPandiumEmulator} runs the Pandium embed emulator: the one Pandium account it stands in for, the
 * secret it verifies tokens with, the host page allowed to frame it, and where it listens.
 *
 * @publicApi
 */
export interface PandiumEmulatorOptions {
  /** The account slug of the URLs it serves (`/<account>/tenants/create/<id>`, `/<account>`). */
  account: string;
  /** The HMAC secret the host app signs with. Never logged, never rendered. */
  sharedSecret: string;
  /**
   * The host app's origin (`http://localhost:3000`): the only page allowed to frame the emulator
   * (`Content-Security-Policy: frame-ancestors`) and the only target of its `postMessage`s.
   */
  hostOrigin: string;
  /** The `X-API-KEY` its REST API (`/v2/…`) accepts. Never logged. @default a random key, on the returned handle */
  apiKey?: string;
  /**
   * The account's integrations, in the library's own shape (`id` a string of digits, as Pandium's ids are numeric).
   * @default three sample integrations: 1042 `gwt2hs`, 2318 `netsuite-orders`, 3107 `shopify-sync`
   */
  integrations?: PandiumIntegration[];
  /** The port to listen on; 0 picks a free one. @default 3100 */
  port?: number;
  /** The interface to listen on: loopback unless you say otherwise (e.g. `0.0.0.0` in a container). @default '127.0.0.1' */
  host?: string;
  /** Its Nest logger. @default Nest's (shared with a host app in the same process) */
  logger?: LoggerService | LogLevel[];
  /**
   * Where to post Pandium's webhook notifications (`tenant_created`, `tenant_archived`, `run_failed`): JSON, unsigned
   * and sent once, as Pandium's are. Never logged (it may carry a secret). @default none: no notifications
   */
  webhookUrl?: string;
  /** How long a run takes before it completes, in milliseconds, 0–600000. @default 1000 */
  runDurationMs?: number;
  /** Where the emulator reads the time, for tests that move it. @default Date.now */
  clock?: PandiumClock;
  /** How far `iat` may be ahead and `exp` behind the clock, in seconds, 0–300. @default 30 */
  clockSkewSeconds?: number;
  /** How many used `jti`s are remembered at most, 1–1000000. @default 10000 */
  maxRememberedJtis?: number;
}

/**
 * One integration as the emulator's `GET /v2/integrations` lists it, in Pandium's REST API shape.
 *
 * @internal
 */
export interface EmulatorApiIntegration {
  /** Pandium's numeric integration id: the `<integration_id>` of install URLs. */
  id: number;
  /** The integration's programmatic name, signed as `xti.integration_name`. */
  name: string;
  /** The name shown to people. */
  long_name: string | null;
  /** The integration's connectors; the first one's name is signed as `xti.connector_name`. */
  connectors: { name: string }[];
}

/**
 * The emulator's own options (no port, host or logger) once checked, with every default applied.
 *
 * @internal
 */
export interface ResolvedPandiumEmulatorOptions {
  readonly account: string;
  readonly sharedSecret: string;
  readonly hostOrigin: string;
  readonly apiKey: string;
  readonly integrations: readonly EmulatorApiIntegration[];
  readonly webhookUrl?: string;
  readonly runDurationMs: number;
  readonly clock: PandiumClock;
  readonly clockSkewSeconds: number;
  readonly maxRememberedJtis: number;
}

/**
 * What the emulator's module is given: the options without where it listens and logs.
 *
 * @internal
 */
export type PandiumEmulatorAppSettings = Omit<
  PandiumEmulatorOptions,
  'port' | 'host' | 'logger'
>;
