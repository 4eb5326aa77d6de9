/** The shortest time a status record is kept: an outage of an hour still serves the last statuses read. */
const MIN_STATUS_RETENTION_MS = 60 * 60 * 1000;

/** How many TTLs a status record is kept, at least. */
const STATUS_RETENTION_TTLS = 10;

/**
 * How long the library's stores keep a user's status record written with this TTL: fresh for the TTL, then a stale
 * copy (served while Pandium fails) until `max(10 × TTL, 1 hour)` after it was written, then gone, so nothing a
 * store holds outlives its use. @internal
 */
export function statusRetentionMs(ttlMs: number): number {
  return Math.max(STATUS_RETENTION_TTLS * ttlMs, MIN_STATUS_RETENTION_MS);
}
