// The demo page's script: sign in, list the host's integration tiles, open Pandium's install flow (or the
// marketplace) in an iframe through the library's browser helper. Bundled by `npm run build:web`.
import {
  mountPandiumInstall,
  mountPandiumMarketplace,
} from 'pandium-embed/browser';
import type { PandiumEmbedHandle } from 'pandium-embed/browser';
import { DemoApiError, DemoSession } from './demo-api.js';
import type { CatalogEntry } from './demo-api.js';
import { setUpTabs } from './tabs.js';
import { ActivityPanel } from './activity-panel.js';

const session = new DemoSession();
let install: PandiumEmbedHandle | undefined;
/** The tile whose install flow is open: where focus goes back when the panel closes. */
let installTile: HTMLButtonElement | undefined;
let marketplace: PandiumEmbedHandle | undefined;
/** Selects a tab from code; set by start(). */
let selectTab: (index: number) => void = () => undefined;
let activity: ActivityPanel | undefined;

function element<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (found === null) {
    throw new Error(`The demo page has no #${id}`);
  }
  return found as T;
}

function announce(message: string): void {
  element('status').textContent = message;
}

function showSignedIn(): void {
  const signedIn = session.signedIn;
  element('login').hidden = signedIn;
  element('workspace').hidden = !signedIn;
  element('session').hidden = !signedIn;
  element('session-user').textContent = signedIn
    ? `Signed in as ${session.email ?? 'a demo user'}`
    : '';
  // The user's installs, uninstalls and failed runs, from Pandium's webhooks (src/web/activity-panel.ts).
  activity ??= new ActivityPanel(element('activity-list'), session.fetch);
  if (signedIn) activity.start();
  else activity.stop();
}

async function showTiles(): Promise<void> {
  const list = element<HTMLUListElement>('tiles');
  list.replaceChildren();
  let entries: CatalogEntry[];
  try {
    entries = await session.integrations();
  } catch (error) {
    if (error instanceof DemoApiError && error.status === 401) {
      endSession('Your session has ended. Sign in again.');
      return;
    }
    announce(`Could not load your integrations: ${(error as Error).message}`);
    return;
  }
  for (const entry of entries) {
    const item = document.createElement('li');
    const tile = document.createElement('button');
    tile.type = 'button';
    tile.className = 'tile';
    tile.dataset.integrationId = entry.id;
    const title = document.createElement('span');
    title.className = 'tile-title';
    title.textContent = entry.displayName ?? entry.name;
    const detail = document.createElement('span');
    detail.className = 'tile-detail';
    detail.textContent = `${entry.connectorName} · ${entry.name}`;
    const badge = document.createElement('span');
    badge.className = 'tile-badge';
    tile.append(title, detail, badge);
    tile.addEventListener('click', () => openInstall(entry, tile));
    item.append(tile);
    list.append(item);
  }
  announce(`${entries.length} integrations available.`);
}

function openInstall(entry: CatalogEntry, tile: HTMLButtonElement): void {
  install?.destroy();
  const panel = element('install');
  const heading = element('install-title');
  heading.textContent = `Install ${entry.displayName ?? entry.name}`;
  panel.hidden = false;
  heading.focus();
  install = mountPandiumInstall(element('install-frame'), {
    integrationId: entry.id,
    fetch: session.fetch,
    title: `Pandium: install ${entry.displayName ?? entry.name}`,
    onLoad: () => announce(`${entry.displayName ?? entry.name} is open.`),
    onError: (error) => {
      if (error.status === 401) {
        endSession('Your session has ended. Sign in again.');
        return;
      }
      announce(`Could not open Pandium: ${error.message}`);
    },
    onSaveSync: (tenant) => {
      tile.dataset.installed = 'true';
      tile.querySelector('.tile-badge')!.textContent = 'Installed';
      announce(`Saved: ${tenant.name} (tenant ${tenant.id}).`);
    },
    onCancel: () => {
      closeInstall({ returnFocus: true });
      announce(`Install of ${entry.displayName ?? entry.name} cancelled.`);
    },
  });
  installTile = tile;
}

/** Hides the install panel; `returnFocus` puts focus back on the tile that opened it, instead of on <body>. */
function closeInstall({ returnFocus }: { returnFocus: boolean }): void {
  install?.destroy();
  install = undefined;
  element('install').hidden = true;
  if (returnFocus && installTile?.isConnected === true) {
    installTile.focus();
  }
  installTile = undefined;
}

/** Back to the sign-in form: nothing of this session (iframes, tiles, the Marketplace tab) stays on show. */
function endSession(message: string): void {
  closeInstall({ returnFocus: false });
  marketplace?.destroy();
  marketplace = undefined;
  session.signOut();
  // The next user starts on their own tiles, not on an empty Marketplace panel.
  selectTab(0);
  element<HTMLUListElement>('tiles').replaceChildren();
  showSignedIn();
  announce(message);
  element('login-email').focus();
}

function openMarketplace(): void {
  marketplace?.destroy();
  marketplace = mountPandiumMarketplace(element('marketplace-frame'), {
    fetch: session.fetch,
    onLoad: () => announce('The marketplace is open.'),
    onError: (error) =>
      announce(`Could not open the marketplace: ${error.message}`),
    onSaveSync: (tenant) =>
      announce(`Saved: ${tenant.name} (tenant ${tenant.id}).`),
  });
}

function start(): void {
  element('login-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const email = element<HTMLInputElement>('login-email').value.trim();
    const password = element<HTMLInputElement>('login-password').value;
    const error = element('login-error');
    error.hidden = true;
    session.signIn(email, password).then(
      async () => {
        showSignedIn();
        await showTiles();
        element('workspace-title').focus();
      },
      (refused: Error) => {
        error.textContent = refused.message;
        error.hidden = false;
      },
    );
  });
  element('sign-out').addEventListener('click', () =>
    endSession('Signed out.'),
  );
  element('install-close').addEventListener('click', () =>
    closeInstall({ returnFocus: true }),
  );
  selectTab = setUpTabs(
    element('workspace').querySelector('[role="tablist"]')!,
    (panel) => {
      if (panel === 'panel-marketplace' && marketplace === undefined) {
        openMarketplace();
      }
    },
  );
  showSignedIn();
  if (session.signedIn) {
    void showTiles();
  }
}

start();
