import type { OnApplicationShutdown } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import {
  connectorNameOf,
  isPandiumApiId,
  PandiumApiIntegrationDto,
} from './pandium-api-integration.dto.js';
import type { IntegrationCatalog } from '../core/integration-catalog.interface.js';
import type {
  PandiumApiCatalogOptions,
  PandiumApiIntegration,
} from './pandium-api-catalog-options.interface.js';
import type { PandiumIntegration } from '../core/pandium-integration.interface.js';
import type { ResolvedPandiumApiCatalogOptions } from '../options/pandium-embed-options.validator.js';
import { resolvePandiumApiCatalogOptions } from '../options/pandium-embed-options.validator.js';
import {
  MAX_API_PAGES,
  PANDIUM_API_KEY_HEADER,
} from './pandium-api.constants.js';
import { PandiumApiError } from '../errors/pandium-api.error.js';
import type { ValidationProblem } from '../options/validation-problems.util.js';
import {
  formatProblems,
  parseWith,
} from '../options/validation-problems.util.js';

/** Where an object answer may hold the list: Pandium does not document the envelope of `GET /v2/integrations`. */
const ENVELOPE_KEYS = ['data', 'results', 'items'] as const;

/** The warning about left-out items describes this many, and counts the rest. */
const MAX_DESCRIBED_ITEMS = 10;

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
  }

  /**
   * The integrations this user may install: the cached list (loaded first if there is none), through `filter`.
   *
   * @throws {PandiumApiError} when no list was ever loaded and loading fails.
   */
  async listIntegrations(user: TUser): Promise<PandiumIntegration[]> {
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
      const { items, pages } = await this.fetchAll(controller.signal);
      const integrations = this.toIntegrations(items);
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

  /** Every item of every page, in order. */
  private async fetchAll(
    signal: AbortSignal,
  ): Promise<{ items: unknown[]; pages: number }> {
    const { pageSize } = this.settings;
    const items: unknown[] = [];
    for (let page = 0; page < MAX_API_PAGES; page += 1) {
      const batch = await this.fetchPage(page * pageSize, signal);
      items.push(...batch);
      // Fewer than asked: the last page. More than asked: the API does not page, and sent the whole list.
      if (batch.length !== pageSize) {
        return { items, pages: page + 1 };
      }
    }
    throw PandiumApiError.tooManyPages(MAX_API_PAGES, pageSize);
  }

  /** One page of the list. */
  private async fetchPage(
    skip: number,
    signal: AbortSignal,
  ): Promise<unknown[]> {
    const { apiKey, integrationsUrl, pageSize, requestTimeoutMs } =
      this.settings;
    const url = new URL(integrationsUrl);
    url.searchParams.set('limit', String(pageSize));
    url.searchParams.set('skip', String(skip));
    // The URL carries no secret: the key travels in a header, and the base URL may not hold credentials.
    const request = `GET ${url.href}`;
    const timeout = AbortSignal.timeout(requestTimeoutMs);
    let text: string;
    try {
      const response = await fetch(url, {
        headers: {
          [PANDIUM_API_KEY_HEADER]: apiKey,
          accept: 'application/json',
        },
        // fetch would send the key on to wherever a redirect points.
        redirect: 'error',
        signal: AbortSignal.any([signal, timeout]),
      });
      if (!response.ok) {
        // The body is neither read nor logged (it may echo the request); cancelling frees the connection.
        await response.body?.cancel().catch(() => undefined);
        throw PandiumApiError.badStatus(request, response.status);
      }
      text = await response.text();
    } catch (error) {
      if (error instanceof PandiumApiError) {
        throw error;
      }
      if (signal.aborted) {
        throw PandiumApiError.shutDown();
      }
      if (timeout.aborted) {
        throw PandiumApiError.timedOut(request, requestTimeoutMs);
      }
      throw PandiumApiError.network(request, error);
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw PandiumApiError.malformedJson(request);
    }
    const items = itemsOf(body);
    if (items === undefined) {
      throw PandiumApiError.invalidResponse(request);
    }
    return items;
  }

  /** The catalog entries, without archived, invalid or repeated items; one warning lists what was left out. */
  private toIntegrations(
    items: readonly unknown[],
  ): readonly PandiumIntegration[] {
    const integrations: PandiumIntegration[] = [];
    const ids = new Set<string>();
    const leftOut: string[] = [];
    let leftOutCount = 0;
    items.forEach((item, index) => {
      if (isArchived(item)) {
        return;
      }
      let outcome = this.toIntegration(item);
      if (!Array.isArray(outcome) && ids.has(outcome.id)) {
        outcome = [{ path: 'id', message: 'is listed twice' }];
      }
      if (Array.isArray(outcome)) {
        leftOutCount += 1;
        if (leftOut.length < MAX_DESCRIBED_ITEMS) {
          leftOut.push(
            `${itemLabel(item, index)}: ${formatProblems(outcome).join(', ')}`,
          );
        }
        return;
      }
      ids.add(outcome.id);
      integrations.push(Object.freeze(outcome));
    });
    if (leftOutCount > 0) {
      const more =
        leftOutCount > leftOut.length
          ? `; and ${leftOutCount - leftOut.length} more`
          : '';
      this.logger.warn(
        `Left out ${leftOutCount} of ${items.length} integrations listed by Pandium's API: ` +
          `${leftOut.join('; ')}${more}.`,
      );
    }
    return Object.freeze(integrations);
  }

  /** One catalog entry, or what is wrong with the item. */
  private toIntegration(
    item: unknown,
  ): PandiumIntegration | ValidationProblem[] {
    // Pandium's items carry more fields than the catalog reads: those are ignored.
    const parsed = parseWith(PandiumApiIntegrationDto, item, {
      allowUnknownKeys: true,
    });
    if (parsed.value === undefined) {
      return parsed.problems;
    }
    const { id, name, long_name: longName, connectors } = parsed.value;
    const connectorName = this.connectorNameFor(
      item as PandiumApiIntegration,
      connectors,
    );
    if (typeof connectorName !== 'string') {
      return [connectorName];
    }
    const integration: PandiumIntegration = {
      id: String(id),
      name,
      connectorName,
    };
    if (typeof longName === 'string' && longName.length > 0) {
      integration.displayName = longName;
    }
    return integration;
  }

  /** The `connectorName` option applied to an item, or what is wrong. */
  private connectorNameFor(
    item: PandiumApiIntegration,
    connectors: PandiumApiIntegrationDto['connectors'],
  ): string | ValidationProblem {
    const option = this.settings.connectorName;
    if (typeof option === 'string') {
      return option;
    }
    if (option === undefined) {
      // Each connector was checked by the DTO: a first one has a valid name.
      return (
        connectorNameOf(connectors?.[0]) ?? {
          path: 'connectors',
          message:
            'must list at least one connector (or set the connectorName option)',
        }
      );
    }
    let picked: unknown;
    try {
      picked = option(item);
    } catch (error) {
      const reason = error instanceof Error ? error.name : 'a non-Error value';
      return { path: 'connectorName', message: `option threw (${reason})` };
    }
    return typeof picked === 'string' && connectorNameOf(picked) === picked
      ? picked
      : {
          path: 'connectorName',
          message: 'option must return a connector name of 1–256 characters',
        };
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

function isArchived(item: unknown): boolean {
  return (
    typeof item === 'object' &&
    item !== null &&
    (item as { archived?: unknown }).archived === true
  );
}

/** `item 3 (id 1042)`: the item's place in the whole list, and its id when it has a valid one. */
function itemLabel(item: unknown, index: number): string {
  const id =
    typeof item === 'object' && item !== null
      ? (item as { id?: unknown }).id
      : undefined;
  return isPandiumApiId(id)
    ? `item ${index + 1} (id ${id})`
    : `item ${index + 1}`;
}
