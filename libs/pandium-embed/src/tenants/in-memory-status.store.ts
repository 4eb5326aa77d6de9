import { Inject, Injectable } from '@nestjs/common';
import type { PandiumClock } from '../core/pandium-clock.interface.js';
import { PANDIUM_CLOCK } from '../pandium-embed.tokens.js';
import type {
  PandiumStatusRecord,
  PandiumStatusStore,
} from './pandium-status-store.interface.js';
import { statusRetentionMs } from './pandium-status.retention.js';
import { TENANT_STATUS_DEFAULTS } from './pandium-tenants.constants.js';

/** A value and when it goes. */
interface Held<T> {
  value: T;
  dropAt: number;
}

/** The most tenants whose user is remembered: ten per user kept. @internal */
export const MAX_IN_MEMORY_STATUS_TENANTS =
  10 * TENANT_STATUS_DEFAULTS.maxUsers;

/**
 * Per-key values that expire, at most `max` of them, in the order they were last written: the first is the one
 * to drop for room.
 */
class ExpiringMap<K, T> {
  private readonly entries = new Map<K, Held<T>>();

  constructor(
    private readonly clock: PandiumClock,
    private readonly max: number,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: K): T | undefined {
    const held = this.entries.get(key);
    if (held === undefined) {
      return undefined;
    }
    if (held.dropAt <= this.clock.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return held.value;
  }

  set(key: K, value: T, keepMs: number): void {
    // Re-inserted, so the map's order is the write order and its first key the one to drop.
    this.entries.delete(key);
    this.entries.set(key, { value, dropAt: this.clock.now() + keepMs });
    if (this.entries.size > this.max) {
      this.entries.delete(this.entries.keys().next().value as K);
    }
  }

  delete(key: K): void {
    this.entries.delete(key);
  }
}

/**
 * The default status store: this process's memory. Right for one instance; behind a load balancer each instance
 * would call Pandium for each user on its own, and a refresh on one would not reach the others, so give a shared
 * store (`statusStore`, e.g. `RedisStatusStore` from `pandium-embed/redis`). At most 10 000 users' records are
 * kept (and the tenants of ten times as many, and 10 000 refresh marks), the least recently written dropped first;
 * a record goes `max(10 × TTL, 1 hour)` after it was written, a refresh mark after its interval.
 *
 * @publicApi
 */
@Injectable()
export class InMemoryStatusStore implements PandiumStatusStore {
  private readonly records: ExpiringMap<string, PandiumStatusRecord>;

  private readonly owners: ExpiringMap<number, string>;

  private readonly refreshes: ExpiringMap<string, true>;

  constructor(@Inject(PANDIUM_CLOCK) clock: PandiumClock) {
    const { maxUsers } = TENANT_STATUS_DEFAULTS;
    this.records = new ExpiringMap(clock, maxUsers);
    this.owners = new ExpiringMap(clock, MAX_IN_MEMORY_STATUS_TENANTS);
    this.refreshes = new ExpiringMap(clock, maxUsers);
  }

  /** How many users' records are kept (for tests and metrics). */
  get size(): number {
    return this.records.size;
  }

  get(userName: string): Promise<PandiumStatusRecord | undefined> {
    return Promise.resolve(this.records.get(userName));
  }

  set(
    userName: string,
    record: PandiumStatusRecord,
    ttlMs: number,
  ): Promise<void> {
    const keepMs = statusRetentionMs(ttlMs);
    this.records.set(userName, record, keepMs);
    for (const { tenantId } of Object.values(record.statuses ?? {})) {
      if (tenantId !== undefined) {
        this.owners.set(tenantId, userName, keepMs);
      }
    }
    return Promise.resolve();
  }

  delete(userName: string): Promise<void> {
    this.records.delete(userName);
    return Promise.resolve();
  }

  markRefresh(userName: string, intervalMs: number): Promise<boolean> {
    if (this.refreshes.get(userName) !== undefined) {
      return Promise.resolve(false);
    }
    this.refreshes.set(userName, true, intervalMs);
    return Promise.resolve(true);
  }

  userOfTenant(tenantId: number): Promise<string | undefined> {
    return Promise.resolve(this.owners.get(tenantId));
  }
}
