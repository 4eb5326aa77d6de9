import { Test } from '@nestjs/testing';
import {
  InMemoryLaunchTicketStore,
  LAUNCH_TICKET_SWEEP_THRESHOLD,
  MAX_IN_MEMORY_LAUNCH_TICKETS,
} from './in-memory-launch-ticket.store.js';
import type { PandiumLaunchTicketRecord } from './pandium-launch-ticket-store.interface.js';
import { PANDIUM_CLOCK } from '../pandium-embed.tokens.js';
import { PandiumTestClock } from '../testing/pandium-test.clock.js';

const TTL_MS = 30_000;

const record = (user: string): PandiumLaunchTicketRecord => ({
  kind: 'install',
  integrationId: '1042',
  user: { id: user, roles: ['admin'] },
  expiresAt: 1_893_456_030,
  mac: 'record-mac',
});

describe('InMemoryLaunchTicketStore', () => {
  let clock: PandiumTestClock;
  let store: InMemoryLaunchTicketStore;

  beforeEach(async () => {
    clock = new PandiumTestClock();
    const moduleRef = await Test.createTestingModule({
      providers: [
        InMemoryLaunchTicketStore,
        { provide: PANDIUM_CLOCK, useValue: clock },
      ],
    }).compile();
    store = moduleRef.get(InMemoryLaunchTicketStore);
  });

  describe('save and take', () => {
    it('should give back the saved record once, then undefined', async () => {
      await store.save('id-1', record('alice'), TTL_MS);

      await expect(store.take('id-1')).resolves.toEqual(record('alice'));
      await expect(store.take('id-1')).resolves.toBeUndefined();
      expect(store.size).toBe(0);
    });

    it('should answer undefined for an unknown id', async () => {
      await expect(store.take('never-saved')).resolves.toBeUndefined();
    });

    it('should keep tickets apart', async () => {
      await store.save('id-1', record('alice'), TTL_MS);
      await store.save('id-2', record('bob'), TTL_MS);

      await expect(store.take('id-2')).resolves.toEqual(record('bob'));
      await expect(store.take('id-1')).resolves.toEqual(record('alice'));
    });

    it('should keep a copy, unchanged by the caller changing its object afterwards', async () => {
      const saved = record('alice');
      await store.save('id-1', saved, TTL_MS);

      (saved.user as { id: string }).id = 'mallory';

      await expect(store.take('id-1')).resolves.toEqual(record('alice'));
    });

    it('should give the record to exactly one of many concurrent takes', async () => {
      await store.save('id-1', record('alice'), TTL_MS);

      const results = await Promise.all(
        Array.from({ length: 100 }, () => store.take('id-1')),
      );

      expect(results.filter((result) => result !== undefined)).toHaveLength(1);
    });
  });

  describe('expiry', () => {
    it('should give back a ticket until its TTL has passed, and not after', async () => {
      await store.save('id-1', record('alice'), TTL_MS);
      await store.save('id-2', record('bob'), TTL_MS);

      clock.advance(TTL_MS - 1);
      await expect(store.take('id-1')).resolves.toBeDefined();
      clock.advance(1);
      await expect(store.take('id-2')).resolves.toBeUndefined();
    });

    it(`should sweep expired tickets once ${LAUNCH_TICKET_SWEEP_THRESHOLD} are held`, async () => {
      for (let i = 0; i < LAUNCH_TICKET_SWEEP_THRESHOLD; i += 1) {
        await store.save(`old-${i}`, record('alice'), TTL_MS);
      }
      clock.advance(TTL_MS);

      await store.save('new', record('bob'), TTL_MS);

      expect(store.size).toBe(1);
      await expect(store.take('new')).resolves.toEqual(record('bob'));
    });

    it('should keep live tickets when it sweeps', async () => {
      for (let i = 0; i < LAUNCH_TICKET_SWEEP_THRESHOLD; i += 1) {
        await store.save(`live-${i}`, record('alice'), TTL_MS);
      }

      await store.save('one-more', record('bob'), TTL_MS);

      expect(store.size).toBe(LAUNCH_TICKET_SWEEP_THRESHOLD + 1);
      await expect(store.take('live-0')).resolves.toBeDefined();
    });
  });

  describe('bounded memory', () => {
    it(`should hold at most ${MAX_IN_MEMORY_LAUNCH_TICKETS} tickets, dropping the oldest`, async () => {
      for (let i = 0; i < MAX_IN_MEMORY_LAUNCH_TICKETS + 10; i += 1) {
        await store.save(`id-${i}`, record('alice'), TTL_MS);
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
