/**
 * Where the signer reads the time. Override {@link PANDIUM_CLOCK} in tests for exact `iat`/`exp`.
 *
 * @publicApi
 */
export interface PandiumClock {
  /** Milliseconds since the epoch, like `Date.now()`. */
  now(): number;
}
