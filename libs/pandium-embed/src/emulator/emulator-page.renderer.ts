import {
  button,
  claimText,
  document,
  escapeHtml,
  isObject,
  json,
  problemList,
  rows,
  saveForm,
  section,
  timeText,
} from './emulator-page.html.js';
import type { EmulatorPageContext, JsonObject } from './emulator-page.html.js';
import type {
  EmulatorTenant,
  EmulatorVerdict,
} from './pandium-emulator.verifier.js';
import type { EmulatorApiIntegration } from './pandium-emulator-options.interface.js';

/** The `xti` keys shown in their own rows; every other key is an extra. */
const NAMED_XTI_KEYS = new Set(['token', 'connector_name', 'integration_name']);

function targetText(verdict: EmulatorVerdict): string {
  const { target } = verdict;
  return target.kind === 'install'
    ? `Install flow of integration ${target.integrationId ?? ''}, account ${target.account}`
    : `Marketplace of account ${target.account}`;
}

function notesList(notes: readonly string[]): string {
  return notes.length === 0
    ? ''
    : `<ul class="notes">${notes.map((note) => `<li>${escapeHtml(note)}</li>`).join('')}</ul>`;
}

/** The collapsed part: header, every claim (connector token masked), warnings. Shown by "Show details". */
function details(verdict: EmulatorVerdict): string {
  const { diagnosis } = verdict;
  const warnings = diagnosis.problems.filter(
    ({ severity }) => severity === 'warning',
  );
  return (
    '<section id="emulator-details" data-testid="emulator-details" hidden>' +
    '<h2>Details</h2>' +
    `<h3>Header</h3>${json(diagnosis.header ?? null)}` +
    `<h3>Claims (ti.xti.token masked)</h3>${json(diagnosis.claims ?? null)}` +
    (warnings.length === 0
      ? ''
      : `<h3>Warnings</h3>${problemList(warnings, 'emulator-warnings')}`) +
    '</section>'
  );
}

const MESSAGES_LOG =
  '<section><h2>Messages posted to the host page</h2>' +
  '<ol id="emulator-messages" data-testid="emulator-messages"></ol></section>';

/** User and organisation rows, from the token's `sub` and `ti`. */
function whoSections(claims: JsonObject): string {
  const ti = isObject(claims.ti) ? claims.ti : {};
  return (
    section(
      'User',
      rows([
        ['Name (ti.ufn)', claimText(ti.ufn), 'emulator-user-name'],
        ['Email (ti.uem)', claimText(ti.uem), 'emulator-user-email'],
        ['Subject (sub)', claimText(claims.sub), 'emulator-user-sub'],
      ]),
    ) +
    section(
      'Organisation',
      rows([
        ['Display name (ti.udn)', claimText(ti.udn), 'emulator-org-name'],
        ['Account id (ti.aid)', claimText(ti.aid)],
        ['Account name (ti.adn)', claimText(ti.adn)],
        ['Identifiers (ti.ili)', claimText(ti.ili)],
      ]),
    )
  );
}

function tokenSection(claims: JsonObject): string {
  const ti = isObject(claims.ti) ? claims.ti : {};
  const xti = isObject(ti.xti) ? ti.xti : {};
  const extras = Object.fromEntries(
    Object.entries(xti).filter(([key]) => !NAMED_XTI_KEYS.has(key)),
  );
  return (
    section(
      'Other xti extras',
      Object.keys(extras).length === 0 ? '<p>None.</p>' : json(extras),
      'emulator-extras',
    ) +
    section(
      'Token',
      rows([
        [
          'Connector token (ti.xti.token)',
          claimText(xti.token),
          'emulator-connector-token',
        ],
        ['Issued (iat)', timeText(claims.iat)],
        ['Expires (exp)', timeText(claims.exp)],
        ['Token id (jti)', claimText(claims.jti)],
      ]),
    )
  );
}

function integrationSection(verdict: EmulatorVerdict, xti: JsonObject): string {
  return section(
    'Integration',
    rows([
      [
        'Integration (id from the path, xti.integration_name)',
        `${verdict.target.integrationId ?? ''} · ${claimText(xti.integration_name)}`,
        'emulator-integration',
      ],
      [
        'Connector (xti.connector_name)',
        claimText(xti.connector_name),
        'emulator-connector',
      ],
      ["This account's name for it", verdict.integration?.long_name ?? '—'],
    ]),
  );
}

function offersSection(verdict: EmulatorVerdict): string {
  const offers = verdict.offers ?? [];
  const items = offers.map(
    ({
      integration,
      tenant,
    }: {
      integration: EmulatorApiIntegration;
      tenant: EmulatorTenant;
    }) =>
      `<li data-testid="emulator-offer" data-integration-id="${integration.id}">` +
      `${escapeHtml(integration.long_name ?? integration.name)} ` +
      `<span class="field">${escapeHtml(integration.name)}, connector ${escapeHtml(integration.connectors[0].name)}</span> ` +
      button('Install', 'save', `emulator-install-${integration.id}`, tenant) +
      '</li>',
  );
  return section(
    'Integrations',
    items.length === 0
      ? '<p>No integration to show.</p>'
      : `<ul class="offers">${items.join('')}</ul>`,
  );
}

