import { describe, expect, it } from '@jest/globals';
import type { PandiumApiProbeResult } from '../core/pandium-api.probe.js';
import { PandiumApiProbeCache } from './pandium-api-probe.cache.js';

/** A probe that counts its calls and answers when the spec says so. */
function countingProbe() {
  const pending: ((result: PandiumApiProbeResult) => void)[] = [];
  let calls = 0;
  return {
    probe: () => {
      calls += 1;
      return new Promise<PandiumApiProbeResult>((resolve) => {
        pending.push(resolve);
      });
    },
    calls: () => calls,
    answer: (status: number) =>
      pending
        .splice(0)
        .forEach((resolve) =>
          resolve({ outcome: 'accepted', url: 'http://x/', status }),
        ),
  };
}

describe('PandiumApiProbeCache', () => {
  it('should share one probe among concurrent callers (single flight)', async () => {
    const probe = countingProbe();
    const cache = new PandiumApiProbeCache(probe.probe, 60_000, () => 0);
    const first = cache.get();
    const second = cache.get();
    probe.answer(200);
    await expect(Promise.all([first, second])).resolves.toEqual([
      expect.objectContaining({ status: 200 }),
      expect.objectContaining({ status: 200 }),
    ]);
    expect(probe.calls()).toBe(1);
  });

  it('should keep the answer for the TTL, then probe again', async () => {
    const probe = countingProbe();
    let now = 1_000;
    const cache = new PandiumApiProbeCache(probe.probe, 60_000, () => now);
    const first = cache.get();
    probe.answer(200);
    await first;
    now += 59_999;
    await expect(cache.get()).resolves.toMatchObject({ status: 200 });
    expect(probe.calls()).toBe(1);
    now += 1;
    const third = cache.get();
    probe.answer(503);
    await expect(third).resolves.toMatchObject({ status: 503 });
    expect(probe.calls()).toBe(2);
  });
});
