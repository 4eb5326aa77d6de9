/**
 * The library's route prefix, where `endpoint` points when not given.
 *
 * @internal
 */
export const PANDIUM_DEFAULT_ENDPOINT = '/pandium';

/**
 * The iframe's height, in CSS pixels, until Pandium reports its content's height.
 *
 * @internal
 */
export const PANDIUM_DEFAULT_HEIGHT = 600;

/**
 * The smallest height, in CSS pixels, a `pandium-content-height-change` message may set.
 *
 * @internal
 */
export const PANDIUM_DEFAULT_MIN_HEIGHT = 150;

/**
 * The largest height, in CSS pixels, a `pandium-content-height-change` message may set.
 *
 * @internal
 */
export const PANDIUM_DEFAULT_MAX_HEIGHT = 20_000;

/** @internal */
export const PANDIUM_DEFAULT_TITLES = {
  install: 'Pandium integration install',
  marketplace: 'Pandium marketplace',
} as const;

/** @internal */
export const PANDIUM_LOADING_TEXT = 'Loading Pandium…';

/** @internal */
export const PANDIUM_RETRY_TEXT = 'Try again';
