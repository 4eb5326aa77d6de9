import { document, escapeHtml, section } from './emulator-page.html.js';
import type { EmulatorPageContext } from './emulator-page.html.js';
import type { EmulatorTenantRecord } from './emulator-tenant.interface.js';
import { EMULATOR_ADMIN_PATH } from './pandium-emulator.constants.js';

/** The phase of a tenant's latest run, or a dash. */
function lastPhase(tenant: EmulatorTenantRecord): string {
  return tenant.runs.at(-1)?.status.phase ?? '—';
}

function row(tenant: EmulatorTenantRecord): string {
  const id = String(tenant.id);
  const control = tenant.failNextRun
    ? '<span class="field">next run fails</span>'
    : `<form method="post" action="/__emulator/tenants/${id}/fail-next-run">` +
      `<button type="submit" data-testid="emulator-fail-next-run-${id}">Fail next run</button></form>`;
  return (
    `<tr data-testid="emulator-tenant-${id}"><td><code>${id}</code></td>` +
    `<td>${escapeHtml(tenant.name)}</td>` +
    `<td>${tenant.integrationId} <span class="field">${escapeHtml(tenant.integrationName)}</span></td>` +
    `<td>${escapeHtml(tenant.userName)}</td>` +
    `<td>${tenant.archived ? 'archived' : 'connected'}</td>` +
    `<td>${tenant.runs.length} (last: ${escapeHtml(lastPhase(tenant))})</td>` +
    `<td>${control}</td></tr>`
  );
}

/**
 * `GET /__emulator/admin`: the tenants in the emulator's memory, each with a button that makes its next run fail
 * (the development control behind `POST /__emulator/tenants/<id>/fail-next-run`).
 *
 * @internal
 */
export function renderAdminPage(
  tenants: readonly EmulatorTenantRecord[],
  context: EmulatorPageContext,
): string {
  const table =
    tenants.length === 0
      ? '<p>No tenant yet: save an install page first.</p>'
      : '<table data-testid="emulator-tenants"><thead><tr><th>Tenant</th><th>Name</th><th>Integration</th>' +
        '<th>User (sub)</th><th>State</th><th>Runs</th><th>Control</th></tr></thead>' +
        `<tbody>${tenants.map(row).join('')}</tbody></table>`;
  return document(
    context,
    '<p id="emulator-status" data-testid="emulator-status" class="status">Admin</p>' +
      `<p>The tenants of account <code>${escapeHtml(context.account)}</code> (in memory, until the ` +
      `emulator stops). This page: <code>${EMULATOR_ADMIN_PATH}</code>.</p>` +
      section('Tenants', table),
  );
}
