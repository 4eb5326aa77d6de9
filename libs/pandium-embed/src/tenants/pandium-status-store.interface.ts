import type { PandiumIntegrationStatus } from '../core/pandium-integration-status.interface.js';

/**
 * One user's integration statuses as a {@link PandiumStatusStore} keeps them: plain JSON, so a shared store can
 * serialise them as they are.
 *
 * @publicApi
 */
export interface PandiumStatusRecord {
  /**
   * The user's statuses by integration id (an id not in it is not installed), or `null` when Pandium's answer failed
   * and nothing was known before (every entry `unknown`).
   */
  statuses: Record<string, PandiumIntegrationStatus> | null;
  /**
   * When Pandium was last asked for them, in milliseconds since the epoch on the module's clock: they are fresh
   * until `readAt` plus `statusCacheTtlSeconds`, a stale copy after that.
   */
  readAt: number;
}

/**
 * Where users' integration statuses are cached, keyed by the user's `sub`. The default keeps them in this process's
 * memory (`InMemoryStatusStore`); behind a load balancer give a shared one (`RedisStatusStore` from
 * `pandium-embed/redis`), so that a fleet calls Pandium once per user per TTL, and a refresh on one instance is seen
 * by all. The library decides what is fresh (from `readAt`); a store only keeps, hands back and forgets. A store
 * that rejects never fails the catalog: the read goes to Pandium as if nothing were cached, and a warning is logged.
 *
 * @publicApi
 */
export interface PandiumStatusStore {
  /** The user's record, or `undefined` when none is kept. */
  get(userName: string): Promise<PandiumStatusRecord | undefined>;

  /**
   * Keeps the user's record in place of any other, and notes each tenant in it (`statuses[…].tenantId`) as this
   * user's, for {@link PandiumStatusStore.userOfTenant}.
   *
   * @param ttlMs how long the record is fresh. Keep it (and its tenants) at least that long, and as a stale copy for
   *   a bounded time after, so that a Pandium outage serves the last statuses read; the library's stores keep it
   *   for `max(10 × ttlMs, 1 hour)`.
   */
  set(
    userName: string,
    record: PandiumStatusRecord,
    ttlMs: number,
  ): Promise<void>;

  /** Forgets the user's record, so that the next read, on any instance, asks Pandium. */
  delete(userName: string): Promise<void>;

  /**
   * Marks a refresh of the user's statuses, unless one was marked within the last `intervalMs`: resolves whether it
   * marked. Atomic across the instances sharing the store, so a client cannot make the fleet call Pandium more often
   * than once per interval by asking each instance in turn.
   */
  markRefresh(userName: string, intervalMs: number): Promise<boolean>;

  /** The user whose record last listed this tenant, while that record is kept. */
  userOfTenant(tenantId: number): Promise<string | undefined>;
}
