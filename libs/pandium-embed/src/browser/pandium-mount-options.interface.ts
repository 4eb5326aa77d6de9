import type { PandiumTenant } from './pandium-messages.js';

/**
 * How the helper gets the iframe's address from the library's routes.
 *
 * - `ticket`: `POST <endpoint>/launch-tickets` answers a single-use path on your own app; the iframe loads it and
 *   your server redirects to a Pandium URL signed at that moment. The JWT never reaches page JavaScript.
 * - `url`: `GET <endpoint>/…-url` answers the signed Pandium URL itself, which the iframe loads.
 *
 * @publicApi
 */
export type PandiumLaunchMode = 'ticket' | 'url';

/**
 * What `onError` receives: a `PandiumLaunchError` (`status` set for HTTP answers).
 *
 * @publicApi
 */
export interface PandiumEmbedErrorInfo {
  /** The HTTP status when the server answered one. */
  status?: number;
  /** A message fit to show the user; never carries a URL or token. */
  message: string;
  /** The server's id of the log line with the details, on 5xx answers. */
  correlationId?: string;
}

/**
 * Options common to both mount functions.
 *
 * @publicApi
 */
export interface PandiumMountOptions {
  /**
   * The library's route prefix, relative to the page (or absolute).
   * @default '/pandium'
   */
  endpoint?: string;
  /**
   * How the iframe's address is obtained; see {@link PandiumLaunchMode}.
   * @default 'ticket'
   */
  mode?: PandiumLaunchMode;
  /**
   * The `fetch` used to call the library's routes: pass one that adds your `Authorization` header when your app
   * authenticates with bearer tokens. Called with the `credentials` below, `cache: 'no-store'`, an
   * `Accept: application/json` header and an `AbortSignal`.
   * @default globalThis.fetch
   */
  fetch?: typeof fetch;
  /**
   * The `credentials` of that fetch. The server binds each launch ticket to the browser that asked for it with a
   * cookie set on the ticket's answer, which a browser keeps only from its own origin with `'same-origin'`: when
   * `endpoint` is on another origin (`https://api.example.com/pandium` from `https://app.example.com`), pass
   * `'include'` and let your CORS allow credentials from the page's origin, or the iframe gets a 403 page.
   * @default 'same-origin'
   */
  credentials?: 'same-origin' | 'include';
  /** The iframe's accessible title. */
  title?: string;
  /**
   * The iframe's height in CSS pixels until Pandium reports its content's height.
   * @default 600
   */
  height?: number;
  /**
   * The smallest height a Pandium resize message may set.
   * @default 150
   */
  minHeight?: number;
  /**
   * The largest height a Pandium resize message may set.
   * @default 20000
   */
  maxHeight?: number;
  /** Called once per mount when the iframe's first page has loaded. */
  onLoad?(): void;
  /** Called when the iframe's address could not be obtained; the error box is shown as well. */
  onError?(error: PandiumEmbedErrorInfo): void;
  /**
   * On Pandium's `pandium-save-sync` message, first `POST <endpoint>/integrations/refresh` (with the `fetch` and
   * `credentials` above) so that the next `GET <endpoint>/integrations` reads fresh statuses, then `onSaveSync`.
   * A failed refresh (a server without that route, a network error) is ignored.
   * @default true
   */
  refreshOnSave?: boolean;
  /**
   * Called on Pandium's `pandium-save-sync` message: the user saved an installation. With `refreshOnSave` (the
   * default), called once the refresh has settled, so reading the catalog here gets the new status.
   */
  onSaveSync?(tenant: PandiumTenant): void;
  /** Called on Pandium's `pandium-install-cancel` message. */
  onCancel?(tenant?: PandiumTenant): void;
  /** Called with the iframe's new height (clamped) after Pandium reports its content's height. */
  onResize?(height: number): void;
}

/**
 * Options of `mountPandiumInstall`.
 *
 * @publicApi
 */
export interface PandiumInstallMountOptions extends PandiumMountOptions {
  /** Pandium's integration id, as listed by `GET <endpoint>/integrations`. */
  integrationId: string;
  /** @default 'Pandium integration install' */
  title?: string;
}

/**
 * Options of `mountPandiumMarketplace`.
 *
 * @publicApi
 */
export interface PandiumMarketplaceMountOptions extends PandiumMountOptions {
  /** @default 'Pandium marketplace' */
  title?: string;
}
