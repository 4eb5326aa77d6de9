/**
 * The stable code of every failure the library reports: `PANDIUM_<SUBJECT>_<CONDITION>`. A code never changes
 * once released, whatever happens to the message beside it; switch on it in code, show the message to people.
 * The library README's "Errors" table gives each code's HTTP status, class, cause and fix.
 *
 * @example
 * ```ts
 * if (error instanceof PandiumHttpException && error.code === PandiumErrorCode.INTEGRATION_NOT_FOUND) { … }
 * ```
 * @publicApi
 */
export const PandiumErrorCode = {
  /** Boot: a module option, environment variable or store option is missing or malformed. */
  OPTIONS_INVALID: 'PANDIUM_OPTIONS_INVALID',
  /** Boot: two `PandiumEmbedModule` registrations carry the same `name`. */
  INSTANCE_NAME_DUPLICATE: 'PANDIUM_INSTANCE_NAME_DUPLICATE',
  /** A strategy threw or rejected (server side); the client's 502 carries the same code. */
  STRATEGY_FAILED: 'PANDIUM_STRATEGY_FAILED',
  /** A strategy did not answer within `strategyTimeoutMs` (server side); the client's 504 carries the same code. */
  STRATEGY_TIMEOUT: 'PANDIUM_STRATEGY_TIMEOUT',
  /** A strategy returned output that does not fit Pandium's claims (logged; the client sees a 502). */
  STRATEGY_OUTPUT_INVALID: 'PANDIUM_STRATEGY_OUTPUT_INVALID',
  /** The instance selector chose a name no `PandiumEmbedModule` is registered with (logged; a 502). */
  INSTANCE_UNKNOWN: 'PANDIUM_INSTANCE_UNKNOWN',
  /** The signed token is over `maxTokenBytes` (logged; a 502). */
  TOKEN_TOO_LARGE: 'PANDIUM_TOKEN_TOO_LARGE',
  /** Pandium's REST API answered a status other than 2xx. */
  API_BAD_STATUS: 'PANDIUM_API_BAD_STATUS',
  /**
   * Pandium's REST API did not answer within `requestTimeoutMs`; on a run or uninstall, the client's 504 carries the
   * same code.
   */
  API_TIMEOUT: 'PANDIUM_API_TIMEOUT',
  /** The request did not reach Pandium's REST API (DNS, refused connection, TLS, a redirect). */
  API_UNREACHABLE: 'PANDIUM_API_UNREACHABLE',
  /** Pandium's REST API answered a body that is not JSON. */
  API_MALFORMED_JSON: 'PANDIUM_API_MALFORMED_JSON',
  /** Pandium's REST API answered JSON that holds no list of integrations. */
  API_INVALID_RESPONSE: 'PANDIUM_API_INVALID_RESPONSE',
  /** Pandium's REST API listed more pages than the catalog reads. */
  API_TOO_MANY_PAGES: 'PANDIUM_API_TOO_MANY_PAGES',
  /** The application shut down, so the API catalog no longer loads. */
  API_SHUT_DOWN: 'PANDIUM_API_SHUT_DOWN',
  /** 502: a run or uninstall failed at Pandium's REST API (a bad status, no answer, a malformed one; logged). */
  API_FAILED: 'PANDIUM_API_FAILED',
  /** 503: Pandium's REST API answered 429 to a run or uninstall; `Retry-After` says when to try again. */
  API_BUSY: 'PANDIUM_API_BUSY',
  /** 501: a run or uninstall was asked of a module without an `apiKey` (`PANDIUM_API_KEY`). */
  API_KEY_MISSING: 'PANDIUM_API_KEY_MISSING',
  /** `parsePandiumUrl` or `diagnosePandiumToken` got an input or option it cannot use. */
  DIAGNOSIS_INPUT_INVALID: 'PANDIUM_DIAGNOSIS_INPUT_INVALID',
  /** 400: a query string or body on a route that takes none, or a malformed id or launch-ticket request. */
  REQUEST_INVALID: 'PANDIUM_REQUEST_INVALID',
  /** 413: a webhook delivery over 64 KiB. */
  REQUEST_TOO_LARGE: 'PANDIUM_REQUEST_TOO_LARGE',
  /** 401: the request carries no authenticated user. */
  UNAUTHENTICATED: 'PANDIUM_UNAUTHENTICATED',
  /** 404: the integration id is not in this user's catalog. */
  INTEGRATION_NOT_FOUND: 'PANDIUM_INTEGRATION_NOT_FOUND',
  /** 404: this user has no live Pandium tenant of the integration (never installed, or uninstalled). */
  TENANT_NOT_FOUND: 'PANDIUM_TENANT_NOT_FOUND',
  /** 403: a request that changes state came from another site (`Sec-Fetch-Site: cross-site`). */
  CROSS_SITE_REQUEST: 'PANDIUM_CROSS_SITE_REQUEST',
  /**
   * 429: this user asked for more signed links or actions (run, uninstall, refresh) than
   * `controller.rateLimit` allows.
   */
  RATE_LIMIT_EXCEEDED: 'PANDIUM_RATE_LIMIT_EXCEEDED',
  /** 503: the rate-limit store failed, so no token is signed unchecked. */
  RATE_LIMIT_UNAVAILABLE: 'PANDIUM_RATE_LIMIT_UNAVAILABLE',
  /** 404: a launch ticket this app did not issue (malformed, tampered with, another secret). */
  LAUNCH_TICKET_NOT_FOUND: 'PANDIUM_LAUNCH_TICKET_NOT_FOUND',
  /** 410: a launch ticket that was already redeemed. */
  LAUNCH_TICKET_USED: 'PANDIUM_LAUNCH_TICKET_USED',
  /** 410: a launch ticket that expired. */
  LAUNCH_TICKET_EXPIRED: 'PANDIUM_LAUNCH_TICKET_EXPIRED',
  /** 403: a browser loaded a launch ticket without the cookie of the browser that asked for it (a planted link). */
  LAUNCH_WRONG_BROWSER: 'PANDIUM_LAUNCH_WRONG_BROWSER',
  /** 404: `launchUserSerializer.deserializeUser` found no user for a launch ticket (removed, or no longer allowed). */
  LAUNCH_USER_NOT_FOUND: 'PANDIUM_LAUNCH_USER_NOT_FOUND',
  /** 405: a `HEAD` request for a launch link (a link checker): only the browser's `GET` uses a ticket up. */
  LAUNCH_METHOD_NOT_ALLOWED: 'PANDIUM_LAUNCH_METHOD_NOT_ALLOWED',
  /** 503: the launch ticket store failed, so no ticket is issued or redeemed. */
  LAUNCH_UNAVAILABLE: 'PANDIUM_LAUNCH_UNAVAILABLE',
  /** 500: something that is not an HTTP error failed on a launch route (the HTML error page). */
  LAUNCH_FAILED: 'PANDIUM_LAUNCH_FAILED',
} as const;

