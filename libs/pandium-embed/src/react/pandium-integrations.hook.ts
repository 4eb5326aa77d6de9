import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createPandiumClient } from '../browser/index.js';
import type {
  PandiumCatalogEntry,
  PandiumClientOptions,
  PandiumSyncResult,
} from '../browser/index.js';

/**
 * What {@link usePandiumIntegrations} gives a component: the signed-in user's catalog and the actions of a tile.
 * The functions are stable between renders while the client options are, and may be destructured.
 *
 * @publicApi
 */
export interface PandiumIntegrations {
  /** The catalog as last read (empty until the first read succeeds); kept while a later read is loading or failed. */
  entries: PandiumCatalogEntry[];
  /** Whether a read of the catalog is under way (true from the first render until the first read settles). */
  loading: boolean;
  /** Why the last read failed (a `PandiumRequestError` for a failed request), or `undefined` after a good one. */
  error: Error | undefined;
  /** Reads the catalog again (an earlier read still under way is aborted); never rejects: failures go to `error`. */
  reload: () => Promise<void>;
  /**
   * Starts a run of the user's tenant of that integration, then reads the catalog again.
   *
   * @throws {PandiumRequestError} when the server refused it (a 404 when the user has no live tenant of it).
   */
  run: (integrationId: string) => Promise<PandiumSyncResult>;
  /**
   * Archives the user's tenant of that integration, then reads the catalog again.
   *
   * @throws {PandiumRequestError} when the server refused it (a 404 when the user has no live tenant of it).
   */
  uninstall: (integrationId: string) => Promise<void>;
}

interface CatalogState {
  entries: PandiumCatalogEntry[];
  loading: boolean;
  error: Error | undefined;
}

/**
 * The signed-in user's integrations with their statuses, read through `createPandiumClient` when the component
 * mounts (and again when `endpoint`, `credentials` or `baseUrl` change), with `run` and `uninstall`. A read under way
 * is aborted on unmount, and no state is set after it; `fetch` may be a new function on every render.
 *
 * ```tsx
 * const { entries, loading, error, run } = usePandiumIntegrations();
 * if (loading && entries.length === 0) return <p>Loading…</p>;
 * if (error) return <p role="alert">{error.message}</p>;
 * return entries.map((entry) => (
 *   <IntegrationTile key={entry.id} entry={entry} onRun={() => run(entry.id)} />
 * ));
 * ```
 *
 * @publicApi
 */
export function usePandiumIntegrations(
  options: PandiumClientOptions = {},
): PandiumIntegrations {
  const { endpoint, credentials, baseUrl } = options;
  // The latest fetch, so that an inline function does not make a new client (and a new read) on every render.
  const latestFetch = useRef(options.fetch);
  useEffect(() => {
    latestFetch.current = options.fetch;
  });
  const client = useMemo(
    () =>
      createPandiumClient({
        endpoint,
        credentials,
        baseUrl,
        fetch: (input, init) =>
          (latestFetch.current ?? globalThis.fetch)(input, init),
      }),
    [endpoint, credentials, baseUrl],
  );
  const [state, setState] = useState<CatalogState>({
    entries: [],
    loading: true,
    error: undefined,
  });
  const mounted = useRef(false);
  const read = useRef<AbortController | undefined>(undefined);

  const reload = useCallback(async (): Promise<void> => {
    if (!mounted.current) {
      return;
    }
    read.current?.abort();
    const current = new AbortController();
    read.current = current;
    setState((previous) => ({ ...previous, loading: true }));
    try {
      const entries = await client.listIntegrations(current.signal);
      // Aborted: unmounted, or a newer read owns the state.
      if (!current.signal.aborted) {
        setState({ entries, loading: false, error: undefined });
      }
    } catch (error) {
      if (!current.signal.aborted) {
        setState((previous) => ({
          entries: previous.entries,
          loading: false,
          error: error instanceof Error ? error : new Error(String(error)),
        }));
      }
    } finally {
      if (read.current === current) {
        read.current = undefined;
      }
    }
  }, [client]);

  useEffect(() => {
    mounted.current = true;
    void reload();
    return () => {
      mounted.current = false;
      read.current?.abort();
      read.current = undefined;
    };
  }, [reload]);

  // Actions are not aborted on unmount: a confirmed uninstall must not be cancelled by leaving the page.
  const run = useCallback(
    async (integrationId: string): Promise<PandiumSyncResult> => {
      const result = await client.runIntegration(integrationId);
      await reload();
      return result;
    },
    [client, reload],
  );
  const uninstall = useCallback(
    async (integrationId: string): Promise<void> => {
      await client.uninstallIntegration(integrationId);
      await reload();
    },
    [client, reload],
  );

  return { ...state, reload, run, uninstall };
}
