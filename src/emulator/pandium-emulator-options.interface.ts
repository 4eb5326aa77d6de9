import type { PandiumClock } from 'pandium-embed';

/**
 * One integration as the emulator's `GET /v2/integrations` lists it: the fields of Pandium's REST API that
 * `PandiumApiIntegrationCatalog` reads.
 */
export interface PandiumEmulatorIntegration {
  /** Pandium's numeric integration id: the `<integration_id>` of install URLs. */
  id: number;
  /** The integration's programmatic name, signed as `xti.integration_name`. */
  name: string;
  /** The name shown to people. */
  long_name: string | null;
  /** The integration's connectors; the first one's name is signed as `xti.connector_name`. */
  connectors: { name: string }[];
}

/** What the emulator stands in for: one Pandium account, its shared secret, its CORS allow-list and API key. */
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
  /** The `X-API-KEY` that `GET /v2/integrations` accepts. Never logged. */
  apiKey: string;
  /** The integrations the account has. @default the example app's demo integrations (src/directory) */
  integrations?: PandiumEmulatorIntegration[];
  /** Where the emulator reads the time, for tests that move it. @default Date.now */
  clock?: PandiumClock;
  /** How far `iat` may be ahead and `exp` behind the clock, in seconds, 0–300. @default 30 */
  clockSkewSeconds?: number;
  /** How many used `jti`s are remembered at most, 1–1000000. @default 10000 */
  maxRememberedJtis?: number;
}

/** {@link PandiumEmulatorOptions} once checked, with every default applied. */
export interface ResolvedPandiumEmulatorOptions {
  readonly account: string;
  readonly sharedSecret: string;
  readonly hostOrigin: string;
  readonly apiKey: string;
  readonly integrations: readonly PandiumEmulatorIntegration[];
  readonly clock: PandiumClock;
  readonly clockSkewSeconds: number;
  readonly maxRememberedJtis: number;
}
