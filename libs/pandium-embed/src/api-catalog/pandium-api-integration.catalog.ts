import type { OnApplicationShutdown } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import type { IntegrationCatalog } from '../core/integration-catalog.interface.js';
import type { PandiumIntegration } from '../core/pandium-integration.interface.js';
import { PandiumApiError } from '../errors/pandium-api.error.js';
import type { PandiumApiCatalogOptions } from './pandium-api-catalog-options.interface.js';
import type { ResolvedPandiumApiCatalogOptions } from './pandium-api-catalog-options.schema.js';
import { resolvePandiumApiCatalogOptions } from './pandium-api-catalog-options.schema.js';
import { PandiumApiIntegrationLoader } from './pandium-api-integration.loader.js';
import { mapApiIntegrations } from './pandium-api-integration.mapper.js';
import { markCacheHit } from '../telemetry/pandium-span.util.js';

interface LoadedCopy {
  readonly integrations: readonly PandiumIntegration[];
  /** When the copy is next refreshed, in milliseconds on the catalog's clock. */
  refreshAt: number;
}

/**
 * An {@link IntegrationCatalog} read from Pandium's REST API (`GET /v2/integrations`, header `X-API-KEY`), so
 * the catalog follows what is configured in Pandium instead of a list kept in code.
 *
 * - **Paging**: asks for `limit=<pageSize>&skip=<n>` until a page holds fewer than `pageSize` items (or more:
 *   an API that does not page has sent the whole list), reading at most 100 pages.
 * - **Answer shape**: Pandium does not document the envelope, so the body may be the array of integrations or
 *   an object holding it under `data`, `results` or `items`.
 * - **Mapping**: `id` (a number or a string of digits) becomes the string id of the install URL, `name` the
 *   programmatic name, `long_name` (when not empty) the `displayName`; the connector name is the
 *   `connectorName` option, or by default the name of the first entry of `connectors` (a string or an object
 *   with a `name`). Items with `archived: true` are left out. An item that fails validation is left out, with
 *   one warning per load naming the item and the field; so is a repeated id.
 * - **Cache**: the list is kept in memory for `ttlSeconds`. The first call waits for the load; later calls
 *   answer from memory at once and, once the copy is stale, start one refresh in the background (concurrent
 *   callers share one load). A failed load (time-out, non-2xx status, malformed JSON, an unexpected shape) is
 *   logged as a warning and the last good copy keeps being served, with the next try after `min(ttlSeconds, 30 s)`;
 *   with no good copy yet, `listIntegrations` rejects with a {@link PandiumApiError}, which the service answers
 *   as a logged 502. The first load must fit in the module's `strategyTimeoutMs`.
 * - **Per user**: the `filter` option narrows the cached list for each user.
 * - **Lifecycle**: no timers; `onApplicationShutdown` aborts a request under way. Each instance holds its own
 *   cache: behind several instances, each reads Pandium's API on its own.
 *
 * The API key is sent to the configured host only (redirects are refused), and never logged.
 *
 * @example
 * ```ts
 * PandiumEmbedModule.forRoot({
 *   account: 'acme',
 *   sharedSecret: process.env.PANDIUM_SHARED_SECRET!,
 *   claimsProvider: AppClaimsProvider,
 *   tokenProvider: AppTokenProvider,
 *   integrationCatalog: {
 *     useValue: new PandiumApiIntegrationCatalog<AppUser>({
 *       apiKey: process.env.PANDIUM_API_KEY!,
 *       environment: 'sandbox',
 *       filter: (integrations, user) =>
 *         user.plan === 'pro' ? integrations : integrations.filter(({ name }) => !name.startsWith('erp-')),
 *     }),
 *   },
 * });
 * ```
 *
 * @typeParam TUser the host app's authenticated user.
 * @see https://docs.pandium.com/reference/pandium-api
 * @publicApi
 */
