import { field, readJson } from './pandium-json.util.js';
import { PandiumRequestError } from './pandium-browser.errors.js';
import { PANDIUM_DEFAULT_ENDPOINT } from './pandium-browser.constants.js';
import type {
  PandiumCatalogEntry,
  PandiumSyncResult,
} from './pandium-catalog-entry.interface.js';

/**
 * Options of {@link createPandiumClient}.
 *
 * @publicApi
 */
export interface PandiumClientOptions {
  /**
   * The library's route prefix, relative to the page (or absolute).
   * @default '/pandium'
   */
  endpoint?: string;
  /**
   * The `fetch` used to call the library's routes: pass one that adds your `Authorization` header when your app
   * authenticates with bearer tokens.
   * @default globalThis.fetch
   */
  fetch?: typeof fetch;
  /**
   * The `credentials` of that fetch: `'include'` when `endpoint` is on another origin and your app authenticates
   * with cookies.
   * @default 'same-origin'
   */
  credentials?: 'same-origin' | 'include';
  /**
   * What a relative `endpoint` is resolved against.
   * @default document.baseURI
   */
  baseUrl?: string;
}

/**
 * The calls a tile needs, on the library's routes, as the signed-in user. Every method rejects with a
 * {@link PandiumRequestError}, except when its `signal` aborts (then with whatever `fetch` rejects with, or the
 * signal's reason when the abort comes after the answer), and `runIntegration` / `uninstallIntegration` with a
 * `TypeError` for an `integrationId` that is empty, `.` or `..`.
 *
 * @publicApi
 */
export interface PandiumClient {
  /** `GET <endpoint>/integrations`: the user's catalog, each entry with its `status` when the server has an API key. */
  listIntegrations(signal?: AbortSignal): Promise<PandiumCatalogEntry[]>;
  /** `POST <endpoint>/integrations/:id/sync`: starts a run of the user's own tenant of that integration. */
  runIntegration(
    integrationId: string,
    signal?: AbortSignal,
  ): Promise<PandiumSyncResult>;
  /** `DELETE <endpoint>/integrations/:id/tenant`: archives the user's own tenant of that integration. */
  uninstallIntegration(
    integrationId: string,
    signal?: AbortSignal,
  ): Promise<void>;
  /**
   * `POST <endpoint>/integrations/refresh`: asks the server to read the user's statuses from Pandium on the next
   * `listIntegrations` (after Pandium's `pandium-save-sync`; the mount helpers call it themselves). The server honours
   * it at most every few seconds per user.
   */
  refreshStatuses(signal?: AbortSignal): Promise<void>;
}

/**
 * A client of the library's catalog and lifecycle routes, for the page's tiles.
 *
 * ```ts
 * const pandium = createPandiumClient({ fetch: withBearerToken });
 * for (const entry of await pandium.listIntegrations()) {
 *   showTile(entry.displayName ?? entry.name, entry.status?.state);
 * }
 * await pandium.runIntegration('1042');
 * ```
 *
 * @publicApi
 */
export function createPandiumClient(
  options: PandiumClientOptions = {},
): PandiumClient {
  const prefix = (options.endpoint ?? PANDIUM_DEFAULT_ENDPOINT).replace(
    /\/+$/,
    '',
  );
  const send = async (
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    signal: AbortSignal | undefined,
  ): Promise<Response> => {
    const url = new URL(
      `${prefix}${path}`,
      options.baseUrl ?? globalThis.document?.baseURI,
    );
    const fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);
    let response: Response;
    try {
      response = await fetchFn(url.href, {
        method,
        credentials: options.credentials ?? 'same-origin',
        cache: 'no-store',
        headers: { Accept: 'application/json' },
        signal,
      });
    } catch (error) {
      if (signal?.aborted) {
        throw error;
      }
      throw PandiumRequestError.network(error);
    }
    // A host's fetch may ignore the signal: an abort during the request still wins over its answer.
    if (signal?.aborted) {
      await discard(response);
      throw signal.reason;
    }
    if (!response.ok) {
      throw PandiumRequestError.http(
        response,
        await readJson(response, signal),
      );
    }
    return response;
  };
  const integrationPath = (integrationId: string, action: string): string => {
    // URL parsing drops `.` and `..` segments, encoded or not: `runIntegration('..')` would POST another route.
    if (
      typeof integrationId !== 'string' ||
      integrationId.trim() === '' ||
      integrationId === '.' ||
      integrationId === '..'
    ) {
      throw new TypeError(
        'integrationId must be a non-empty string other than "." and "..".',
      );
    }
    return `/integrations/${encodeURIComponent(integrationId)}/${action}`;
  };

  return {
    async listIntegrations(signal) {
      const body = await readJson(
        await send('GET', '/integrations', signal),
        signal,
      );
      if (!Array.isArray(body)) {
        throw PandiumRequestError.invalidResponse('the catalog is not a list');
      }
      return body as PandiumCatalogEntry[];
    },
    async runIntegration(integrationId, signal) {
      const response = await send(
        'POST',
        integrationPath(integrationId, 'sync'),
        signal,
      );
      const triggerId = field(await readJson(response, signal), 'triggerId');
      if (typeof triggerId !== 'string') {
        throw PandiumRequestError.invalidResponse('triggerId is missing');
      }
      return { triggerId };
    },
    async uninstallIntegration(integrationId, signal) {
      await discard(
        await send('DELETE', integrationPath(integrationId, 'tenant'), signal),
      );
    },
    async refreshStatuses(signal) {
      await discard(await send('POST', '/integrations/refresh', signal));
    },
  };
}

/** Frees the connection of an answer whose body is not used. */
async function discard(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}
