import { PandiumApiError } from '../errors/pandium-api.error.js';
import type { ResolvedPandiumApiCatalogOptions } from './pandium-api-catalog-options.schema.js';
import { getPandiumJson } from '../core/pandium-api.request.js';
import { MAX_API_PAGES } from './pandium-api.constants.js';

/** Where an object answer may hold the list: Pandium does not document the envelope of `GET /v2/integrations`. */
const ENVELOPE_KEYS = ['data', 'results', 'items'] as const;

/** What the loader reads of the catalog's settings. */
type LoaderSettings = Pick<
  ResolvedPandiumApiCatalogOptions<unknown>,
  'apiKey' | 'integrationsUrl' | 'pageSize' | 'requestTimeoutMs'
>;

/**
 * Reads every item of Pandium's `GET /v2/integrations`, page by page (`limit=<pageSize>&skip=<n>`), with the API key
 * in the `X-API-KEY` header, sent to the configured host only. Items are returned as Pandium sent them.
 *
 * @internal
 */
export class PandiumApiIntegrationLoader {
  constructor(private readonly settings: LoaderSettings) {}

  /**
   * Every item of every page, in order, and how many pages were read: until a page holds fewer than `pageSize`
   * items (or more: an API that does not page has sent the whole list), at most 100 pages.
   *
   * @throws {PandiumApiError} when a request fails, times out, answers a non-2xx status or an unexpected body.
   */
  async loadAll(
    signal: AbortSignal,
  ): Promise<{ items: unknown[]; pages: number }> {
    const { pageSize } = this.settings;
    const items: unknown[] = [];
    for (let page = 0; page < MAX_API_PAGES; page += 1) {
      const batch = await this.loadPage(page * pageSize, signal);
      items.push(...batch);
      // Fewer than asked: the last page. More than asked: the API does not page, and sent the whole list.
      if (batch.length !== pageSize) {
        return { items, pages: page + 1 };
      }
    }
    throw PandiumApiError.tooManyPages(MAX_API_PAGES, pageSize);
  }

  /** One page of the list. */
  private async loadPage(
    skip: number,
    signal: AbortSignal,
  ): Promise<unknown[]> {
    const { integrationsUrl, pageSize } = this.settings;
    const url = new URL(integrationsUrl);
    url.searchParams.set('limit', String(pageSize));
    url.searchParams.set('skip', String(skip));
    // The URL carries no secret: the key travels in a header, and the base URL may not hold credentials.
    const items = itemsOf(await getPandiumJson(url, this.settings, signal));
    if (items === undefined) {
      throw PandiumApiError.invalidResponse(`GET ${url.href}`);
    }
    return items;
  }
}

/** The list in an answer body: the body itself, or the array under one of the envelope keys. */
function itemsOf(body: unknown): unknown[] | undefined {
  if (Array.isArray(body)) {
    return body as unknown[];
  }
  if (typeof body !== 'object' || body === null) {
    return undefined;
  }
  const envelope = body as Record<string, unknown>;
  const key = ENVELOPE_KEYS.find((name) => Array.isArray(envelope[name]));
  return key === undefined ? undefined : (envelope[key] as unknown[]);
}
