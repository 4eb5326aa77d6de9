// The "Your integrations" view: reads the catalog with each status through the library's client, shows it as
// tiles, and carries out Run now (following the run to its outcome) and Uninstall (after a confirmation).
import { PandiumRequestError } from 'pandium-embed/browser';
import type {
  PandiumCatalogEntry,
  PandiumClient,
  PandiumIntegrationStatus,
} from 'pandium-embed/browser';
import { ConfirmDialog } from './confirm-dialog.js';
import { IntegrationTiles, labelOf } from './integration-tiles.js';
import { followRun, RefreshPacer } from './run-follower.js';

/** What the view needs from the page. */
export interface CatalogViewOptions {
  client: PandiumClient;
  list: HTMLUListElement;
  dialog: HTMLDialogElement;
  /** Writes to the page's status line (`role="status"`). */
  announce: (message: string) => void;
  /** The server no longer accepts the session (401). */
  onUnauthorized(): void;
  /** A tile's main button: open the install flow, `tile` being where focus goes back. */
  onOpen(entry: PandiumCatalogEntry, tile: HTMLButtonElement): void;
}

/** What a finished run says in the status line. */
function outcomeOf(label: string, status: PandiumIntegrationStatus): string {
  return status.state === 'failing'
    ? `The run of ${label} failed.`
    : `The run of ${label} ${status.lastRunStatus?.toLowerCase() ?? 'finished'}.`;
}

/** The tiles of one signed-in session; {@link CatalogView.reset} ends what is under way on sign-out. */
export class CatalogView {
  private readonly tiles: IntegrationTiles;
  private readonly confirm: ConfirmDialog;
  private readonly pacer: RefreshPacer;
  private session = new AbortController();
  /** Integrations whose run or uninstall is under way. */
  private readonly busy = new Set<string>();
  /** Reads are numbered: an answer older than one already shown is dropped. */
  private readsStarted = 0;
  private readShown = 0;

  constructor(private readonly options: CatalogViewOptions) {
    this.confirm = new ConfirmDialog(options.dialog);
    this.pacer = new RefreshPacer(options.client);
    this.tiles = new IntegrationTiles(options.list, {
      open: (entry, tile) => options.onOpen(entry, tile),
      run: (entry) => void this.run(entry),
      uninstall: (entry, button) => void this.uninstall(entry, button),
    });
  }

  /**
   * Reads the catalog and updates the tiles. @returns how many integrations it lists, or `undefined` when the read
   * failed (said in the status line).
   */
  async reload(): Promise<number | undefined> {
    const signal = this.session.signal;
    try {
      const entries = await this.options.client.listIntegrations(signal);
      this.show(entries, ++this.readsStarted);
      return entries.length;
    } catch (error) {
      this.fail(error, 'Could not load your integrations', signal);
      return undefined;
    }
  }

  /** Pandium saved an install (its helper already asked the server for fresh statuses): re-read the tiles. */
  async afterSave(): Promise<void> {
    this.pacer.noteRefreshed();
    await this.reload();
  }

  /** Sign-out: stops the reads and actions under way, closes the dialog, removes the tiles. */
  reset(): void {
    this.session.abort(new DOMException('Signed out', 'AbortError'));
    this.session = new AbortController();
    this.busy.clear();
    this.confirm.dismiss();
    this.tiles.clear();
  }

  private show(entries: PandiumCatalogEntry[], read: number): void {
    if (read > this.readShown) {
      this.readShown = read;
      this.tiles.show(entries);
    }
  }

  private async run(entry: PandiumCatalogEntry): Promise<void> {
    if (this.busy.has(entry.id)) {
      return;
    }
    const { client, announce } = this.options;
    const signal = this.session.signal;
    const label = labelOf(entry);
    this.start(entry.id);
    try {
      await client.runIntegration(entry.id, signal);
      this.tiles.setNote(entry.id, 'Run started · waiting for its outcome');
      announce(`The run of ${label} started.`);
      const status = await followRun({
        client,
        pacer: this.pacer,
        integrationId: entry.id,
        lastRunAtBefore: entry.status?.lastRunAt,
        onEntries: (entries) => this.show(entries, ++this.readsStarted),
        signal,
      });
      announce(
        status === undefined
          ? `The run of ${label} has not finished yet: its outcome shows the next time the page reads your integrations.`
          : outcomeOf(label, status),
      );
    } catch (error) {
      this.fail(error, `Could not run ${label}`, signal);
    } finally {
      this.finish(entry.id, signal);
    }
  }

  private async uninstall(
    entry: PandiumCatalogEntry,
    button: HTMLButtonElement,
  ): Promise<void> {
    if (this.busy.has(entry.id)) {
      return;
    }
    const label = labelOf(entry);
    const confirmed = await this.confirm.ask(
      {
        title: `Uninstall ${label}?`,
        text: `Its runs stop and Pandium archives your installation. You can install it again later.`,
        confirmLabel: 'Uninstall',
      },
      button,
    );
    if (!confirmed || this.busy.has(entry.id)) {
      return;
    }
    const signal = this.session.signal;
    this.start(entry.id);
    try {
      await this.options.client.uninstallIntegration(entry.id, signal);
      this.options.announce(`${label} is uninstalled.`);
      await this.reload();
    } catch (error) {
      this.fail(error, `Could not uninstall ${label}`, signal);
    } finally {
      this.finish(entry.id, signal);
      if (!signal.aborted) {
        // Uninstall is gone from a tile that is no longer installed: focus its main button instead.
        this.tiles.focus(entry.id, button);
      }
    }
  }

  private start(integrationId: string): void {
    this.busy.add(integrationId);
    this.tiles.setBusy(integrationId, true);
  }

  private finish(integrationId: string, signal: AbortSignal): void {
    if (!signal.aborted) {
      this.busy.delete(integrationId);
      this.tiles.setBusy(integrationId, false);
      this.tiles.setNote(integrationId, undefined);
    }
  }

  /** A 401 ends the session; an abort (sign-out) says nothing; anything else goes to the status line. */
  private fail(error: unknown, what: string, signal: AbortSignal): void {
    if (signal.aborted) {
      return;
    }
    if (error instanceof PandiumRequestError && error.status === 401) {
      this.options.onUnauthorized();
      return;
    }
    this.options.announce(`${what}: ${(error as Error).message}`);
  }
}
