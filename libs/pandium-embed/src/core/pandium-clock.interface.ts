/**
 * Where the signer reads the time. In tests, `overridePandiumForTesting` (`pandium-embed/testing`) sets one that stands still.
 *
 * @publicApi
 */
export interface PandiumClock {
  /** Milliseconds since the epoch, like `Date.now()`. */
  now(): number;
}
