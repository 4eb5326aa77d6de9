// The demo page's Activity panel: the signed-in user's installs, uninstalls and failed runs, as Pandium's webhooks
// reported them to the app (`GET /demo/activity`), refreshed while the user is signed in.
import { createPandiumClient } from 'pandium-embed/browser';
// The server's own type of a feed line (a type only: nothing of the server is bundled).
import type { ActivityEntry } from '../activity/activity-feed.js';
import { labelOf } from './integration-tiles.js';

/** How often the panel asks again while it is shown, in milliseconds. */
const REFRESH_MS = 5000;

const WHAT: Record<ActivityEntry['type'], string> = {
  tenant_created: 'Installed',
  tenant_archived: 'Uninstalled',
  run_failed: 'Sync failed',
};

const NOTHING_YET = 'Nothing yet: install an integration to see it here.';

/**
 * Renders the feed into a list (text only, never HTML), and keeps it fresh until {@link stop}. The list is a live
 * region, so a refresh changes only what changed: new lines are added at the top, and an unchanged feed is left
 * alone (a screen reader reads each change out).
 */
export class ActivityPanel {
  private timer: ReturnType<typeof setInterval> | undefined;

  /** Bumped by start() and stop(): an answer to an earlier session's request is dropped. */
  private session = 0;

  /** The lines on show, newest first. */
  private shown: string[] = [];

  /** The user's integrations by id, named as their tiles name them; read once per session, when first needed. */
  private labels: Promise<Map<string, string>> | undefined;

  constructor(
    private readonly list: HTMLElement,
    private readonly fetchWithSession: typeof fetch,
  ) {}

  /** Shows the feed now and every few seconds. */
  start(): void {
    this.stop();
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), REFRESH_MS);
  }

  stop(): void {
    this.session += 1;
    clearInterval(this.timer);
    this.timer = undefined;
    this.labels = undefined;
    this.shown = [];
    this.list.replaceChildren();
  }

  async refresh(): Promise<void> {
    const session = this.session;
    const response = await this.fetchWithSession('/demo/activity', {
      headers: { Accept: 'application/json' },
    }).catch(() => undefined);
    if (response?.ok !== true) {
      return;
    }
    const entries = (await response.json()) as ActivityEntry[];
    const labels =
      entries.length === 0 ? new Map<string, string>() : await this.labelsOf();
    // Signed out (or in as someone else) meanwhile: this was the previous user's feed.
    if (session !== this.session) {
      return;
    }
    this.show(
      entries.length === 0
        ? [NOTHING_YET]
        : entries.map(
            (entry) =>
              `${WHAT[entry.type]}: ${labels.get(entry.integrationId) ?? entry.integrationName ?? `integration ${entry.integrationId}`} ` +
              `(tenant ${entry.tenantId}${entry.runStatus ? `, ${entry.runStatus}` : ''}), ` +
              new Date(entry.at).toLocaleString(),
          ),
    );
  }

  /** The tiles' names of the user's integrations (Pandium's webhooks carry its own name, e.g. `gwt2hs`). */
  private labelsOf(): Promise<Map<string, string>> {
    this.labels ??= createPandiumClient({ fetch: this.fetchWithSession })
      .listIntegrations()
      .then(
        (catalog) =>
          new Map(catalog.map((entry) => [entry.id, labelOf(entry)])),
        () => {
          // Read again on the next refresh.
          this.labels = undefined;
          return new Map<string, string>();
        },
      );
    return this.labels;
  }

  /** Puts `lines` on show, touching only the items that change. */
  private show(lines: string[]): void {
    // How many lines are new at the top: the rest must be the lines on show, in order (the oldest may drop off).
    let added = 0;
    while (
      !lines.slice(added).every((line, index) => this.shown[index] === line)
    ) {
      added += 1;
    }
    const kept = lines.length - added;
    for (const stale of [...this.list.children].slice(kept)) {
      stale.remove();
    }
    if (added > 0) {
      this.list.prepend(
        ...lines.slice(0, added).map((line) => this.item(line)),
      );
    }
    this.shown = lines;
  }

  private item(text: string): HTMLLIElement {
    const item = document.createElement('li');
    item.textContent = text;
    return item;
  }
}
