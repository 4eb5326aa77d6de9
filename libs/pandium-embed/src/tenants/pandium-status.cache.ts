import type { PandiumClock } from '../core/pandium-clock.interface.js';

/** A user's last read: its value (kept from an earlier read when the last one failed), and when to read again. */
interface CacheEntry<T> {
  value: T | undefined;
  expiresAt: number;
}

/** What a read through the cache gives: the value (fresh, cached or stale), and the error of a failed load. */
export interface CachedRead<T> {
  value: T | undefined;
  error?: unknown;
}

/**
 * Per-key values kept for a TTL, in process: one load per key per TTL, shared by concurrent reads (single-flight).
 * A failed load keeps the last value (stale) and waits the TTL before trying again, so an outage of Pandium costs one
 * call per user per TTL. At most `maxEntries` keys are kept; the least recently loaded is dropped first.
 *
 * @internal
 */
export class PandiumStatusCache<T> {
  private readonly entries = new Map<string, CacheEntry<T>>();

  private readonly loading = new Map<string, Promise<CachedRead<T>>>();

  constructor(
    private readonly clock: PandiumClock,
    private readonly ttlMs: number,
    private readonly maxEntries: number,
  ) {}

  /** How many keys are kept. */
  get size(): number {
    return this.entries.size;
  }

  /** Drops the key's value. A load under way is not kept either: it may have read what came before the change. */
  forget(key: string): void {
    this.entries.delete(key);
    this.loading.delete(key);
  }

  /** The key's value: cached while fresh; else loaded once, whoever else asks meanwhile. */
  read(key: string, load: () => Promise<T>): Promise<CachedRead<T>> {
    const entry = this.entries.get(key);
    if (entry !== undefined && this.clock.now() < entry.expiresAt) {
      return Promise.resolve({ value: entry.value });
    }
    const pending = this.loading.get(key);
    if (pending !== undefined) {
      return pending;
    }
    const started: Promise<CachedRead<T>> = this.load(load, entry?.value).then(
      (read) => {
        // Kept only if no forget() came while it loaded.
        if (this.loading.get(key) === started) {
          this.loading.delete(key);
          this.keep(key, read.value);
        }
        return read;
      },
    );
    this.loading.set(key, started);
    return started;
  }

  private async load(
    load: () => Promise<T>,
    stale: T | undefined,
  ): Promise<CachedRead<T>> {
    try {
      return { value: await load() };
    } catch (error) {
      return { value: stale, error };
    }
  }

  private keep(key: string, value: T | undefined): void {
    // Re-inserted, so the map's order is the load order and its first key the one to drop.
    this.entries.delete(key);
    this.entries.set(key, {
      value,
      expiresAt: this.clock.now() + this.ttlMs,
    });
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }
}
