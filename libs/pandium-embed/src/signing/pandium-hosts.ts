/**
 * Pandium's embed hosts, per environment.
 * Production follows the install-only page (`imp.pandium.com`); Pandium's marketplace page names
 * `imp.pandium.io`: set `baseUrl` if your account uses that one.
 *
 * @see https://docs.pandium.com/marketplaces/embedding-the-integration-install-only
 * @internal
 */
export const PANDIUM_HOSTS = {
  production: 'https://imp.pandium.com',
  sandbox: 'https://imp.sandbox.pandium.com',
  demo: 'https://imp.demo.pandium.com',
} as const;

/**
 * Pandium's REST API hosts, per environment. Pandium documents no API host for demo/PoC accounts, so `demo` uses
 * the sandbox API; set `apiBaseUrl` if yours differs.
 *
 * @internal
 */
export const PANDIUM_API_HOSTS = {
  production: 'https://api.pandium.io',
  sandbox: 'https://api.sandbox.pandium.com',
  demo: 'https://api.sandbox.pandium.com',
} as const;

/** Header that carries the API key on every REST API request. @internal */
export const PANDIUM_API_KEY_HEADER = 'X-API-KEY';
