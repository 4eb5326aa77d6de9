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
