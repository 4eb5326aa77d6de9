import { describe, expect, it } from '@jest/globals';
import { PandiumTestClock } from '../testing/pandium-test.clock.js';
import {
  InMemoryStatusStore,
  MAX_IN_MEMORY_STATUS_TENANTS,
} from './in-memory-status.store.js';
import type { PandiumStatusRecord } from './pandium-status-store.interface.js';
import { TENANT_STATUS_DEFAULTS } from './pandium-tenants.constants.js';

const TTL_MS = 30_000;
const HOUR_MS = 60 * 60 * 1000;

const record = (tenantId: number, readAt = 0): PandiumStatusRecord => ({
  statuses: { '1042': { state: 'installed', tenantId } },
  readAt,
});

function setup() {
  const clock = new PandiumTestClock();
  return { clock, store: new InMemoryStatusStore(clock) };
}

describe('InMemoryStatusStore', () => {
  describe('get, set and delete', () => {
    it('should give back what was set, per user, until it is deleted', async () => {
      const { store } = setup();
      await store.set('jane', record(1), TTL_MS);
      await store.set('raj', record(2), TTL_MS);

      expect(await store.get('jane')).toEqual(record(1));
      expect(await store.get('raj')).toEqual(record(2));
      await store.delete('jane');
      expect(await store.get('jane')).toBeUndefined();
      expect(await store.get('raj')).toEqual(record(2));
      expect(await store.get('john')).toBeUndefined();
    });

    it('should keep a record for max(10 × TTL, 1 hour), as a stale copy past its TTL, then drop it', async () => {
      const { clock, store } = setup();
      await store.set('jane', record(1), TTL_MS);
      await store.set('raj', record(2), HOUR_MS);

      clock.advance(HOUR_MS - 1);
      expect(await store.get('jane')).toEqual(record(1));
      clock.advance(1);
      expect(await store.get('jane')).toBeUndefined();
      expect(await store.userOfTenant(1)).toBeUndefined();
      clock.advance(9 * HOUR_MS - 1);
      expect(await store.get('raj')).toEqual(record(2));
      clock.advance(1);
      expect(await store.get('raj')).toBeUndefined();
    });

    it('should keep at most maxUsers records, dropping the least recently written first', async () => {
      const { store } = setup();
      const { maxUsers } = TENANT_STATUS_DEFAULTS;
      for (let i = 0; i <= maxUsers; i += 1) {
        await store.set(`user-${i}`, { statuses: null, readAt: 0 }, TTL_MS);
        if (i === 1) {
          // Written again: now the most recent of the first two.
          await store.set('user-0', { statuses: null, readAt: 0 }, TTL_MS);
        }
      }

      expect(store.size).toBe(maxUsers);
      expect(await store.get('user-1')).toBeUndefined();
      expect(await store.get('user-0')).toBeDefined();
      expect(await store.get(`user-${maxUsers}`)).toBeDefined();
    });
  });

  describe('userOfTenant', () => {
    it('should answer the user whose record last listed the tenant, and nothing for a tenant never listed', async () => {
      const { store } = setup();
      await store.set('jane', record(7), TTL_MS);

      expect(await store.userOfTenant(7)).toBe('jane');
      expect(await store.userOfTenant(8)).toBeUndefined();
      await store.set('raj', record(7), TTL_MS);
      expect(await store.userOfTenant(7)).toBe('raj');
    });

    it('should remember at most MAX_IN_MEMORY_STATUS_TENANTS tenants', async () => {
      const { store } = setup();
      const statuses = Object.fromEntries(
        Array.from({ length: MAX_IN_MEMORY_STATUS_TENANTS + 1 }, (_, i) => [
          String(i),
          { state: 'installed' as const, tenantId: i },
        ]),
      );
      await store.set('jane', { statuses, readAt: 0 }, TTL_MS);

      expect(await store.userOfTenant(0)).toBeUndefined();
      expect(await store.userOfTenant(MAX_IN_MEMORY_STATUS_TENANTS)).toBe(
        'jane',
      );
    });
  });

  describe('markRefresh', () => {
    it('should mark once per interval per user', async () => {
      const { clock, store } = setup();

      expect(await store.markRefresh('jane', 5000)).toBe(true);
      expect(await store.markRefresh('jane', 5000)).toBe(false);
      expect(await store.markRefresh('raj', 5000)).toBe(true);
      clock.advance(4999);
      expect(await store.markRefresh('jane', 5000)).toBe(false);
      clock.advance(1);
      expect(await store.markRefresh('jane', 5000)).toBe(true);
    });
  });
});
