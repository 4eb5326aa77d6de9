/** @jest-environment jsdom */
import { act, renderHook, waitFor } from '@testing-library/react';
import { PandiumRequestError } from '../browser/index.js';
import type {
  PandiumCatalogEntry,
  PandiumClientOptions,
} from '../browser/index.js';
import {
  deferred,
  fakeFetch,
  jsonResponse,
} from '../browser/pandium-browser.spec-utils.js';
import { usePandiumIntegrations } from './pandium-integrations.hook.js';

const INSTALLED: PandiumCatalogEntry = {
  id: '1042',
  name: 'hubspot-sync',
  connectorName: 'hubspot',
  status: { state: 'installed', tenantId: 77 },
};
const NOT_INSTALLED: PandiumCatalogEntry = {
  ...INSTALLED,
  status: { state: 'not-installed' },
};

const CATALOG_URL = 'http://localhost/pandium/integrations';

/** The hook over a fake server: `catalogs` answers the reads in turn (the last one repeats), `action` the rest. */
function setup(
  catalogs: Array<() => Response | Promise<Response>>,
  action: (url: string, init: RequestInit) => Response = () =>
    jsonResponse(204, undefined),
  options: PandiumClientOptions = {},
) {
  let reads = 0;
  const fetch = fakeFetch((url, init) =>
    url === CATALOG_URL && init.method === 'GET'
      ? catalogs[Math.min(reads++, catalogs.length - 1)]()
      : action(url, init),
  );
  const hook = renderHook(
    (props: PandiumClientOptions) => usePandiumIntegrations(props),
    { initialProps: { fetch, ...options } },
  );
  const requests = () =>
    fetch.mock.calls.map(([url, init]) => `${init!.method} ${url as string}`);
  return { fetch, hook, requests };
}

