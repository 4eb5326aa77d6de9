import { getPandiumJson } from '../core/pandium-api.request.js';
import type { PandiumApiRequestSettings } from '../core/pandium-api.request.js';
import { PandiumApiError } from '../errors/pandium-api.error.js';
import { PANDIUM_API_TENANTS_PATH } from './pandium-tenants.constants.js';

/** What the client reads of its settings. @internal */
export interface PandiumTenantsClientSettings extends PandiumApiRequestSettings {
  /** The REST API host, e.g. `https://api.sandbox.pandium.com`. */
  readonly apiBaseUrl: string;
  readonly pageSize: number;
  readonly maxPages: number;
}

/**
 * Reads a user's live tenants from Pandium's `GET /v2/tenants?user_name=<sub>&archived=false`, page by page
 * (`limit`, `skip`) until a page comes back shorter than `limit`. Tenants are returned as Pandium sent them.
 *
 * @internal
 */
export class PandiumTenantsClient {
  private readonly tenantsUrl: string;

  constructor(private readonly settings: PandiumTenantsClientSettings) {
    const base = settings.apiBaseUrl;
    // The trailing slash keeps a base URL's own path (a proxy's prefix) in front of the API path.
    this.tenantsUrl = new URL(
      PANDIUM_API_TENANTS_PATH,
      base.endsWith('/') ? base : `${base}/`,
    ).href;
  }

  /**
   * Every live tenant of this user.
   *
   * @throws {PandiumApiError} when a request fails, times out, answers a non-2xx status, malformed JSON or
   *   something other than a list, or the list does not end within `maxPages`.
   */
  async listTenants(userName: string, signal: AbortSignal): Promise<unknown[]> {
    const { pageSize, maxPages } = this.settings;
    const tenants: unknown[] = [];
    for (let page = 0; page < maxPages; page += 1) {
      const url = new URL(this.tenantsUrl);
      url.searchParams.set('user_name', userName);
      url.searchParams.set('archived', 'false');
      url.searchParams.set('limit', String(pageSize));
      url.searchParams.set('skip', String(page * pageSize));
      const body = await getPandiumJson(url, this.settings, signal);
      if (!Array.isArray(body)) {
        throw PandiumApiError.invalidResponse(
          `GET ${url.href}`,
          'a list of tenants',
        );
      }
      tenants.push(...(body as unknown[]));
      if (body.length < pageSize) {
        return tenants;
      }
    }
    throw PandiumApiError.tooManyPages(maxPages, pageSize, 'tenants');
  }
}
