// What a tile says about the signed-in user's status for its integration: a badge and a sentence, from the
// `status` the catalog route gives each entry when the server has a Pandium API key.
import type {
  PandiumCatalogEntry,
  PandiumIntegrationState,
  PandiumIntegrationStatus,
} from 'pandium-embed/browser';

/** A tile's status line: `badge` is absent when there is nothing to flag (not installed). */
export interface TileStatusText {
  state: PandiumIntegrationState;
  badge?: string;
  sentence: string;
}

/** The tile's buttons besides opening the install flow. */
export interface TileActions {
  run: boolean;
  uninstall: boolean;
}

const RELATIVE = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** `"2 minutes ago"`, `"less than a minute ago"`, or `undefined` when `at` is not a date. */
export function timeAgo(
  at: string | undefined,
  now: number,
): string | undefined {
  const time = at === undefined ? NaN : Date.parse(at);
  if (Number.isNaN(time)) {
    return undefined;
  }
  const seconds = Math.max(0, Math.round((now - time) / 1000));
  if (seconds < 60) {
    return 'less than a minute ago';
  }
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) {
    return RELATIVE.format(-minutes, 'minute');
  }
  const hours = Math.floor(minutes / 60);
  return hours < 24
    ? RELATIVE.format(-hours, 'hour')
    : RELATIVE.format(-Math.floor(hours / 24), 'day');
}

/** "last run succeeded 2 minutes ago", "no run yet": what an installed tenant's runs say. */
function lastRun(status: PandiumIntegrationStatus, now: number): string {
  if (status.lastRunStatus === undefined) {
    return 'no run yet';
  }
  const outcome = status.lastRunStatus.toLowerCase();
  const ago = timeAgo(status.lastRunAt, now);
  return ago === undefined
    ? `last run ${outcome}`
    : `last run ${outcome} ${ago}`;
}

/** "Last run failed 3 minutes ago · last success 2 hours ago". */
function failure(status: PandiumIntegrationStatus, now: number): string {
  const failedAgo = timeAgo(status.lastRunAt, now);
  const successAgo = timeAgo(status.lastSuccessfulRunAt, now);
  const failed =
    failedAgo === undefined
      ? 'Last run failed'
      : `Last run failed ${failedAgo}`;
  return successAgo === undefined
    ? failed
    : `${failed} · last success ${successAgo}`;
}

/**
 * The status line of a tile, or `undefined` when the server sent no status (it has no API key: the tile looks as it
 * did before statuses existed).
 */
export function describeStatus(
  status: PandiumIntegrationStatus | undefined,
  now: number,
): TileStatusText | undefined {
  if (status === undefined) {
    return undefined;
  }
  const { state } = status;
  switch (state) {
    case 'not-installed':
      return { state, sentence: 'Not installed' };
    case 'installed': {
      const run = lastRun(status, now);
      return {
        state,
        badge: 'Installed',
        sentence: run.charAt(0).toUpperCase() + run.slice(1),
      };
    }
    case 'failing':
      return { state, badge: 'Failing', sentence: failure(status, now) };
    case 'paused':
      return { state, badge: 'Paused', sentence: 'Runs are paused in Pandium' };
    case 'disconnected':
      return {
        state,
        badge: 'Disconnected',
        sentence: 'Reconnect: open it and sign in to the connector again',
      };
    default:
      // 'unknown', and any state a newer server may add.
      return {
        state: 'unknown',
        badge: 'Status unknown',
        sentence: 'Pandium did not answer; try again later',
      };
  }
}

/** Run now for a tenant that runs (installed or failing); Uninstall for any tenant the user has. */
export function actionsOf(entry: PandiumCatalogEntry): TileActions {
  const state = entry.status?.state;
  const hasTenant =
    state === 'installed' ||
    state === 'failing' ||
    state === 'paused' ||
    state === 'disconnected';
  return {
    run: state === 'installed' || state === 'failing',
    uninstall: hasTenant,
  };
}
