import { Test } from '@nestjs/testing';
import { InMemoryRateLimitStore } from './in-memory-rate-limit.store.js';
import type {
  PandiumRateLimitRecord,
  PandiumRateLimitStore,
} from './pandium-rate-limit-store.interface.js';
import { PANDIUM_CLOCK } from '../pandium-embed.tokens.js';
import { PandiumTestClock } from '../testing/pandium-test.clock.js';

const WINDOW_MS = 60_000;
/** How many keys the store holds before it sweeps expired windows. */
const SWEEP_THRESHOLD = 10_000;

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

  describe('size', () => {
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

    it('should hold expired windows while fewer than 10,000 keys are held', async () => {
      await fill('user:', SWEEP_THRESHOLD - 1);
      clock.advance(WINDOW_MS);

      await hit(store, 'user:newcomer');

      expect(store.size).toBe(SWEEP_THRESHOLD);
    });

    it('should sweep expired windows when a new window starts with 10,000 keys held', async () => {
      await fill('user:', SWEEP_THRESHOLD);
      expect(store.size).toBe(SWEEP_THRESHOLD);
      clock.advance(WINDOW_MS);

      await hit(store, 'user:newcomer');

      expect(store.size).toBe(1);
    });

    it('should keep the windows that are still open when sweeping', async () => {
      await fill('short:', SWEEP_THRESHOLD / 2, 1000);
      await fill('long:', SWEEP_THRESHOLD / 2, WINDOW_MS);
      clock.advance(1000);

      await hit(store, 'user:newcomer');

      expect(store.size).toBe(SWEEP_THRESHOLD / 2 + 1);
      await expect(hit(store, 'long:0')).resolves.toEqual({
        totalHits: 2,
        timeToExpire: WINDOW_MS - 1000,
      });
    });
  });
});
