import { jest } from '@jest/globals';
import { Test } from '@nestjs/testing';
import type { TestingModule } from '@nestjs/testing';
import {
  IN_MEMORY_LAUNCH_TICKET_SWEEP_MS,
  InMemoryLaunchTicketStore,
  MAX_IN_MEMORY_LAUNCH_TICKET_BYTES,
  MAX_IN_MEMORY_LAUNCH_TICKETS,
} from './in-memory-launch-ticket.store.js';
import { PANDIUM_CLOCK } from '../pandium-embed.tokens.js';
import { PandiumTestClock } from '../testing/pandium-test.clock.js';

const TTL_MS = 30_000;

/** A sealed value as the library would save it. */
const value = (user: string): string =>
  `record-mac.{"user":{"id":"${user}","roles":["admin"]},"target":{"kind":"install","integrationId":"1042"}}`;

describe('InMemoryLaunchTicketStore', () => {
  let clock: PandiumTestClock;
  let store: InMemoryLaunchTicketStore;
  let moduleRef: TestingModule;

  beforeEach(async () => {
    clock = new PandiumTestClock();
    moduleRef = await Test.createTestingModule({
      providers: [
        InMemoryLaunchTicketStore,
        { provide: PANDIUM_CLOCK, useValue: clock },
      ],
    }).compile();
    store = moduleRef.get(InMemoryLaunchTicketStore);
  });

  afterEach(async () => {
    await moduleRef.close();
    jest.useRealTimers();
  });

  /** Saves `count` tickets `<prefix><n>` with this value and TTL. */
  async function fill(
    prefix: string,
    count: number,
    saved = value('alice'),
    ttlMs = TTL_MS,
  ): Promise<void> {
    for (let i = 0; i < count; i += 1) {
      await store.save(`${prefix}${i}`, saved, ttlMs);
    }
  }

  /** Moves the store's clock and the timers on together. */
  function pass(milliseconds: number): void {
    clock.advance(milliseconds);
    jest.advanceTimersByTime(milliseconds);
  }

  describe('save and take', () => {
    it('should give back the saved value once, then undefined', async () => {
      await store.save('id-1', value('alice'), TTL_MS);

      await expect(store.take('id-1')).resolves.toBe(value('alice'));
      await expect(store.take('id-1')).resolves.toBeUndefined();
      expect(store.size).toBe(0);
    });

    it('should answer undefined for an unknown id', async () => {
      await expect(store.take('never-saved')).resolves.toBeUndefined();
    });

    it('should keep tickets apart', async () => {
      await store.save('id-1', value('alice'), TTL_MS);
      await store.save('id-2', value('bob'), TTL_MS);

      await expect(store.take('id-2')).resolves.toBe(value('bob'));
      await expect(store.take('id-1')).resolves.toBe(value('alice'));
    });

    it('should give the value to exactly one of many concurrent takes', async () => {
      await store.save('id-1', value('alice'), TTL_MS);

      const results = await Promise.all(
        Array.from({ length: 100 }, () => store.take('id-1')),
      );

      expect(results.filter((result) => result !== undefined)).toHaveLength(1);
    });
  });

  describe('expiry', () => {
    it('should give back a ticket until its TTL has passed, and not after', async () => {
      await store.save('id-1', value('alice'), TTL_MS);
      await store.save('id-2', value('bob'), TTL_MS);

      clock.advance(TTL_MS - 1);
      await expect(store.take('id-1')).resolves.toBeDefined();
      clock.advance(1);
      await expect(store.take('id-2')).resolves.toBeUndefined();
    });

    it('should drop expired tickets as a new one is saved', async () => {
      for (let i = 0; i < 1000; i += 1) {
        await store.save(`old-${i}`, value('alice'), TTL_MS);
      }
      clock.advance(TTL_MS);

      await store.save('new', value('bob'), TTL_MS);

      expect(store.size).toBe(1);
      await expect(store.take('new')).resolves.toBe(value('bob'));
    });

    it('should keep live tickets as a new one is saved', async () => {
      for (let i = 0; i < 1000; i += 1) {
        await store.save(`live-${i}`, value('alice'), TTL_MS);
      }
      clock.advance(TTL_MS - 1);

      await store.save('one-more', value('bob'), TTL_MS);

      expect(store.size).toBe(1001);
      await expect(store.take('live-0')).resolves.toBeDefined();
    });

    it('should drop the expired tickets in front of the first live one, and keep those behind it', async () => {
      await store.save('short-1', value('alice'), 1000);
      await store.save('long', value('bob'), TTL_MS);
      await store.save('short-2', value('carol'), 1000);
      clock.advance(1000);

      await store.save('new', value('dave'), TTL_MS);

      // short-2 waits behind `long`, held but never given back.
      expect(store.size).toBe(3);
      await expect(store.take('short-2')).resolves.toBeUndefined();
      await expect(store.take('long')).resolves.toBe(value('bob'));
    });
  });

  describe('sweep on time', () => {
    beforeEach(() => {
      jest.useFakeTimers();
    });

    it('should drop a burst of tickets once they expire, with no save or take after them', async () => {
      await fill('burst-', MAX_IN_MEMORY_LAUNCH_TICKETS);
      expect(store.size).toBe(MAX_IN_MEMORY_LAUNCH_TICKETS);

      pass(TTL_MS - 1);
      expect(store.size).toBe(MAX_IN_MEMORY_LAUNCH_TICKETS);
      pass(1);

      expect(store.size).toBe(0);
      expect(jest.getTimerCount()).toBe(0);
    });

    it('should drop each wave of tickets after it expires, and keep the live ones', async () => {
      await fill('first-', 100);
      pass(TTL_MS / 2);
      await fill('second-', 50);

      pass(TTL_MS / 2);
      expect(store.size).toBe(50);
      pass(TTL_MS / 2);
      expect(store.size).toBe(0);
    });

    it(`should sweep at most once every ${IN_MEMORY_LAUNCH_TICKET_SWEEP_MS} ms, not once per ticket`, async () => {
      await store.save('a', value('alice'), TTL_MS);
      pass(1);
      await store.save('b', value('bob'), TTL_MS);
      pass(1);
      await store.save('c', value('carol'), TTL_MS);

      pass(TTL_MS - 2);
      expect(store.size).toBe(2);
      pass(2);
      expect(store.size).toBe(2);
      pass(IN_MEMORY_LAUNCH_TICKET_SWEEP_MS - 2);
      expect(store.size).toBe(0);
    });

    it('should leave no timer once the module is destroyed', async () => {
      await fill('id-', 10);
      expect(jest.getTimerCount()).toBe(1);

      await moduleRef.close();

      expect(jest.getTimerCount()).toBe(0);
    });
  });

  describe('bounded memory', () => {
    it(`should hold at most ${MAX_IN_MEMORY_LAUNCH_TICKET_BYTES / 1024 / 1024} MiB of tickets, dropping the oldest`, async () => {
      // 2 bytes per character: a little over 2 MiB a ticket, so 31 fit.
      const large = 'x'.repeat(1024 * 1024);
      await fill('large-', 100, large);

      expect(store.size).toBe(31);
      await expect(store.take('large-68')).resolves.toBeUndefined();
      await expect(store.take('large-69')).resolves.toBe(large);
      await expect(store.take('large-99')).resolves.toBe(large);
    });

    it('should free the bytes of taken and expired tickets for new ones', async () => {
      const large = 'x'.repeat(1024 * 1024);
      await fill('large-', 31, large);
      for (let i = 0; i < 31; i += 1) {
        await store.take(`large-${i}`);
      }

      await fill('again-', 31, large);

      expect(store.size).toBe(31);
      await expect(store.take('again-0')).resolves.toBe(large);
    });

    it('should refuse a value larger than the whole store', async () => {
      await expect(
        store.save(
          'huge',
          'x'.repeat(MAX_IN_MEMORY_LAUNCH_TICKET_BYTES / 2),
          TTL_MS,
        ),
      ).rejects.toThrow('more than the in-memory store holds');
      expect(store.size).toBe(0);
    });

    it(`should hold at most ${MAX_IN_MEMORY_LAUNCH_TICKETS} tickets, dropping the oldest`, async () => {
      for (let i = 0; i < MAX_IN_MEMORY_LAUNCH_TICKETS + 10; i += 1) {
        await store.save(`id-${i}`, value('alice'), TTL_MS);
      }

      expect(store.size).toBe(MAX_IN_MEMORY_LAUNCH_TICKETS);
      await expect(store.take('id-0')).resolves.toBeUndefined();
      await expect(store.take('id-9')).resolves.toBeUndefined();
      await expect(store.take('id-10')).resolves.toBeDefined();
      await expect(
        store.take(`id-${MAX_IN_MEMORY_LAUNCH_TICKETS + 9}`),
      ).resolves.toBeDefined();
    });
  });
});
