import type { PandiumClock } from '../core/pandium-clock.interface.js';
import type { PandiumIntegrationStatus } from '../core/pandium-integration-status.interface.js';
import type {
  PandiumStatusRecord,
  PandiumStatusStore,
} from './pandium-status-store.interface.js';
import { isPandiumStatusRecord } from './pandium-status-record.check.js';

/** A user's statuses by integration id. @internal */
export type Statuses = ReadonlyMap<string, PandiumIntegrationStatus>;

/** What a read through the cache gives, and what went wrong on the way. @internal */
export interface CachedRead {
  /** Fresh, cached or stale; `undefined` when nothing is known. */
  value: Statuses | undefined;
  /** Why the load from Pandium failed, when it did. */
  error?: unknown;
  /** Why the store failed (its first failure in this read), when it did. */
  storeError?: unknown;
  /** Set when the read gave up waiting after `waitMs`: the load goes on, for the next read. */
  late?: true;
  /** Set when the store's fresh record answered: Pandium was not asked. */
  cached?: true;
}

/** One read of one user under way in this process, which concurrent reads of that user join. */
interface Flight {
  readonly done: Promise<CachedRead>;
  /** The stale copy, once the store has answered: what a reader that stops waiting gets. */
  stale: Statuses | undefined;
  /** Whether a reader has given up waiting on it (reported once). */
  late: boolean;
}

/** Told once per read of a user (however many requests joined it) what went wrong, and once if one gave up waiting. */
export type CachedReadReport = (read: CachedRead) => void;

function toStatuses(
  record: PandiumStatusRecord['statuses'],
): Statuses | undefined {
  return record === null ? undefined : new Map(Object.entries(record));
}

function toRecord(
  statuses: Statuses | undefined,
): PandiumStatusRecord['statuses'] {
  return statuses === undefined ? null : Object.fromEntries(statuses);
}

/**
 * Users' statuses cached in a {@link PandiumStatusStore} (in memory, or shared by a fleet): a record fresher than
 * the TTL, whoever wrote it, is used as it is; else Pandium is asked, once per user at a time in this process
 * (single-flight), and the answer written back. A failed load writes the last statuses (stale) as a fresh record,
 * so an outage of Pandium costs one call per user per TTL. A store that fails is read past: the read goes to
 * Pandium as if nothing were cached. With `waitMs`, a read gives up waiting after that long with the stale copy
 * (or nothing), while the load goes on and fills the store for the next read.
 *
 * @internal
 */
export class PandiumStatusCache {
  private readonly flights = new Map<string, Flight>();

  constructor(
    private readonly store: PandiumStatusStore,
    private readonly clock: PandiumClock,
    private readonly ttlMs: number,
    private readonly waitMs: number | undefined,
    private readonly report: CachedReadReport,
  ) {}

  /**
   * Stops this process from writing the read of `key` under way (it may have read what came before the change).
   * The store's own record is the caller's to delete.
   */
  abandon(key: string): void {
    this.flights.delete(key);
  }

  /** The key's statuses: the store's while fresh; else loaded once, whoever else asks meanwhile. Never rejects. */
  read(key: string, load: () => Promise<Statuses>): Promise<CachedRead> {
    let flight = this.flights.get(key);
    if (flight === undefined) {
      const started: Flight = {
        stale: undefined,
        late: false,
        done: Promise.resolve()
          .then(() => this.run(key, started, load))
          .then((read) => {
            if (this.flights.get(key) === started) {
              this.flights.delete(key);
            }
            if (read.error !== undefined || read.storeError !== undefined) {
              this.report(read);
            }
            return read;
          }),
      };
      flight = started;
      this.flights.set(key, started);
    }
    return this.waitFor(flight);
  }

  private async run(
    key: string,
    flight: Flight,
    load: () => Promise<Statuses>,
  ): Promise<CachedRead> {
    let stored: PandiumStatusRecord | undefined;
    let storeError: unknown;
    try {
      const answer = await this.store.get(key);
      if (answer !== undefined && !isPandiumStatusRecord(answer)) {
        throw new Error('the store gave back a malformed status record');
      }
      stored = answer;
    } catch (error) {
      storeError = error;
    }
    if (stored !== undefined && this.clock.now() < stored.readAt + this.ttlMs) {
      return withStoreError(
        { value: toStatuses(stored.statuses), cached: true },
        storeError,
      );
    }
    flight.stale =
      stored === undefined ? undefined : toStatuses(stored.statuses);
    let read: CachedRead;
    try {
      read = { value: await load() };
    } catch (error) {
      read = { value: flight.stale, error };
    }
    // Written only if nothing in this process abandoned the read while it loaded.
    if (this.flights.get(key) === flight) {
      const record = {
        statuses: toRecord(read.value),
        readAt: this.clock.now(),
      };
      try {
        await this.store.set(key, record, this.ttlMs);
      } catch (error) {
        storeError ??= error;
      }
    }
    return withStoreError(read, storeError);
  }

  /** The flight's read, or, past `waitMs`, its stale copy marked late. */
  private waitFor(flight: Flight): Promise<CachedRead> {
    const { waitMs } = this;
    if (waitMs === undefined) {
      return flight.done;
    }
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<CachedRead>((resolve) => {
      timer = setTimeout(() => {
        const read: CachedRead = { value: flight.stale, late: true };
        if (!flight.late) {
          flight.late = true;
          this.report(read);
        }
        resolve(read);
      }, waitMs);
    });
    return Promise.race([flight.done, late]).finally(() => clearTimeout(timer));
  }
}

function withStoreError(read: CachedRead, storeError: unknown): CachedRead {
  return storeError === undefined ? read : { ...read, storeError };
}
