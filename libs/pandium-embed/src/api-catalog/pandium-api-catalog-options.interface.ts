import type { PandiumClock } from '../core/pandium-clock.interface.js';
import type { PandiumEnvironment } from '../options/pandium-embed-module-options.interface.js';
import type { PandiumSecret } from '../options/pandium.secret.js';
import type { PandiumIntegration } from '../core/pandium-integration.interface.js';

/**
 * One integration as Pandium's `GET /v2/integrations` lists it, after validation: the fields the catalog reads,
 * and any others Pandium sends, unchanged.
 *
 * @see https://docs.pandium.com/reference/pandium-api
 * @publicApi
 */
export interface PandiumApiIntegration {
  /** Pandium's integration id: a number, or a string of digits. */
  readonly id: number | string;
  /** The integration's programmatic name. */
  readonly name: string;
  /** The name to show people, when Pandium has one. */
  readonly long_name?: string | null;
  /** The integration's connectors, as names or as objects with a `name`. */
  readonly connectors?: readonly (string | { readonly name: string })[] | null;
  /** Archived integrations are left out of the catalog. */
  readonly archived?: boolean;
  readonly [field: string]: unknown;
}

/**
 * Options of {@link PandiumApiIntegrationCatalog}. Checked when the catalog is constructed; a bad value throws a
 * `PandiumOptionsError` naming the option (never the API key's value).
 *
 * @typeParam TUser the host app's authenticated user, as the `filter` hook receives it.
 * @publicApi
 */
export interface PandiumApiCatalogOptions<TUser = unknown> {
  /** Your Pandium API key, sent as the `X-API-KEY` header: a string or a {@link PandiumSecret}. Never logged. */
  apiKey: string | PandiumSecret;
  /**
   * Which Pandium API to read: `production` is `https://api.pandium.io`, `sandbox` is
   * `https://api.sandbox.pandium.com`. Pandium documents no API host for `demo`: it uses the sandbox API
   * (set `apiBaseUrl` if your demo account has its own).
   * @default 'sandbox'
   */
  environment?: PandiumEnvironment;
  /**
   * Replaces the environment's API host, e.g. a proxy or a local emulator. Absolute https URL (http only for
   * localhost), no query or fragment; `/v2/integrations` is appended to it.
   */
  apiBaseUrl?: string;
  /** How long a loaded list is served before it is refreshed, in seconds, 1–86400. @default 300 */
  ttlSeconds?: number;
  /** How long one request to Pandium's API may take, in milliseconds, 100–60000. @default 5000 */
  requestTimeoutMs?: number;
  /** How many integrations to ask for per page (`limit`), 1–500. @default 500 */
  pageSize?: number;
  /**
   * The connector name signed as `xti.connector_name`: one name for every integration, or a function that picks
   * it from Pandium's record. An integration whose function throws or returns no name is left out, with a warning.
   * @default the name of the integration's first connector
   */
  connectorName?: string | ((integration: PandiumApiIntegration) => string);
  /**
   * Narrows the list for one user (plan, role, feature flags), after the cache: called on every
   * `listIntegrations`, with a fresh copy of the list it may change. What it returns is validated like any
   * catalog's output.
   */
  filter?: (
    integrations: PandiumIntegration[],
    user: TUser,
  ) => PandiumIntegration[] | Promise<PandiumIntegration[]>;
  /** Where the cache reads the time, for tests that move it. @default Date.now */
  clock?: PandiumClock;
}