/**
 * One of the {@link PandiumErrorCode} values.
 *
 * @publicApi
 */
export type PandiumErrorCode =
  (typeof PandiumErrorCode)[keyof typeof PandiumErrorCode];

/**
 * The codes an HTTP answer of the library carries (the `code` of a {@link PandiumHttpException} and of the JSON
 * error body).
 *
 * @internal
 */
export type PandiumHttpErrorCode = Extract<
  PandiumErrorCode,
  | 'PANDIUM_REQUEST_INVALID'
  | 'PANDIUM_REQUEST_TOO_LARGE'
  | 'PANDIUM_UNAUTHENTICATED'
  | 'PANDIUM_INTEGRATION_NOT_FOUND'
  | 'PANDIUM_TENANT_NOT_FOUND'
  | 'PANDIUM_CROSS_SITE_REQUEST'
  | 'PANDIUM_LAUNCH_TICKET_NOT_FOUND'
  | 'PANDIUM_LAUNCH_METHOD_NOT_ALLOWED'
  | 'PANDIUM_LAUNCH_TICKET_USED'
  | 'PANDIUM_LAUNCH_TICKET_EXPIRED'
  | 'PANDIUM_LAUNCH_WRONG_BROWSER'
  | 'PANDIUM_LAUNCH_USER_NOT_FOUND'
  | 'PANDIUM_RATE_LIMIT_EXCEEDED'
  | 'PANDIUM_LAUNCH_FAILED'
  | 'PANDIUM_STRATEGY_FAILED'
  | 'PANDIUM_RATE_LIMIT_UNAVAILABLE'
  | 'PANDIUM_LAUNCH_UNAVAILABLE'
  | 'PANDIUM_STRATEGY_TIMEOUT'
  | 'PANDIUM_API_KEY_MISSING'
  | 'PANDIUM_API_FAILED'
  | 'PANDIUM_API_BUSY'
  | 'PANDIUM_API_TIMEOUT'
>;
