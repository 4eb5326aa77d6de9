// After "Run now": re-read the catalog until the run's outcome shows on the tile, a bounded number of times, each
// read preceded by a refresh the server honours (it drops the user's cached statuses at most once per 5 s).
import { PandiumRequestError } from 'pandium-embed/browser';
import type {
  PandiumCatalogEntry,
  PandiumClient,
  PandiumIntegrationStatus,
} from 'pandium-embed/browser';

/** The server's refresh interval (5 s), with a margin for the two clocks' ticks. */
export const REFRESH_INTERVAL_MS = 5_500;

/** How long to wait before each read after a run starts: a run takes a while, and the reads stop after these. */
export const FOLLOW_DELAYS_MS = [5_500, 5_500, 10_000, 10_000, 20_000, 30_000];

/** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason as Error);
      return;
    }
    if (ms <= 0) {
      resolve();
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Spaces the page's refresh requests as the server honours them, and waits out a 429's `Retry-After`. */
export class RefreshPacer {
  private nextAt = 0;

  constructor(private readonly client: PandiumClient) {}

  /** Someone else just asked for a refresh (the mount helper does after Pandium's Save). */
  noteRefreshed(): void {
    this.nextAt = Date.now() + REFRESH_INTERVAL_MS;
  }

  /** Waits at least `minimumMs` and until the server would honour a refresh, then asks for it. */
  async refresh(minimumMs: number, signal: AbortSignal): Promise<void> {
    await delay(Math.max(minimumMs, this.nextAt - Date.now()), signal);
    this.noteRefreshed();
    try {
      await this.client.refreshStatuses(signal);
    } catch (error) {
      if (!(error instanceof PandiumRequestError) || error.status !== 429) {
        throw error;
      }
      // Too many requests: the read below gets the cached statuses, and the next refresh waits as told.
      this.nextAt = Date.now() + (error.retryAfterSeconds ?? 5) * 1000;
    }
  }
}

/** How to follow one run. */
export interface FollowRun {
  client: PandiumClient;
  pacer: RefreshPacer;
  integrationId: string;
  /** The tile's `lastRunAt` before the run started: the outcome shows when it changes. */
  lastRunAtBefore: string | undefined;
  /** Called with every catalog read, to update all tiles. */
  onEntries(entries: PandiumCatalogEntry[]): void;
  signal: AbortSignal;
}

/**
 * Reads the catalog after each of {@link FOLLOW_DELAYS_MS} until the integration's last run is a newer one than
 * before. @returns its status, or `undefined` when the reads ran out first (or the catalog lost the entry).
 * @throws {PandiumRequestError} from a read (a 401 among them), or the abort reason.
 */
export async function followRun(
  follow: FollowRun,
): Promise<PandiumIntegrationStatus | undefined> {
  for (const wait of FOLLOW_DELAYS_MS) {
    await follow.pacer.refresh(wait, follow.signal);
    const entries = await follow.client.listIntegrations(follow.signal);
    follow.onEntries(entries);
    const status = entries.find(
      ({ id }) => id === follow.integrationId,
    )?.status;
    if (status === undefined || status.state === 'not-installed') {
      return undefined;
    }
    if (
      status.lastRunStatus !== undefined &&
      status.lastRunAt !== follow.lastRunAtBefore
    ) {
      return status;
    }
  }
  return undefined;
}
