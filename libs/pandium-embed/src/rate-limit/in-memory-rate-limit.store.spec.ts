import { Test } from '@nestjs/testing';
import {
  IN_MEMORY_RATE_LIMIT_SWEEP_STEP,
  InMemoryRateLimitStore,
  MAX_IN_MEMORY_RATE_LIMIT_KEYS,
} from './in-memory-rate-limit.store.js';
import { countMapVisits } from './map-visits.spec-utils.js';
import type {
  PandiumRateLimitRecord,
  PandiumRateLimitStore,
} from './pandium-rate-limit-store.interface.js';
import { PANDIUM_CLOCK } from '../pandium-embed.tokens.js';
import { PandiumTestClock } from '../testing/pandium-test.clock.js';

const WINDOW_MS = 60_000;
/**
 * The most Map entries one call may visit while one window length is in use: the queue of queues, the expired
 * windows it drops and the live one it stops at, and the first window when it drops one at the cap.
 */
const MOST_VISITS_PER_CALL = IN_MEMORY_RATE_LIMIT_SWEEP_STEP + 4;

/** Counts one hit for `key`, through the interface and with the arguments the guard passes. */
const hit = (
  store: PandiumRateLimitStore,
  key: string,
  ttl = WINDOW_MS,
): Promise<PandiumRateLimitRecord> =>
  store.increment(key, ttl, 30, ttl, 'pandium-embed');

