import { describe, expect, it } from '@jest/globals';
import { PandiumTestClock } from '../testing/pandium-test.clock.js';
import { PandiumStatusCache } from './pandium-status.cache.js';

const TTL_MS = 30_000;

function setup(maxEntries = 10) {
  const clock = new PandiumTestClock();
  const cache = new PandiumStatusCache<string>(clock, TTL_MS, maxEntries);
  let calls = 0;
  const load = (value: string) => (): Promise<string> => {
    calls += 1;
    return Promise.resolve(value);
  };
  const fail = (): Promise<string> => {
    calls += 1;
    return Promise.reject(new Error('down'));
  };
  return { clock, cache, load, fail, calls: () => calls };
}

describe('PandiumStatusCache', () => {
  it('should load once per key per TTL, and again once the TTL has passed', async () => {
    const { clock, cache, load, calls } = setup();

    expect(await cache.read('jane', load('a'))).toEqual({ value: 'a' });
    clock.advance(TTL_MS - 1);
    expect(await cache.read('jane', load('b'))).toEqual({ value: 'a' });
    expect(calls()).toBe(1);
    clock.advance(1);
    expect(await cache.read('jane', load('b'))).toEqual({ value: 'b' });
    expect(calls()).toBe(2);
  });

  it('should load again after forget(), and not keep a load that was under way when forget() came', async () => {
    const { cache, load, calls } = setup();
    await cache.read('jane', load('a'));
    cache.forget('jane');
    expect(await cache.read('jane', load('b'))).toEqual({ value: 'b' });

    let finish: (value: string) => void = () => undefined;
    cache.forget('jane');
    const slow = cache.read(
      'jane',
      () => new Promise<string>((resolve) => (finish = resolve)),
    );
    cache.forget('jane');
    const fresh = cache.read('jane', load('after'));
    finish('before');
    expect(await slow).toEqual({ value: 'before' });
    expect(await fresh).toEqual({ value: 'after' });
    expect(await cache.read('jane', load('x'))).toEqual({ value: 'after' });
    expect(calls()).toBe(3);
  });

  it('should keep one entry per key', async () => {
    const { cache, load, calls } = setup();

    await cache.read('jane', load('a'));
    expect(await cache.read('raj', load('r'))).toEqual({ value: 'r' });
    expect(calls()).toBe(2);
  });

  it('should share one load among concurrent reads of a key', async () => {
    const { cache, calls } = setup();
    let release: (value: string) => void = () => undefined;
    let loads = 0;
    const slow = () => {
      loads += 1;
      return new Promise<string>((resolve) => {
        release = resolve;
      });
    };

    const reads = [
      cache.read('jane', slow),
      cache.read('jane', slow),
      cache.read('jane', slow),
    ];
    release('a');

    expect(await Promise.all(reads)).toEqual([
      { value: 'a' },
      { value: 'a' },
      { value: 'a' },
    ]);
    expect(loads).toBe(1);
    expect(calls()).toBe(0);
  });

  it('should serve the stale value with the error when a reload fails, and wait the TTL before trying again', async () => {
    const { clock, cache, load, fail, calls } = setup();
    await cache.read('jane', load('a'));
    clock.advance(TTL_MS);

    const failed = await cache.read('jane', fail);
    expect(failed.value).toBe('a');
    expect(failed.error).toEqual(new Error('down'));
    expect(await cache.read('jane', fail)).toEqual({ value: 'a' });
    expect(calls()).toBe(2);
  });

  it('should give no value with the error when the first load fails, and not retry within the TTL', async () => {
    const { clock, cache, load, fail, calls } = setup();

    const failed = await cache.read('jane', fail);
    expect(failed).toEqual({ value: undefined, error: new Error('down') });
    expect(await cache.read('jane', load('a'))).toEqual({ value: undefined });
    clock.advance(TTL_MS);
    expect(await cache.read('jane', load('a'))).toEqual({ value: 'a' });
    expect(calls()).toBe(2);
  });

  it('should keep at most maxEntries keys, dropping the oldest load first', async () => {
    const { cache, load, calls } = setup(2);

    await cache.read('a', load('1'));
    await cache.read('b', load('2'));
    await cache.read('c', load('3'));
    expect(cache.size).toBe(2);
    await cache.read('b', load('x'));
    await cache.read('c', load('x'));
    expect(calls()).toBe(3);
    expect(await cache.read('a', load('4'))).toEqual({ value: '4' });
    expect(calls()).toBe(4);
  });
});
