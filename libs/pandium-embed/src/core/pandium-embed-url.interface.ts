/**
 * A signed Pandium URL for an iframe's `src`.
 *
 * @publicApi
 */
export interface PandiumEmbedUrl {
  /** The URL, token included. Use it once, right away. */
  url: string;
  /** When the token expires, as an ISO 8601 timestamp. */
  expiresAt: string;
  /** Seconds until the token expires, so a browser never has to trust its own clock. */
  expiresIn: number;
}

/**
 * A signed URL for one integration's install flow.
 *
 * @publicApi
 */
export interface PandiumInstallUrl extends PandiumEmbedUrl {
  /** The integration the URL opens. */
  integrationId: string;
}
