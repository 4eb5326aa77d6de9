import {
  getPandiumJson,
  pandiumApiUrl,
  requestName,
  sendPandiumRequest,
} from '../core/pandium-api.request.js';
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

/** An integration id Pandium can have: its ids are integers, so any other catalog id has no tenant. */
const PANDIUM_INTEGRATION_ID = /^\d{1,18}$/;

/**
 * Pandium's tenant API for one account: a user's live tenants (`GET /v2/tenants?user_name=<sub>&archived=false`, page
 * by page, `limit` and `skip`, until a page comes back shorter than `limit`), a run (`POST
 * /v2/tenants/{id}/sync?mode=normal`) and an archive (`DELETE /v2/tenants/{id}`). With a gate in its settings, a 429
 * holds back every later call of this client for the wait Pandium asked for.
 *
 * @internal
 */
export class PandiumTenantsClient {
  private readonly tenantsUrl: string;

  constructor(private readonly settings: PandiumTenantsClientSettings) {
    this.tenantsUrl = pandiumApiUrl(
      settings.apiBaseUrl,
      PANDIUM_API_TENANTS_PATH,
    ).href;
  }

  /**
   * Every live tenant of this user, as Pandium sent them.
   *
   * @throws {PandiumApiError} when a request fails, times out, answers a non-2xx status, malformed JSON or
   *   something other than a list, or the list does not end within `maxPages`.
   */
  listTenants(userName: string, signal: AbortSignal): Promise<unknown[]> {
    return this.listPages({ user_name: userName }, signal);
  }

  /**
   * The id of this user's live tenant of this integration (the newest, should there be several), or `undefined`
   * when they have none. Asked of Pandium each time, filtered by `user_name` and `integration_id`; a listed tenant of
   * another integration, archived, or without an integer id is ignored.
   *
   * @throws {PandiumApiError} as {@link listTenants} does.
   */
  async findLiveTenant(
    userName: string,
    integrationId: string,
    signal: AbortSignal,
  ): Promise<number | undefined> {
    if (!PANDIUM_INTEGRATION_ID.test(integrationId)) {
      return undefined;
    }
    const tenants = await this.listPages(
      { user_name: userName, integration_id: integrationId },
      signal,
    );
    let found: number | undefined;
    for (const item of tenants) {
      if (typeof item !== 'object' || item === null) {
        continue;
      }
      const { id, integration_id, archived } = item as Record<string, unknown>;
      if (
        Number.isSafeInteger(id) &&
        (typeof integration_id === 'number' ||
          typeof integration_id === 'string') &&
        String(integration_id) === integrationId &&
        archived !== true &&
        (found === undefined || (id as number) > found)
      ) {
        found = id as number;
      }
    }
    return found;
  }

  /**
   * Starts a run of the tenant (`mode=normal`), and gives Pandium's trigger id as a string.
   *
   * @throws {PandiumApiError} when the request fails, times out or answers a non-2xx status, or the answer holds
   *   no `trigger_id` (a number or a non-empty string).
   */
  async sync(tenantId: number, signal: AbortSignal): Promise<string> {
    const url = new URL(`${this.tenantsUrl}/${tenantId}/sync`);
    url.searchParams.set('mode', 'normal');
    const body = await sendPandiumRequest('POST', url, this.settings, signal);
    const triggerId =
      typeof body === 'object' && body !== null
        ? (body as Record<string, unknown>).trigger_id
        : undefined;
    if (
      !(typeof triggerId === 'number' && Number.isFinite(triggerId)) &&
      !(typeof triggerId === 'string' && triggerId !== '')
    ) {
      throw PandiumApiError.invalidResponse(
        `POST ${url.href}`,
        'an object with a trigger_id',
      );
    }
    return String(triggerId);
  }

  /**
   * Archives the tenant (Pandium's uninstall).
   *
   * @throws {PandiumApiError} when the request fails, times out or answers a non-2xx status.
   */
  async archive(tenantId: number, signal: AbortSignal): Promise<void> {
    const url = new URL(`${this.tenantsUrl}/${tenantId}`);
    await sendPandiumRequest('DELETE', url, this.settings, signal);
  }

  /** Every item of every page of `GET /v2/tenants` with these filters and `archived=false`. */
  private async listPages(
    filters: Record<string, string>,
    signal: AbortSignal,
  ): Promise<unknown[]> {
    const { pageSize, maxPages } = this.settings;
    const tenants: unknown[] = [];
    for (let page = 0; page < maxPages; page += 1) {
      const url = new URL(this.tenantsUrl);
      for (const [name, value] of Object.entries(filters)) {
        url.searchParams.set(name, value);
      }
      url.searchParams.set('archived', 'false');
      url.searchParams.set('limit', String(pageSize));
      url.searchParams.set('skip', String(page * pageSize));
      const body = await getPandiumJson(url, this.settings, signal);
      if (!Array.isArray(body)) {
        throw PandiumApiError.invalidResponse(
          `GET ${requestName(url)}`,
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
