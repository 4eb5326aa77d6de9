import { describe, expect, it } from '@jest/globals';
import type { PandiumIntegrationStatus } from '../core/pandium-integration-status.interface.js';
import { PandiumTestClock } from '../testing/pandium-test.clock.js';
import { InMemoryStatusStore } from './in-memory-status.store.js';
import type { PandiumStatusStore } from './pandium-status-store.interface.js';
import type { CachedRead, Statuses } from './pandium-status.cache.js';
import { PandiumStatusCache } from './pandium-status.cache.js';

const TTL_MS = 30_000;

/** Statuses where integration `id` is installed as tenant `tenantId`. */
const installed = (id: string, tenantId: number): Statuses =>
  new Map<string, PandiumIntegrationStatus>([
    [id, { state: 'installed', tenantId }],
  ]);

/** A promise and the function that settles it, for a load or a store call held until the test lets it go. */
function held<T>() {
  let settle: (value: T) => void = () => undefined;
  let fail: (error: unknown) => void = () => undefined;
  const promise = new Promise<T>((resolve, reject) => {
    settle = resolve;
    fail = reject;
  });
  return { promise, settle, fail };
}

function setup(options: { store?: PandiumStatusStore; waitMs?: number } = {}) {
  const clock = new PandiumTestClock();
  const memory = new InMemoryStatusStore(clock);
  const store = options.store ?? memory;
  const reports: CachedRead[] = [];
  const cache = new PandiumStatusCache(
    store,
    clock,
    TTL_MS,
    options.waitMs,
    (read) => reports.push(read),
  );
  let calls = 0;
  const load = (value: Statuses) => (): Promise<Statuses> => {
    calls += 1;
    return Promise.resolve(value);
  };
  const fail = (): Promise<Statuses> => {
    calls += 1;
    return Promise.reject(new Error('down'));
  };
  return {
    clock,
    store: memory,
    cache,
    load,
    fail,
    reports,
    calls: () => calls,
  };
}

/** A store whose every call rejects, as a Redis that is down. */
const brokenStore: PandiumStatusStore = {
  get: () => Promise.reject(new Error('store down')),
  set: () => Promise.reject(new Error('store down')),
  delete: () => Promise.reject(new Error('store down')),
  markRefresh: () => Promise.reject(new Error('store down')),
  userOfTenant: () => Promise.reject(new Error('store down')),
};

