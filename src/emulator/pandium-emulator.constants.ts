/** Injection token of the emulator's checked options ({@link ResolvedPandiumEmulatorOptions}). */
export const PANDIUM_EMULATOR_OPTIONS = 'PANDIUM_EMULATOR:OPTIONS';

/** The port `npm start` gives the emulator when `PANDIUM_EMULATOR_PORT` is not set. */
export const DEFAULT_EMULATOR_PORT = 3100;

/** How far `iat` may be ahead and `exp` behind the emulator's clock, in seconds, as `diagnosePandiumToken` defaults. */
export const DEFAULT_EMULATOR_CLOCK_SKEW_SECONDS = 30;

/** How many used `jti`s the emulator remembers at most; past that, the oldest is forgotten first. */
export const DEFAULT_MAX_REMEMBERED_JTIS = 10_000;

/** The most integrations `GET /v2/integrations` returns per page, as Pandium's API documents. */
export const MAX_API_LIMIT = 500;

/** The page size when `limit` is not given. */
export const DEFAULT_API_LIMIT = 100;

/** Where the page's script and stylesheet are served: same origin, so the CSP can say `'self'`. */
export const EMULATOR_ASSET_ROUTE = '__emulator';
export const EMULATOR_SCRIPT_PATH = `/${EMULATOR_ASSET_ROUTE}/page.js`;
export const EMULATOR_STYLES_PATH = `/${EMULATOR_ASSET_ROUTE}/page.css`;

/** Pandium's environment variables the zero-config start reads: the names `pandiumConfig` reads them under. */
export const PANDIUM_VARIABLES = {
  account: 'PANDIUM_ACCOUNT',
  environment: 'PANDIUM_ENVIRONMENT',
  baseUrl: 'PANDIUM_BASE_URL',
  sharedSecret: 'PANDIUM_SHARED_SECRET',
} as const;

/**
 * The account `pandiumConfig` signs for outside production when `PANDIUM_ACCOUNT` is not set (documented in the
 * library's README): the emulator serves the same one.
 */
export const PANDIUM_DEVELOPMENT_ACCOUNT = 'pandium-embed-demo';

/** The environment variables the zero-config start reads (besides `PORT` and Pandium's own). */
export const EMULATOR_ENV_VARIABLES = {
  /** `off` keeps `npm start` from starting the emulator. */
  switch: 'PANDIUM_EMULATOR',
  /** The emulator's port; 0 picks a free one. */
  port: 'PANDIUM_EMULATOR_PORT',
  /** The `X-API-KEY` its `GET /v2/integrations` accepts; a random one per boot when unset. */
  apiKey: 'PANDIUM_EMULATOR_API_KEY',
} as const;
