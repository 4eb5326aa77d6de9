// The list of integration tiles, updated in place on each catalog read so that keyboard focus stays where it is.
// A tile is a list item holding its own buttons (buttons cannot nest): the main one opens the install flow, then
// the status line, then "Run now" and "Uninstall" when the user has a tenant of that integration.
import type { PandiumCatalogEntry } from 'pandium-embed/browser';
import { actionsOf, describeStatus } from './tile-status.js';

/** What the tiles' buttons do; each gets the entry as last read and the button pressed. */
export interface TileHandlers {
  open(entry: PandiumCatalogEntry, button: HTMLButtonElement): void;
  run(entry: PandiumCatalogEntry, button: HTMLButtonElement): void;
  uninstall(entry: PandiumCatalogEntry, button: HTMLButtonElement): void;
}

/** One tile's elements and the entry it shows. */
interface Tile {
  entry: PandiumCatalogEntry;
  item: HTMLLIElement;
  open: HTMLButtonElement;
  status: HTMLParagraphElement;
  badge: HTMLSpanElement;
  sentence: HTMLSpanElement;
  run: HTMLButtonElement;
  uninstall: HTMLButtonElement;
  /** Replaces the sentence while an action is under way ("Run started…"). */
  note?: string;
}

/** The name people see for an integration. */
export const labelOf = (entry: PandiumCatalogEntry): string =>
  entry.displayName ?? entry.name;

function span(className: string, text = ''): HTMLSpanElement {
  const element = document.createElement('span');
  element.className = className;
  element.textContent = text;
  return element;
}

function button(className: string, text: string): HTMLButtonElement {
  const element = document.createElement('button');
  element.type = 'button';
  element.className = className;
  element.textContent = text;
  return element;
}

/** The tiles in `list`, keyed by integration id. */
export class IntegrationTiles {
  private readonly tiles = new Map<string, Tile>();

  private nextId = 1;

  constructor(
    private readonly list: HTMLUListElement,
    private readonly handlers: TileHandlers,
  ) {}

  /** Shows `entries` in their order: new tiles are added, gone ones removed, the others updated. */
  show(entries: readonly PandiumCatalogEntry[], now = Date.now()): void {
    const wanted = new Set(entries.map(({ id }) => id));
    for (const [id, tile] of this.tiles) {
      if (!wanted.has(id)) {
        tile.item.remove();
        this.tiles.delete(id);
      }
    }
    let previous: Element | null = null;
    for (const entry of entries) {
      const tile = this.tiles.get(entry.id) ?? this.create(entry);
      tile.entry = entry;
      this.render(tile, now);
      // Only a tile out of place moves: moving a node takes keyboard focus away from whatever is inside it.
      const expected: Element | null =
        previous === null
          ? this.list.firstElementChild
          : previous.nextElementSibling;
      if (expected !== tile.item) {
        this.list.insertBefore(tile.item, expected);
      }
      previous = tile.item;
    }
  }

  /** Removes every tile (sign-out). */
  clear(): void {
    this.tiles.clear();
    this.list.replaceChildren();
  }

  /** The entry as last read, if the catalog still lists it. */
  entry(integrationId: string): PandiumCatalogEntry | undefined {
    return this.tiles.get(integrationId)?.entry;
  }

  /** Shows `note` instead of the status sentence (or the sentence again for `undefined`). */
  setNote(integrationId: string, note: string | undefined): void {
    const tile = this.tiles.get(integrationId);
    if (tile !== undefined) {
      tile.note = note;
      this.render(tile, Date.now());
    }
  }

  /** Marks the tile's action buttons as unavailable while an action runs (still focusable, so focus stays). */
  setBusy(integrationId: string, busy: boolean): void {
    const tile = this.tiles.get(integrationId);
    for (const action of tile === undefined ? [] : [tile.run, tile.uninstall]) {
      if (busy) {
        action.setAttribute('aria-disabled', 'true');
      } else {
        action.removeAttribute('aria-disabled');
      }
    }
  }

  /** Focuses `preferred` when it is still on show, else the tile's main button (e.g. after an uninstall). */
  focus(integrationId: string, preferred?: HTMLButtonElement): void {
    if (preferred?.isConnected === true && !preferred.hidden) {
      preferred.focus();
      return;
    }
    this.tiles.get(integrationId)?.open.focus();
  }

  private create(entry: PandiumCatalogEntry): Tile {
    const key = `tile-${this.nextId++}`;
    const item = document.createElement('li');
    item.className = 'tile';
    item.dataset.integrationId = entry.id;
    const open = button('tile-open', '');
    open.dataset.integrationId = entry.id;
    const status = document.createElement('p');
    status.className = 'tile-status';
    status.id = `${key}-status`;
    open.setAttribute('aria-describedby', status.id);
    const badge = span('tile-badge');
    const sentence = span('tile-sentence');
    status.append(badge, sentence);
    const actions = document.createElement('div');
    actions.className = 'tile-actions';
    const run = button('tile-run', 'Run now');
    const uninstall = button('tile-uninstall', 'Uninstall');
    actions.append(run, uninstall);
    item.append(open, status, actions);
    const tile: Tile = {
      entry,
      item,
      open,
      status,
      badge,
      sentence,
      run,
      uninstall,
    };
    open.addEventListener('click', () => this.handlers.open(tile.entry, open));
    const unlessBusy = (action: () => void) => (): void => {
      if (run.getAttribute('aria-disabled') !== 'true') {
        action();
      }
    };
    run.addEventListener(
      'click',
      unlessBusy(() => this.handlers.run(tile.entry, run)),
    );
    uninstall.addEventListener(
      'click',
      unlessBusy(() => this.handlers.uninstall(tile.entry, uninstall)),
    );
    this.tiles.set(entry.id, tile);
    return tile;
  }

  private render(tile: Tile, now: number): void {
    const { entry } = tile;
    const label = labelOf(entry);
    // The space keeps the button's accessible name from running the two together ("HubSpotgwt").
    tile.open.replaceChildren(
      span('tile-title', label),
      ' ',
      span('tile-detail', `${entry.connectorName} · ${entry.name}`),
    );
    // Each tile has its own "Run now": the name says which (and starts with the visible text, for voice control).
    tile.run.setAttribute('aria-label', `Run now: ${label}`);
    tile.uninstall.setAttribute('aria-label', `Uninstall ${label}`);
    const text = describeStatus(entry.status, now);
    tile.item.dataset.state = text?.state ?? '';
    tile.status.hidden = text === undefined && tile.note === undefined;
    tile.badge.textContent = text?.badge ?? '';
    tile.badge.hidden = text?.badge === undefined;
    tile.sentence.textContent = tile.note ?? text?.sentence ?? '';
    const actions = actionsOf(entry);
    tile.run.hidden = !actions.run;
    tile.uninstall.hidden = !actions.uninstall;
  }
}
