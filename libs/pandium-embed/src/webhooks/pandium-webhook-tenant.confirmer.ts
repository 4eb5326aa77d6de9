import { getPandiumJson, pandiumApiUrl } from '../core/pandium-api.request.js';
import type { PandiumApiRequestSettings } from '../core/pandium-api.request.js';
import { PandiumApiError } from '../errors/pandium-api.error.js';
import type { PandiumTenantWebhookEvent } from './pandium-webhook-event.interface.js';

/** The tenant list, below the API host. */
const TENANTS_PATH = 'v2/tenants';

/** How the confirmer pages: Pandium's largest `limit`, and where a list that never ends stops. @internal */
export const TENANT_CONFIRMATION_PAGING = { pageSize: 500, maxPages: 20 };

/** What the confirmer reads of its settings. @internal */
export interface PandiumTenantConfirmerSettings extends PandiumApiRequestSettings {
  /** The REST API host, e.g. `https://api.sandbox.pandium.com`. */
  readonly apiBaseUrl: string;
}

/** What Pandium's API says of a tenant event. @internal */
export type TenantConfirmation = 'confirmed' | 'contradicted';

/**
 * Confirms a tenant event against Pandium's API, since notifications are not signed: the tenant must be listed by
 * `GET /v2/tenants?integration_id=<id>&archived=<true for tenant_archived, else false>` (paged), with that
 * integration. Anyone who learns the webhook URL can post a notification; only Pandium's API, called with our key,
 * says whether it is true.
 *
 * @internal
 */
export class PandiumWebhookTenantConfirmer {
  private readonly tenantsUrl: string;

  constructor(private readonly settings: PandiumTenantConfirmerSettings) {
    this.tenantsUrl = pandiumApiUrl(settings.apiBaseUrl, TENANTS_PATH).href;
  }

  /**
   * Whether Pandium's API lists the event's tenant, in the event's integration and archived state.
   *
   * @throws {PandiumApiError} when the API cannot be read (the event is then neither confirmed nor contradicted).
   */
  async confirm(
    event: PandiumTenantWebhookEvent,
    signal: AbortSignal,
  ): Promise<TenantConfirmation> {
    const { pageSize, maxPages } = TENANT_CONFIRMATION_PAGING;
    const archived = event.type === 'tenant_archived';
    for (let page = 0; page < maxPages; page += 1) {
      const url = new URL(this.tenantsUrl);
      url.searchParams.set('integration_id', String(event.integrationId));
      url.searchParams.set('archived', String(archived));
      url.searchParams.set('limit', String(pageSize));
      url.searchParams.set('skip', String(page * pageSize));
      const body = await getPandiumJson(url, this.settings, signal);
      if (!Array.isArray(body)) {
        throw PandiumApiError.invalidResponse(
          `GET ${url.href}`,
          'a list of tenants',
        );
      }
      const tenant = (body as { id?: unknown }[]).find(
        (candidate) => candidate?.id === event.tenantId,
      ) as { integration_id?: unknown; archived?: unknown } | undefined;
      if (tenant !== undefined) {
        const sameIntegration =
          tenant.integration_id === undefined ||
          tenant.integration_id === event.integrationId;
        const sameState =
          tenant.archived === undefined || tenant.archived === archived;
        return sameIntegration && sameState ? 'confirmed' : 'contradicted';
      }
      if (body.length < pageSize) {
        return 'contradicted';
      }
    }
    throw PandiumApiError.tooManyPages(maxPages, pageSize, 'tenants');
  }
}
