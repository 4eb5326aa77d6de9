// The demo page's script: sign in, list the host's integration tiles with the user's status of each (run or
// uninstall them there), open Pandium's install flow (or the marketplace) in an iframe through the library's browser
// helper. Bundled by `npm run build:web`.
import {
  createPandiumClient,
  mountPandiumInstall,
  mountPandiumMarketplace,
} from 'pandium-embed/browser';
import type {
  PandiumCatalogEntry,
  PandiumEmbedHandle,
} from 'pandium-embed/browser';
import { CatalogView } from './catalog-view.js';
import { DemoSession } from './demo-api.js';
import { labelOf } from './integration-tiles.js';
import { setUpTabs } from './tabs.js';
import { ActivityPanel } from './activity-panel.js';

const session = new DemoSession();
const ENDED = 'Your session has ended. Sign in again.';
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

/** The tiles; made by start(), once the page's elements are there. */
let catalog: CatalogView;

/** Shows the signed-in user's tiles, saying how many there are. */
async function showTiles(): Promise<void> {
  const count = await catalog.reload();
  if (count !== undefined) {
    announce(`${count} integrations available.`);
  }
}

function openInstall(
  entry: PandiumCatalogEntry,
  tile: HTMLButtonElement,
): void {
  install?.destroy();
  const label = labelOf(entry);
  const panel = element('install');
  const heading = element('install-title');
  heading.textContent = `Install ${label}`;
  panel.hidden = false;
  heading.focus();
  install = mountPandiumInstall(element('install-frame'), {
    integrationId: entry.id,
    fetch: session.fetch,
    title: `Pandium: install ${label}`,
    onLoad: () => announce(`${label} is open.`),
    onError: (error) => {
      if (error.status === 401) {
        endSession(ENDED);
        return;
      }
      announce(`Could not open Pandium: ${error.message}`);
    },
    // The helper has asked the server for fresh statuses before this: the re-read shows the new tenant.
    onSaveSync: (tenant) => {
      announce(`Saved: ${tenant.name} (tenant ${tenant.id}).`);
      void catalog.afterSave();
    },
    onCancel: () => {
      closeInstall({ returnFocus: true });
      announce(`Install of ${label} cancelled.`);
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
  catalog.reset();
  marketplace?.destroy();
  marketplace = undefined;
  session.signOut();
  // The next user starts on their own tiles, not on an empty Marketplace panel.
  selectTab(0);
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
    onSaveSync: (tenant) => {
      announce(`Saved: ${tenant.name} (tenant ${tenant.id}).`);
      void catalog.afterSave();
    },
  });
}

function start(): void {
  catalog = new CatalogView({
    client: createPandiumClient({ fetch: session.fetch }),
    list: element<HTMLUListElement>('tiles'),
    dialog: element<HTMLDialogElement>('confirm'),
    announce,
    onUnauthorized: () => endSession(ENDED),
    onOpen: openInstall,
  });
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
