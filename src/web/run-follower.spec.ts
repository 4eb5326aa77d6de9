import {
  afterEach,
  beforeEach,
  describe,
  expect,
  it,
  jest,
} from '@jest/globals';
import { PandiumRequestError } from 'pandium-embed/browser';
import type {
  PandiumCatalogEntry,
  PandiumClient,
  PandiumIntegrationStatus,
} from 'pandium-embed/browser';
import {
  FOLLOW_DELAYS_MS,
  REFRESH_INTERVAL_MS,
  RefreshPacer,
  followRun,
} from './run-follower.js';

/** A client whose catalog answers `statuses` one read after another (the last one again once they run out). */
function fakeClient(statuses: (PandiumIntegrationStatus | undefined)[]) {
  const calls: string[] = [];
  let reads = 0;
  const client: PandiumClient = {
    listIntegrations: () => {
      calls.push('list');
      const status = statuses[Math.min(reads++, statuses.length - 1)];
      const entry: PandiumCatalogEntry = {
        id: '1042',
        name: 'gwt2hs',
        connectorName: 'gwt',
        status,
      };
      return Promise.resolve([entry]);
    },
    refreshStatuses: () => {
      calls.push('refresh');
      return Promise.resolve();
    },
    runIntegration: () => Promise.reject(new Error('not used')),
    uninstallIntegration: () => Promise.reject(new Error('not used')),
  };
  return { client, calls };
}

const installed = (
  lastRunAt?: string,
  lastRunStatus?: string,
): PandiumIntegrationStatus => ({
  state: 'installed',
  tenantId: 7,
  lastRunAt,
  lastRunStatus,
});

describe('followRun', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  const follow = (client: PandiumClient, signal: AbortSignal) => {
    const shown: PandiumCatalogEntry[][] = [];
    const result = followRun({
      client,
      pacer: new RefreshPacer(client),
      integrationId: '1042',
      lastRunAtBefore: '2026-12-06T09:00:00.000Z',
      onEntries: (entries) => shown.push(entries),
      signal,
    });
    return { result, shown };
  };

  it('should refresh then read, no sooner than the interval, until the last run is a newer one', async () => {
    const { client, calls } = fakeClient([
      installed('2026-12-06T09:00:00.000Z', 'Succeeded'),
      installed('2026-12-06T09:01:00.000Z', 'Failed'),
    ]);
    const { result, shown } = follow(client, new AbortController().signal);

    await jest.advanceTimersByTimeAsync(REFRESH_INTERVAL_MS - 1);
    expect(calls).toEqual([]);
    await jest.advanceTimersByTimeAsync(1);
    expect(calls).toEqual(['refresh', 'list']);
    await jest.advanceTimersByTimeAsync(FOLLOW_DELAYS_MS[1]);

    await expect(result).resolves.toMatchObject({ lastRunStatus: 'Failed' });
    expect(calls).toEqual(['refresh', 'list', 'refresh', 'list']);
    expect(shown).toHaveLength(2);
  });

  it('should give up after its bounded number of reads', async () => {
    const { client, calls } = fakeClient([installed()]);
    const { result } = follow(client, new AbortController().signal);

    await jest.advanceTimersByTimeAsync(
      FOLLOW_DELAYS_MS.reduce((sum, ms) => sum + ms, 0),
    );

    await expect(result).resolves.toBeUndefined();
    expect(calls.filter((call) => call === 'list')).toHaveLength(
      FOLLOW_DELAYS_MS.length,
    );
  });

  it('should stop when the tile is no longer installed', async () => {
    const { client, calls } = fakeClient([{ state: 'not-installed' }]);
    const { result } = follow(client, new AbortController().signal);

    await jest.advanceTimersByTimeAsync(FOLLOW_DELAYS_MS[0]);

    await expect(result).resolves.toBeUndefined();
    expect(calls).toEqual(['refresh', 'list']);
  });

  it('should reject with the reason and read nothing more when its signal aborts', async () => {
    const { client, calls } = fakeClient([installed()]);
    const controller = new AbortController();
    const { result } = follow(client, controller.signal);
    const settled = result.catch((error: unknown) => error);

    controller.abort(new Error('signed out'));

    await expect(settled).resolves.toEqual(new Error('signed out'));
    await jest.advanceTimersByTimeAsync(60_000);
    expect(calls).toEqual([]);
  });
});

describe('RefreshPacer', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('should wait out the interval after a refresh someone else asked for', async () => {
    const { client, calls } = fakeClient([installed()]);
    const pacer = new RefreshPacer(client);
    pacer.noteRefreshed();

    const done = pacer.refresh(0, new AbortController().signal);
    await jest.advanceTimersByTimeAsync(REFRESH_INTERVAL_MS - 1);
    expect(calls).toEqual([]);
    await jest.advanceTimersByTimeAsync(1);
    await done;

    expect(calls).toEqual(['refresh']);
  });

  it('should take a 429 as no refresh, and wait its Retry-After before the next', async () => {
    const { client, calls } = fakeClient([installed()]);
    const tooMany = PandiumRequestError.http(
      new Response(null, { status: 429, headers: { 'Retry-After': '30' } }),
      undefined,
    );
    client.refreshStatuses = () => {
      calls.push('refresh');
      return Promise.reject(tooMany);
    };
    const pacer = new RefreshPacer(client);
    const signal = new AbortController().signal;

    await pacer.refresh(0, signal);
    const next = pacer.refresh(0, signal);
    await jest.advanceTimersByTimeAsync(29_999);
    expect(calls).toEqual(['refresh']);
    await jest.advanceTimersByTimeAsync(1);
    await next;

    expect(calls).toEqual(['refresh', 'refresh']);
  });

  it('should pass any other failure on', async () => {
    const { client } = fakeClient([installed()]);
    const gone = PandiumRequestError.http(
      new Response(null, { status: 401 }),
      undefined,
    );
    client.refreshStatuses = () => Promise.reject(gone);

    await expect(
      new RefreshPacer(client).refresh(0, new AbortController().signal),
    ).rejects.toBe(gone);
  });
});
