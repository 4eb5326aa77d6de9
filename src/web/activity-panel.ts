// The demo page's Activity panel: the signed-in user's installs, uninstalls and failed runs, as Pandium's webhooks
// reported them to the app (`GET /demo/activity`), refreshed while the user is signed in.

/** One line of the feed, as `GET /demo/activity` answers it. */
export interface ActivityEntry {
  type: 'tenant_created' | 'tenant_archived' | 'run_failed';
  integrationId: string;
  integrationName?: string;
  tenantId: number;
  at: string;
  runStatus?: string;
}

/** How often the panel asks again while it is shown, in milliseconds. */
const REFRESH_MS = 5000;

const WHAT: Record<ActivityEntry['type'], string> = {
  tenant_created: 'Installed',
  tenant_archived: 'Uninstalled',
  run_failed: 'Sync failed',
};

/** Renders the feed into a list (text only, never HTML), and keeps it fresh until {@link stop}. */
export class ActivityPanel {
  private timer: ReturnType<typeof setInterval> | undefined;

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
    clearInterval(this.timer);
    this.timer = undefined;
    this.list.replaceChildren();
  }

  async refresh(): Promise<void> {
    const response = await this.fetchWithSession('/demo/activity', {
      headers: { Accept: 'application/json' },
    }).catch(() => undefined);
    if (response?.ok !== true) {
      return;
    }
    const entries = (await response.json()) as ActivityEntry[];
    this.list.replaceChildren(
      ...(entries.length === 0
        ? [this.item('Nothing yet: install an integration to see it here.')]
        : entries.map((entry) =>
            this.item(
              `${WHAT[entry.type]}: ${entry.integrationName ?? `integration ${entry.integrationId}`} ` +
                `(tenant ${entry.tenantId}${entry.runStatus ? `, ${entry.runStatus}` : ''}), ` +
                new Date(entry.at).toLocaleString(),
            ),
          )),
    );
  }

  private item(text: string): HTMLLIElement {
    const item = document.createElement('li');
    item.textContent = text;
    return item;
  }
}