describe('usePandiumIntegrations', () => {
  describe('reading the catalog', () => {
    it('should be loading with no entries, then hold the catalog', async () => {
      const { hook, requests } = setup([() => jsonResponse(200, [INSTALLED])]);

      expect(hook.result.current).toMatchObject({
        entries: [],
        loading: true,
        error: undefined,
      });
      await waitFor(() => expect(hook.result.current.loading).toBe(false));

      expect(hook.result.current.entries).toEqual([INSTALLED]);
      expect(hook.result.current.error).toBeUndefined();
      expect(requests()).toEqual([`GET ${CATALOG_URL}`]);
    });

    it('should report a failed read in error, keep the last entries, and clear the error on a good reload', async () => {
      const { hook } = setup([
        () => jsonResponse(200, [INSTALLED]),
        () =>
          jsonResponse(
            503,
            { statusCode: 503, message: 'Try later.' },
            { 'Retry-After': '5' },
          ),
        () => jsonResponse(200, [NOT_INSTALLED]),
      ]);
      await waitFor(() => expect(hook.result.current.loading).toBe(false));

      await act(() => hook.result.current.reload());
      const { error, entries, loading } = hook.result.current;
      expect(error).toBeInstanceOf(PandiumRequestError);
      expect(error).toMatchObject({ status: 503, retryAfterSeconds: 5 });
      expect(entries).toEqual([INSTALLED]);
      expect(loading).toBe(false);

      await act(() => hook.result.current.reload());
      expect(hook.result.current.error).toBeUndefined();
      expect(hook.result.current.entries).toEqual([NOT_INSTALLED]);
    });

    it('should let the newest read win: a reload aborts the read under way', async () => {
      const first = deferred<Response>();
      const { fetch, hook } = setup([
        () => first.promise,
        () => jsonResponse(200, [NOT_INSTALLED]),
      ]);
      const firstSignal = fetch.mock.calls[0][1]!.signal!;

      await act(() => hook.result.current.reload());
      first.resolve(jsonResponse(200, [INSTALLED]));
      await act(() => first.promise);

      expect(firstSignal.aborted).toBe(true);
      expect(hook.result.current.entries).toEqual([NOT_INSTALLED]);
      expect(hook.result.current.loading).toBe(false);
    });

    it('should not read again when only fetch changes, and use the new fetch on the next read', async () => {
      const { fetch, hook } = setup([() => jsonResponse(200, [INSTALLED])]);
      await waitFor(() => expect(hook.result.current.loading).toBe(false));
      const next = fakeFetch(() => jsonResponse(200, [NOT_INSTALLED]));

      hook.rerender({ fetch: next });
      expect(next).not.toHaveBeenCalled();
      await act(() => hook.result.current.reload());

      expect(fetch).toHaveBeenCalledTimes(1);
      expect(next).toHaveBeenCalledTimes(1);
      expect(hook.result.current.entries).toEqual([NOT_INSTALLED]);
    });

    it('should read again from the new endpoint when endpoint changes', async () => {
      const { fetch, hook, requests } = setup([
        () => jsonResponse(200, [INSTALLED]),
      ]);
      await waitFor(() => expect(hook.result.current.loading).toBe(false));

      const moved = fakeFetch(() => jsonResponse(200, []));
      hook.rerender({ fetch: moved, endpoint: '/api/pandium' });
      await waitFor(() => expect(hook.result.current.entries).toEqual([]));

      expect(requests()).toEqual([`GET ${CATALOG_URL}`]);
      expect(fetch).toHaveBeenCalledTimes(1);
      expect(moved.mock.calls.map(([url]) => url)).toEqual([
        'http://localhost/api/pandium/integrations',
      ]);
    });
  });

  describe('actions', () => {
    it('should run: POST …/sync, answer the triggerId, then read the catalog again', async () => {
      const { hook, requests } = setup(
        [
          () => jsonResponse(200, [INSTALLED]),
          () =>
            jsonResponse(200, [
              { ...INSTALLED, status: { state: 'failing', tenantId: 77 } },
            ]),
        ],
        () => jsonResponse(202, { triggerId: 'trg-1' }),
      );
      await waitFor(() => expect(hook.result.current.loading).toBe(false));

      let result: unknown;
      await act(async () => {
        result = await hook.result.current.run('1042');
      });

      expect(result).toEqual({ triggerId: 'trg-1' });
      expect(requests()).toEqual([
        `GET ${CATALOG_URL}`,
        `POST ${CATALOG_URL}/1042/sync`,
        `GET ${CATALOG_URL}`,
      ]);
      expect(hook.result.current.entries[0].status?.state).toBe('failing');
    });

    it('should uninstall: DELETE …/tenant, then read the catalog again', async () => {
      const { hook, requests } = setup([
        () => jsonResponse(200, [INSTALLED]),
        () => jsonResponse(200, [NOT_INSTALLED]),
      ]);
      await waitFor(() => expect(hook.result.current.loading).toBe(false));

      await act(() => hook.result.current.uninstall('1042'));

      expect(requests()).toEqual([
        `GET ${CATALOG_URL}`,
        `DELETE ${CATALOG_URL}/1042/tenant`,
        `GET ${CATALOG_URL}`,
      ]);
      expect(hook.result.current.entries).toEqual([NOT_INSTALLED]);
    });

    it('should reject a refused action with the PandiumRequestError and not read again', async () => {
      const { hook, requests } = setup(
        [() => jsonResponse(200, [NOT_INSTALLED])],
        () =>
          jsonResponse(404, {
            statusCode: 404,
            message: 'You have no tenant of this integration.',
            code: 'PANDIUM_TENANT_NOT_FOUND',
          }),
      );
      await waitFor(() => expect(hook.result.current.loading).toBe(false));

      const error = await act(() =>
        hook.result.current
          .uninstall('1042')
          .catch((reason: unknown) => reason),
      );

      expect(error).toBeInstanceOf(PandiumRequestError);
      expect(error).toMatchObject({
        status: 404,
        code: 'PANDIUM_TENANT_NOT_FOUND',
      });
      expect(requests()).toHaveLength(2);
      expect(hook.result.current.error).toBeUndefined();
    });
  });

  describe('unmount', () => {
    it('should abort the read under way', () => {
      const { fetch, hook } = setup([() => new Promise<Response>(() => {})]);
      const signal = fetch.mock.calls[0][1]!.signal!;

      hook.unmount();

      expect(signal.aborted).toBe(true);
    });

    it('should not read again after an action that ends after unmount, nor on reload', async () => {
      const pending = deferred<Response>();
      const { fetch, hook } = setup(
        [() => jsonResponse(200, [INSTALLED])],
        () => pending.promise as unknown as Response,
      );
      await waitFor(() => expect(hook.result.current.loading).toBe(false));
      const { run, reload } = hook.result.current;

      const ran = run('1042');
      hook.unmount();
      pending.resolve(jsonResponse(202, { triggerId: 'trg-2' }));

      await expect(ran).resolves.toEqual({ triggerId: 'trg-2' });
      await reload();
      expect(fetch).toHaveBeenCalledTimes(2);
    });
  });
});