export class PandiumApiIntegrationCatalog<TUser = unknown>
  implements IntegrationCatalog<TUser>, OnApplicationShutdown
{
  private readonly logger = new Logger(PandiumApiIntegrationCatalog.name);

  private readonly settings: ResolvedPandiumApiCatalogOptions<TUser>;

  private readonly loader: PandiumApiIntegrationLoader;

  /** The last good list, when one was ever loaded. */
  private copy: LoadedCopy | undefined;

  /** The load under way, shared by every caller. */
  private loading: Promise<readonly PandiumIntegration[]> | undefined;

  /** Aborts the load under way, at shutdown. */
  private loadController: AbortController | undefined;

  private isShutDown = false;

  /** @throws {PandiumOptionsError} naming every bad option (never the API key's value). */
  constructor(options: PandiumApiCatalogOptions<TUser>) {
    this.settings = resolvePandiumApiCatalogOptions(options);
    this.loader = new PandiumApiIntegrationLoader(this.settings);
  }

  /**
   * The integrations this user may install: the cached list (loaded first if there is none), through `filter`.
   *
   * @throws {PandiumApiError} when no list was ever loaded and loading fails.
   */
  async listIntegrations(user: TUser): Promise<PandiumIntegration[]> {
    // On the IntegrationCatalog strategy span: a copy in memory (fresh or stale) answers without Pandium's API.
    markCacheHit(this.copy !== undefined);
    // Copies, so a filter may change what it is given without touching the cache.
    const integrations = (await this.current()).map((integration) => ({
      ...integration,
    }));
    const { filter } = this.settings;
    return filter === undefined ? integrations : filter(integrations, user);
  }

  /**
   * Loads the list from Pandium's API now, or joins the load under way. Calls trigger loads on their own; call
   * this at start-up to warm the cache, or to fail fast on a wrong API key.
   *
   * @throws {PandiumApiError} when the load fails (also logged as a warning; the last good copy is kept).
   */
  async refresh(): Promise<void> {
    await this.sharedLoad();
  }

  /** Aborts the request under way; the catalog loads nothing more. */
  onApplicationShutdown(): void {
    this.isShutDown = true;
    this.loadController?.abort();
  }

  private current():
    readonly PandiumIntegration[] | Promise<readonly PandiumIntegration[]> {
    if (this.copy === undefined) {
      return this.sharedLoad();
    }
    if (
      this.loading === undefined &&
      this.settings.clock.now() >= this.copy.refreshAt
    ) {
      // Stale while revalidating: the failure, if any, is logged by load() and the old copy is kept.
      this.sharedLoad().catch(() => undefined);
    }
    return this.copy.integrations;
  }

  private sharedLoad(): Promise<readonly PandiumIntegration[]> {
    this.loading ??= this.load().finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  private async load(): Promise<readonly PandiumIntegration[]> {
    if (this.isShutDown) {
      throw PandiumApiError.shutDown();
    }
    const controller = new AbortController();
    this.loadController = controller;
    try {
      const { items, pages } = await this.loader.loadAll(controller.signal);
      const { integrations, warning } = mapApiIntegrations(
        items,
        this.settings.connectorName,
      );
      if (warning !== undefined) {
        this.logger.warn(warning);
      }
      this.copy = {
        integrations,
        refreshAt: this.settings.clock.now() + this.settings.ttlMs,
      };
      this.logger.debug(
        `Loaded ${integrations.length} integrations from Pandium's API (${pages} page${pages === 1 ? '' : 's'}).`,
      );
      return integrations;
    } catch (error) {
      this.reportFailure(error);
      throw error;
    } finally {
      this.loadController = undefined;
    }
  }

  /** Warns about a failed load (not one aborted by shutdown), and puts the next try off when a copy is served. */
  private reportFailure(error: unknown): void {
    if (error instanceof PandiumApiError && error.reason === 'shut-down') {
      return;
    }
    const cause = error instanceof Error ? error.message : String(error);
    if (this.copy === undefined) {
      this.logger.warn(
        `${cause} No integration list was loaded yet: listing integrations fails until a load succeeds.`,
      );
      return;
    }
    const { clock, retryMs } = this.settings;
    this.copy.refreshAt = clock.now() + retryMs;
    this.logger.warn(
      `${cause} Serving the list loaded before; trying again in ${retryMs / 1000} s.`,
    );
  }
}