describe('InMemoryRateLimitStore', () => {
  let clock: PandiumTestClock;
  let store: InMemoryRateLimitStore;

  beforeEach(async () => {
    clock = new PandiumTestClock();
    const moduleRef = await Test.createTestingModule({
      providers: [
        InMemoryRateLimitStore,
        { provide: PANDIUM_CLOCK, useValue: clock },
      ],
    }).compile();
    store = moduleRef.get(InMemoryRateLimitStore);
  });

  describe('increment', () => {
    it('should count the hits of a key within its window', async () => {
      await expect(hit(store, 'user:alice')).resolves.toEqual({
        totalHits: 1,
        timeToExpire: WINDOW_MS,
      });
      await expect(hit(store, 'user:alice')).resolves.toMatchObject({
        totalHits: 2,
      });
      await expect(hit(store, 'user:alice')).resolves.toMatchObject({
        totalHits: 3,
      });
    });

    it('should count timeToExpire down from the first hit of the window', async () => {
      await hit(store, 'user:alice');

      clock.advance(15_000);
      await expect(hit(store, 'user:alice')).resolves.toEqual({
        totalHits: 2,
        timeToExpire: 45_000,
      });
      clock.advance(44_999);
      await expect(hit(store, 'user:alice')).resolves.toEqual({
        totalHits: 3,
        timeToExpire: 1,
      });
    });

    it('should use the ttl it is given as the window length', async () => {
      await expect(hit(store, 'user:alice', 1500)).resolves.toEqual({
        totalHits: 1,
        timeToExpire: 1500,
      });
    });

    it('should start a new window once the window has ended', async () => {
      await hit(store, 'user:alice');
      await hit(store, 'user:alice');

      clock.advance(WINDOW_MS);

      await expect(hit(store, 'user:alice')).resolves.toEqual({
        totalHits: 1,
        timeToExpire: WINDOW_MS,
      });
    });

    it('should keep keys independent', async () => {
      await hit(store, 'user:alice');
      await hit(store, 'user:alice');
      clock.advance(10_000);

      await expect(hit(store, 'user:bob')).resolves.toEqual({
        totalHits: 1,
        timeToExpire: WINDOW_MS,
      });
      await expect(hit(store, 'user:alice')).resolves.toEqual({
        totalHits: 3,
        timeToExpire: 50_000,
      });
      expect(store.size).toBe(2);
    });
  });

  describe('expired windows', () => {
    /** Hits `count` distinct keys named `<prefix><n>`. */
    async function fill(
      prefix: string,
      count: number,
      ttl = WINDOW_MS,
    ): Promise<void> {
      for (let i = 0; i < count; i += 1) {
        await hit(store, `${prefix}${i}`, ttl);
      }
    }

    it(`should drop up to ${IN_MEMORY_RATE_LIMIT_SWEEP_STEP} expired windows each time a window starts`, async () => {
      await fill('old:', 1000);
      clock.advance(WINDOW_MS);

      await hit(store, 'new:0');
      expect(store.size).toBe(1000 - IN_MEMORY_RATE_LIMIT_SWEEP_STEP + 1);

      await fill('new:', 400);
      expect(store.size).toBe(400);
    });

    it('should keep the windows that are still open', async () => {
      await fill('user:', 1000);
      clock.advance(WINDOW_MS - 1);

      await hit(store, 'user:newcomer');

      expect(store.size).toBe(1001);
      await expect(hit(store, 'user:0')).resolves.toEqual({
        totalHits: 2,
        timeToExpire: 1,
      });
    });

    it('should drop expired short windows held behind longer ones that are still open', async () => {
      await fill('long:', 10, WINDOW_MS);
      await fill('short:', 10, 1000);
      clock.advance(1000);

      await fill('short-new:', 5, 1000);

      expect(store.size).toBe(10 + 5);
      await expect(hit(store, 'long:0')).resolves.toEqual({
        totalHits: 2,
        timeToExpire: WINDOW_MS - 1000,
      });
    });

    it('should move a restarted window behind the others, so that it does not hold back their drop', async () => {
      await hit(store, 'user:alice');
      clock.advance(1000);
      await hit(store, 'user:bob');
      clock.advance(WINDOW_MS - 1000);
      await hit(store, 'user:alice');
      clock.advance(1000);

      await hit(store, 'user:carol');

      expect(store.size).toBe(2);
      await expect(hit(store, 'user:alice')).resolves.toMatchObject({
        totalHits: 2,
      });
    });
  });

  describe(`a flood of distinct keys (at most ${MAX_IN_MEMORY_RATE_LIMIT_KEYS} held)`, () => {
    /** Hits `count` distinct keys named `<prefix><n>`, each in one counted call: the most visits, the largest size. */
    async function flood(
      prefix: string,
      count: number,
      ttl = WINDOW_MS,
    ): Promise<{ mostVisits: number; largestSize: number }> {
      let mostVisits = 0;
      let largestSize = 0;
      for (let i = 0; i < count; i += 1) {
        const { result, visits } = countMapVisits(() =>
          hit(store, `${prefix}${i}`, ttl),
        );
        await result;
        mostVisits = Math.max(mostVisits, visits);
        largestSize = Math.max(largestSize, store.size);
      }
      return { mostVisits, largestSize };
    }

    it('should visit a few entries per call and never hold more than the cap, while every window is open', async () => {
      const { mostVisits, largestSize } = await flood(
        'ip:',
        MAX_IN_MEMORY_RATE_LIMIT_KEYS + 50_000,
      );

      expect(mostVisits).toBeLessThanOrEqual(MOST_VISITS_PER_CALL);
      expect(largestSize).toBe(MAX_IN_MEMORY_RATE_LIMIT_KEYS);
      expect(store.size).toBe(MAX_IN_MEMORY_RATE_LIMIT_KEYS);
    });

    it('should drop the oldest windows past the cap, and keep counting the others', async () => {
      await flood('ip:', MAX_IN_MEMORY_RATE_LIMIT_KEYS + 10);

      await expect(hit(store, 'ip:9')).resolves.toMatchObject({
        totalHits: 1,
      });
      await expect(
        hit(store, `ip:${MAX_IN_MEMORY_RATE_LIMIT_KEYS + 9}`),
      ).resolves.toMatchObject({ totalHits: 2 });
    });

    it('should drop the window that ends soonest, not the oldest, when window lengths differ', async () => {
      await flood('long:', MAX_IN_MEMORY_RATE_LIMIT_KEYS - 1, WINDOW_MS);
      await hit(store, 'short:alice', 1000);
      await hit(store, 'short:alice', 1000);

      await hit(store, 'long:newcomer', WINDOW_MS);

      expect(store.size).toBe(MAX_IN_MEMORY_RATE_LIMIT_KEYS);
      await expect(hit(store, 'long:0', WINDOW_MS)).resolves.toMatchObject({
        totalHits: 2,
      });
      await expect(hit(store, 'short:alice', 1000)).resolves.toMatchObject({
        totalHits: 1,
      });
    });

    it('should visit a few entries per call when a full store expires at once and a new flood comes', async () => {
      await flood('first:', MAX_IN_MEMORY_RATE_LIMIT_KEYS);
      clock.advance(WINDOW_MS);

      const { mostVisits, largestSize } = await flood(
        'second:',
        MAX_IN_MEMORY_RATE_LIMIT_KEYS,
      );

      expect(mostVisits).toBeLessThanOrEqual(MOST_VISITS_PER_CALL);
      expect(largestSize).toBe(MAX_IN_MEMORY_RATE_LIMIT_KEYS);
      await expect(hit(store, 'second:0')).resolves.toMatchObject({
        totalHits: 2,
      });
    });

    it('should visit a few entries per call for each window length in use', async () => {
      const signing = flood('user:', 60_000, WINDOW_MS);
      const { mostVisits } = await flood('ip:', 60_000, 1000);
      await signing;

      expect(mostVisits).toBeLessThanOrEqual(2 * MOST_VISITS_PER_CALL);
      expect(store.size).toBeLessThanOrEqual(MAX_IN_MEMORY_RATE_LIMIT_KEYS);
    });
  });
});
