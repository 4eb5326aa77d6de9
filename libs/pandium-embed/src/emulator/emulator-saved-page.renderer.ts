import { document, escapeHtml } from './emulator-page.html.js';
import type { EmulatorPageContext } from './emulator-page.html.js';
import type { EmulatorTenant } from './pandium-emulator.verifier.js';

const MESSAGES_LOG =
  '<section><h2>Messages posted to the host page</h2>' +
  '<ol id="emulator-messages" data-testid="emulator-messages"></ol></section>';

/**
 * The answer to an accepted Save: the tenant saved, which the page script posts to the host page as
 * `pandium-save-sync` once loaded (from `#emulator-saved`), as Pandium's page does after its own save.
 *
 * @param connected whether the save created or re-connected the tenant (false: it was connected already).
 * @internal
 */
export function renderSavedPage(
  tenant: EmulatorTenant,
  connected: boolean,
  context: EmulatorPageContext,
): string {
  const what = connected ? 'connected' : 'already connected: saved again';
  return document(
    context,
    '<p id="emulator-status" data-testid="emulator-status" class="status verified">Saved</p>' +
      `<p id="emulator-saved" data-testid="emulator-saved" data-tenant-id="${tenant.id}" ` +
      `data-tenant-name="${escapeHtml(tenant.name)}">Tenant ${escapeHtml(tenant.name)} ` +
      `(id ${tenant.id}) ${escapeHtml(what)}.</p>` +
      MESSAGES_LOG,
  );
}
