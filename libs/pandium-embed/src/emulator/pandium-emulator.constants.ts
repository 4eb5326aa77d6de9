/** Injection token of the emulator's checked options ({@link ResolvedPandiumEmulatorOptions}). @internal */
export const PANDIUM_EMULATOR_OPTIONS = 'PANDIUM_EMULATOR:OPTIONS';

/** The emulator's port when none is given. @internal */
export const DEFAULT_EMULATOR_PORT = 3100;

/** The emulator's interface when none is given: loopback only, so nothing outside this machine reaches it. @internal */
export const DEFAULT_EMULATOR_HOST = '127.0.0.1';

/** How far `iat` may be ahead and `exp` behind the emulator's clock, in seconds, as `diagnosePandiumToken` defaults. @internal */
export const DEFAULT_EMULATOR_CLOCK_SKEW_SECONDS = 30;

/** How long an emulated run takes when `runDurationMs` is not given. @internal */
export const DEFAULT_EMULATOR_RUN_MS = 1000;

/** How many used `jti`s the emulator remembers at most; past that, the oldest is forgotten first. @internal */
export const DEFAULT_MAX_REMEMBERED_JTIS = 10_000;

/** The most integrations `GET /v2/integrations` returns per page, as Pandium's API documents. @internal */
export const MAX_API_LIMIT = 500;

/** The page size when `limit` is not given. @internal */
export const DEFAULT_API_LIMIT = 100;

/** Where the page's script and stylesheet are served: same origin, so the CSP can say `'self'`. @internal */
export const EMULATOR_ASSET_ROUTE = '__emulator';
/** The page script's path. @internal */
export const EMULATOR_SCRIPT_PATH = `/${EMULATOR_ASSET_ROUTE}/page.js`;
/** The page stylesheet's path. @internal */
export const EMULATOR_STYLES_PATH = `/${EMULATOR_ASSET_ROUTE}/page.css`;

/** An account slug the emulator serves: 1–128 characters without white space, `/`, `?`, `#` or `%`. @internal */
export const EMULATOR_ACCOUNT_PATTERN = /^[^\s/?#%]{1,128}$/;

/** The emulator's admin page: its tenants, and the control that makes a tenant's next run fail. @internal */
export const EMULATOR_ADMIN_PATH = `/${EMULATOR_ASSET_ROUTE}/admin`;
