import type { PandiumIntegration } from '../core/pandium-integration.interface.js';
import type { PandiumSecret } from './pandium.secret.js';

/**
 * Pandium's environments; each has its own embed host.
 *
 * @publicApi
 */
export type PandiumEnvironment = 'production' | 'sandbox' | 'demo';

/**
 * Run-time options: what `forRoot` takes beside the extras, and what `forRootAsync`'s factory returns.
 * Checked once at start-up; a bad value stops boot with a message naming the option.
 *
 * @publicApi
 */
export interface PandiumEmbedModuleOptions {
  /** Your account slug, the first path segment of Pandium's URLs (`https://imp.sandbox.pandium.com/<account>`). */
  account: string;
  /** Which Pandium environment to send users to. @default 'sandbox' */
  environment?: PandiumEnvironment;
  /**
   * Replaces the environment's host, e.g. `https://imp.pandium.io` or a local emulator. Absolute https URL
   * (http only for localhost), no query or fragment.
   */
  baseUrl?: string;
  /**
   * The HMAC secret Pandium issued for your account: at least 32 bytes (HS256 wants 256 bits), no leading or
   * trailing white space. A string, or a {@link PandiumSecret} (as `pandiumConfig` gives it). Never logged; its
   * fingerprint (first 8 hex characters of its SHA-256) is, at boot.
   */
  sharedSecret: string | PandiumSecret;
  /**
   * Accept a `sharedSecret` shorter than 32 bytes, for a secret Pandium issued that way. Boot logs a warning.
   * @default false
   */
  allowShortSecret?: boolean;
  /** Seconds from signing to `exp`, 1–3600. @default 300 */
  tokenTtlSeconds?: number;
  /**
   * Seconds `iat` is back-dated, so a receiver whose clock is a little behind does not see a token from the
   * future. `exp` is not moved. 0–300. @default 5
   */
  clockSkewSeconds?: number;
  /** How long a strategy may take before the request fails with 504, in milliseconds, 100–60000. @default 5000 */
  strategyTimeoutMs?: number;
  /**
   * The largest signed token, in bytes, before it is refused (502, logged): longer URLs get cut by proxies and
   * browsers. 1024–65536. @default 6144
   */
  maxTokenBytes?: number;
  /**
   * Seconds a launch ticket (`POST <prefix>/launch-tickets`) may wait before it is redeemed, 5–300. The ticket is a
   * bearer credential until then; the Pandium token is signed only when it is redeemed. @default 30
   */
  launchTicketTtlSeconds?: number;
  /**
   * Your Pandium REST API key (a string, or a {@link PandiumSecret} as `pandiumConfig` gives it). When set, each
   * catalog entry gets the user's `status`, read from `GET /v2/tenants?user_name=<sub>`. Never logged.
   */
  apiKey?: string | PandiumSecret;
  /**
   * Replaces the environment's REST API host (`https://api.pandium.io` in production, `https://api.sandbox.pandium.com`
   * otherwise), e.g. a local emulator. Absolute https URL (http only for localhost), no query or fragment.
   */
  apiBaseUrl?: string;
  /** Seconds a user's integration statuses are kept before Pandium is asked again, 1–3600. @default 30 */
  statusCacheTtlSeconds?: number;
  /**
   * The secret path segment of the webhook receiver's URL (`POST /<prefix>/webhooks/<secret>`), the URL you register
   * with Pandium: 32–100 URL-safe characters (`[A-Za-z0-9._~-]`). During a rotation, a list of two (the new one and
   * the old one): both are accepted. The `webhooks` extra's receiver is off without it (every delivery answers 404);
   * never logged.
   */
  webhookSecret?: string | PandiumSecret | readonly (string | PandiumSecret)[];
  /** A static catalog, used when no `integrationCatalog` strategy is given: the same for every user. */
  integrations?: PandiumIntegration[];
}

/**
 * A class that creates the run-time options, for `forRootAsync({ useClass })` and `useExisting`.
 *
 * @publicApi
 */
export interface PandiumEmbedOptionsFactory {
  createPandiumEmbedOptions():
    PandiumEmbedModuleOptions | Promise<PandiumEmbedModuleOptions>;
}