/**
 * The page of an accepted token: what Pandium would receive, and Save / Cancel buttons. Save posts `token` back
 * (an install page's, when given); Cancel and the marketplace's Install buttons post their messages at once.
 *
 * @internal
 */
export function renderVerifiedPage(
  verdict: EmulatorVerdict,
  context: EmulatorPageContext,
  token?: string,
): string {
  const claims = verdict.diagnosis.claims ?? {};
  const ti = isObject(claims.ti) ? claims.ti : {};
  const xti = isObject(ti.xti) ? ti.xti : {};
  const install = verdict.target.kind === 'install';
  const actions = [
    ...(install && verdict.tenant !== undefined && token !== undefined
      ? [
          saveForm(
            `/${verdict.target.account}/tenants/create/${verdict.target.integrationId ?? ''}`,
            token,
            verdict.tenant,
          ),
        ]
      : []),
    button('Cancel', 'cancel', 'emulator-cancel'),
    button('Show details', 'toggle-details', 'emulator-details-toggle'),
  ];
  return document(
    context,
    '<p id="emulator-status" data-testid="emulator-status" class="status verified">Token verified</p>' +
      `<p class="target" data-testid="emulator-target">${escapeHtml(targetText(verdict))}</p>` +
      notesList(verdict.notes) +
      whoSections(claims) +
      (install ? integrationSection(verdict, xti) : offersSection(verdict)) +
      tokenSection(claims) +
      `<div class="actions">${actions.join('')}</div>` +
      details(verdict) +
      MESSAGES_LOG,
  );
}

/** The page of a refused token (or a request without one): every reason, with its likely cause and fix. @internal */
export function renderRefusedPage(
  verdict: EmulatorVerdict,
  context: EmulatorPageContext,
): string {
  const { problems } = verdict.diagnosis;
  const errors = problems.filter(({ severity }) => severity === 'error');
  const warnings = problems.filter(({ severity }) => severity === 'warning');
  const heading =
    errors.length === 1
      ? 'Pandium would refuse this token for 1 reason:'
      : `Pandium would refuse this token for ${errors.length} reasons:`;
  return document(
    context,
    '<p id="emulator-status" data-testid="emulator-status" class="status refused">Token refused</p>' +
      `<p class="target" data-testid="emulator-target">${escapeHtml(targetText(verdict))}</p>` +
      `<p>${escapeHtml(heading)}</p>` +
      problemList(errors, 'emulator-problems') +
      (warnings.length === 0
        ? ''
        : `<p>Also worth a look:</p>${problemList(warnings, 'emulator-warnings')}`) +
      notesList(verdict.notes) +
      '<div class="actions">' +
      button('Cancel', 'cancel', 'emulator-cancel') +
      button('Show details', 'toggle-details', 'emulator-details-toggle') +
      '</div>' +
      '<section id="emulator-details" data-testid="emulator-details" hidden><h2>Details</h2>' +
      `<h3>Header</h3>${json(verdict.diagnosis.header ?? null)}` +
      `<h3>Claims (ti.xti.token masked)</h3>${json(verdict.diagnosis.claims ?? null)}` +
      '</section>' +
      MESSAGES_LOG,
  );
}

/** `GET /`: what the emulator serves, and where the host app is. @internal */
export function renderIndexPage(
  context: EmulatorPageContext,
  integrations: readonly EmulatorApiIntegration[],
): string {
  const account = escapeHtml(context.account);
  const host = escapeHtml(context.hostOrigin);
  return document(
    context,
    '<p id="emulator-status" data-testid="emulator-status" class="status">Ready</p>' +
      `<p>Stands in for Pandium's embedded pages of account <code>${account}</code>, framed by ` +
      `<a href="${host}/">${host}</a> (open the host app there).</p>` +
      section(
        'Routes',
        '<ul>' +
          `<li><code>/${account}/tenants/create/&lt;integration_id&gt;?tenant=&lt;jwt&gt;</code>: install flow</li>` +
          `<li><code>/${account}?tenant=&lt;jwt&gt;</code>: marketplace</li>` +
          '<li><code>GET /v2/integrations</code>, <code>GET /v2/tenants</code>, ' +
          '<code>POST /v2/tenants/&lt;id&gt;/sync</code>, <code>GET /v2/tenants/&lt;id&gt;/runs</code>, ' +
          '<code>DELETE /v2/tenants/&lt;id&gt;</code> with <code>X-API-KEY</code>: the REST API</li>' +
          '<li><a href="/__emulator/admin">/__emulator/admin</a>: the tenants saved, and a control that makes ' +
          'the next run of one fail</li>' +
          '</ul>',
      ) +
      section(
        'Integrations',
        `<ul>${integrations
          .map(
            ({ id, name, long_name: longName }) =>
              `<li><code>${id}</code> ${escapeHtml(longName ?? name)} <span class="field">${escapeHtml(name)}</span></li>`,
          )
          .join('')}</ul>`,
      ),
  );
}
