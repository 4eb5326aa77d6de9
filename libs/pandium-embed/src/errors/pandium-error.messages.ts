/**
 * What the library's HTTP answers say, for people: fixed sentences that name no internals (the server log line
 * with the same correlation id has the cause).
 */

/** @internal */
export const INTEGRATION_NOT_FOUND_MESSAGE =
  'No integration with this id is available to you.';
/** @internal */
export const STRATEGY_FAILED_MESSAGE =
  'The Pandium link could not be prepared because a server-side provider failed. Try again later.';
/** @internal */
export const STRATEGY_TIMEOUT_MESSAGE =
  'The Pandium link could not be prepared in time because a server-side provider did not answer. Try again later.';
/** @internal */
export const RATE_LIMITED_MESSAGE =
  'Too many Pandium links requested. Try again in a moment.';
/** @internal */
export const RATE_LIMIT_UNAVAILABLE_MESSAGE =
  'The Pandium link could not be prepared because the request budget could not be checked. Try again later.';
/** @internal */
export const UNAUTHENTICATED_MESSAGE = 'Sign in to open Pandium.';
/** @internal */
export const LAUNCH_TICKET_NOT_FOUND_MESSAGE =
  'This Pandium link is not valid. Open it again from the app.';
/** @internal */
export const LAUNCH_TICKET_USED_MESSAGE =
  'This Pandium link has already been used: each link opens Pandium once. Open it again from the app.';
/** @internal */
export const LAUNCH_TICKET_EXPIRED_MESSAGE =
  'This Pandium link has expired. Open it again from the app.';
/** @internal */
export const LAUNCH_WRONG_BROWSER_MESSAGE =
  'This Pandium link was made for another browser. Open Pandium again from the app in this browser.';
/** @internal */
export const LAUNCH_USER_NOT_FOUND_MESSAGE =
  'This Pandium link is no longer valid for its account. Open it again from the app.';
/** @internal */
export const LAUNCH_UNAVAILABLE_MESSAGE =
  'Pandium cannot be opened right now because the launch ticket store is unavailable. Try again later.';
/** @internal */
export const LAUNCH_METHOD_NOT_ALLOWED_MESSAGE =
  'A launch link opens Pandium when the browser loads it; other requests do not use it up.';
/** @internal */
export const LAUNCH_FAILED_MESSAGE =
  'Something went wrong while opening Pandium. Try again from the app.';
/** @internal */
export const TENANT_NOT_FOUND_MESSAGE =
  'You have no installed integration with this id.';
/** @internal */
export const CROSS_SITE_REQUEST_MESSAGE =
  'This request came from another site, so it was refused.';
/** @internal */
export const API_KEY_MISSING_MESSAGE =
  "Running and uninstalling integrations needs Pandium's API key: set PANDIUM_API_KEY (the apiKey option).";
/** @internal */
export const API_FAILED_MESSAGE =
  "Pandium's API failed to carry out the request. Try again later.";
/** @internal */
export const API_BUSY_MESSAGE =
  "Pandium's API is busy. Try again after the time in Retry-After.";
/** @internal */
export const API_TIMEOUT_MESSAGE =
  "Pandium's API did not answer in time. Try again later.";
/** The server log line of a run or uninstall asked without an API key (not an answer). @internal */
export const API_KEY_MISSING_LOG =
  'A run or uninstall was asked, but the module has no apiKey: set PANDIUM_API_KEY (the apiKey option).';
/** @internal */
export const REQUEST_TOO_LARGE_MESSAGE =
  'The webhook delivery is over 64 KiB: it was not read.';