describe('PandiumStatusCache', () => {
  const a = installed('1', 100);
  const b = installed('2', 200);

  it('should load once per key per TTL, and again once the TTL has passed', async () => {
    const { clock, cache, load, calls } = setup();

    expect(await cache.read('jane', load(a))).toEqual({ value: a });
    clock.advance(TTL_MS - 1);
    expect(await cache.read('jane', load(b))).toEqual({
      value: a,
      cached: true,
    });
    expect(calls()).toBe(1);
    clock.advance(1);
    expect(await cache.read('jane', load(b))).toEqual({ value: b });
    expect(calls()).toBe(2);
  });

  it('should write what it loaded to the store, with when it was read', async () => {
    const { clock, store, cache, load } = setup();
    clock.advance(5);

    await cache.read('jane', load(a));
    expect(await store.get('jane')).toEqual({
      statuses: { '1': { state: 'installed', tenantId: 100 } },
      readAt: clock.now(),
    });
    expect(await store.userOfTenant(100)).toBe('jane');
  });

  it('should use a fresh record another instance wrote, without loading', async () => {
    const { clock, store, cache, load, calls } = setup();
    await store.set(
      'jane',
      {
        statuses: { '2': { state: 'paused', tenantId: 7 } },
        readAt: clock.now(),
      },
      TTL_MS,
    );

    expect(await cache.read('jane', load(a))).toEqual({
      value: new Map([['2', { state: 'paused', tenantId: 7 }]]),
      cached: true,
    });
    expect(calls()).toBe(0);
  });

  it('should load again once the record is deleted, and not write a load that was abandoned while under way', async () => {
    const { store, cache, load, calls } = setup();
    await cache.read('jane', load(a));
    await store.delete('jane');
    expect(await cache.read('jane', load(b))).toEqual({ value: b });

    const slow = held<Statuses>();
    await store.delete('jane');
    const before = cache.read('jane', () => slow.promise);
    // The load has started (the store answered) before it is abandoned.
    await new Promise((resolve) => setImmediate(resolve));
    cache.abandon('jane');
    await store.delete('jane');
    const after = cache.read('jane', load(installed('3', 300)));
    slow.settle(a);
    expect(await before).toEqual({ value: a });
    expect(await after).toEqual({ value: installed('3', 300) });
    expect(await cache.read('jane', load(b))).toEqual({
      value: installed('3', 300),
      cached: true,
    });
    expect(calls()).toBe(3);
  });

  it('should share one store read and one load among concurrent reads of a key, and report once', async () => {
    const { cache, reports } = setup();
    let loads = 0;
    const slow = held<Statuses>();
    const load = () => {
      loads += 1;
      return slow.promise;
    };

    const reads = [
      cache.read('jane', load),
      cache.read('jane', load),
      cache.read('jane', load),
    ];
    slow.fail(new Error('down'));

    expect((await Promise.all(reads)).map(({ error }) => error)).toEqual([
      new Error('down'),
      new Error('down'),
      new Error('down'),
    ]);
    expect(loads).toBe(1);
    expect(reports).toHaveLength(1);
  });

  it('should serve the stale value with the error when a reload fails, and wait the TTL before trying again', async () => {
    const { clock, cache, load, fail, calls } = setup();
    await cache.read('jane', load(a));
    clock.advance(TTL_MS);

    const failed = await cache.read('jane', fail);
    expect(failed.value).toEqual(a);
    expect(failed.error).toEqual(new Error('down'));
    expect(await cache.read('jane', fail)).toEqual({ value: a, cached: true });
    expect(calls()).toBe(2);
  });

  it('should give no value with the error when the first load fails, and not retry within the TTL', async () => {
    const { clock, store, cache, load, fail, calls } = setup();

    const failed = await cache.read('jane', fail);
    expect(failed).toEqual({ value: undefined, error: new Error('down') });
    expect((await store.get('jane'))?.statuses).toBeNull();
    expect(await cache.read('jane', load(a))).toEqual({
      value: undefined,
      cached: true,
    });
    clock.advance(TTL_MS);
    expect(await cache.read('jane', load(a))).toEqual({ value: a });
    expect(calls()).toBe(2);
  });

  it('should read past a store that fails, loading every time, with the store error reported once per read', async () => {
    const { cache, load, reports, calls } = setup({ store: brokenStore });

    expect(await cache.read('jane', load(a))).toEqual({
      value: a,
      storeError: new Error('store down'),
    });
    expect(await cache.read('jane', load(b))).toMatchObject({ value: b });
    expect(calls()).toBe(2);
    expect(reports).toHaveLength(2);
  });

  it('should read past a store that hands back a malformed record', async () => {
    const malformed: PandiumStatusStore = {
      ...brokenStore,
      get: () =>
        Promise.resolve({ statuses: 42, readAt: 0 } as unknown as undefined),
      set: () => Promise.resolve(),
    };
    const { cache, load, reports } = setup({ store: malformed });

    const read = await cache.read('jane', load(a));
    expect(read.value).toBe(a);
    expect(String(read.storeError)).toMatch(/malformed status record/);
    expect(reports).toHaveLength(1);
  });

  describe('with waitMs', () => {
    it('should stop waiting for a slow load with the stale copy, report that once, and let the load fill the store', async () => {
      const { clock, cache, load, reports, calls } = setup({ waitMs: 20 });
      await cache.read('jane', load(a));
      clock.advance(TTL_MS);
      const slow = held<Statuses>();
      let loads = 0;
      const slowLoad = () => {
        loads += 1;
        return slow.promise;
      };

      const [first, second] = await Promise.all([
        cache.read('jane', slowLoad),
        cache.read('jane', slowLoad),
      ]);
      expect(first).toEqual({ value: a, late: true });
      expect(second).toEqual({ value: a, late: true });
      expect(reports).toEqual([{ value: a, late: true }]);

      slow.settle(b);
      // The next read joins the load if it is still under way, or finds what it wrote.
      expect(await cache.read('jane', load(a))).toEqual({ value: b });
      expect(loads).toBe(1);
      expect(calls()).toBe(1);
    });

    it('should give nothing, marked late, when the store itself does not answer in time', async () => {
      const hanging = held<undefined>();
      const slowStore: PandiumStatusStore = {
        ...brokenStore,
        get: () => hanging.promise,
      };
      const { cache, load } = setup({ store: slowStore, waitMs: 20 });

      expect(await cache.read('jane', load(a))).toEqual({
        value: undefined,
        late: true,
      });
      hanging.settle(undefined);
    });
  });
});
