import type { PandiumJsonValue } from 'pandium-embed';
import type { PandiumTokenProblem } from 'pandium-embed/diagnosis';
import {
  EMULATOR_SCRIPT_PATH,
  EMULATOR_STYLES_PATH,
} from './pandium-emulator.constants.js';
import type {
  EmulatorTenant,
  EmulatorVerdict,
} from './pandium-emulator.verifier.js';
import type { PandiumEmulatorIntegration } from './pandium-emulator-options.interface.js';

/** What every page needs besides the verdict. */
export interface EmulatorPageContext {
  /** The only origin the page posts its messages to. */
  hostOrigin: string;
  account: string;
}

type JsonObject = { [key: string]: PandiumJsonValue };

/** The `xti` keys shown in their own rows; every other key is an extra. */
const NAMED_XTI_KEYS = new Set(['token', 'connector_name', 'integration_name']);

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text safe in HTML text and in double- or single-quoted attributes. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]);
}

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A claim as text: strings as they are, anything else as JSON; absent claims as a dash. */
function claimText(value: PandiumJsonValue | undefined): string {
  if (value === undefined) {
    return '—';
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Seconds since the epoch as an ISO date, when they are a number. */
function timeText(value: PandiumJsonValue | undefined): string {
  return typeof value === 'number' && Number.isFinite(value)
    ? `${value} (${new Date(value * 1000).toISOString()})`
    : claimText(value);
}

/** `<dt>`/`<dd>` rows; a row with a test id gets it as `id` and `data-testid` on its value. */
function rows(
  entries: [label: string, value: string, testId?: string][],
): string {
  const items = entries.map(([label, value, testId]) => {
    const id =
      testId === undefined
        ? ''
        : ` id="${escapeHtml(testId)}" data-testid="${escapeHtml(testId)}"`;
    return `<dt>${escapeHtml(label)}</dt><dd${id}>${escapeHtml(value)}</dd>`;
  });
  return `<dl>${items.join('')}</dl>`;
}

function section(title: string, body: string, id?: string): string {
  const attributes = id === undefined ? '' : ` id="${escapeHtml(id)}"`;
  return `<section${attributes}><h2>${escapeHtml(title)}</h2>${body}</section>`;
}

function json(value: unknown): string {
  return `<pre>${escapeHtml(JSON.stringify(value, null, 2))}</pre>`;
}

/** A button the page script acts on (`data-emulator-action`). */
function button(
  label: string,
  action: 'save' | 'cancel' | 'toggle-details',
  testId: string,
  tenant?: EmulatorTenant,
): string {
  const data =
    tenant === undefined
      ? ''
      : ` data-tenant-id="${tenant.id}" data-tenant-name="${escapeHtml(tenant.name)}"`;
  const toggle =
    action === 'toggle-details'
      ? ' aria-expanded="false" aria-controls="emulator-details"'
      : '';
  return (
    `<button type="button" id="${escapeHtml(testId)}" data-testid="${escapeHtml(testId)}" ` +
    `data-emulator-action="${action}"${data}${toggle}>${escapeHtml(label)}</button>`
  );
}

/** The document around a page's main content. Scripts and styles come from this origin only (CSP `'self'`). */
function document(context: EmulatorPageContext, main: string): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<title>Pandium embed emulator</title>',
    `<link rel="stylesheet" href="${EMULATOR_STYLES_PATH}">`,
    `<script src="${EMULATOR_SCRIPT_PATH}" defer></script>`,
    '</head>',
    `<body data-host-origin="${escapeHtml(context.hostOrigin)}">`,
    '<header class="banner"><strong>Pandium embed emulator</strong> · a local stand-in for Pandium&#39;s ' +
      'embedded pages (pandium-embed development tool). This is not Pandium.</header>',
    `<main>${main}</main>`,
    '</body>',
    '</html>',
  ].join('\n');
}

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

function problemList(
  problems: readonly PandiumTokenProblem[],
  id: string,
): string {
  const items = problems.map(
    (problem) =>
      `<li data-code="${escapeHtml(problem.code)}" data-severity="${escapeHtml(problem.severity)}">` +
      `<p><code>${escapeHtml(problem.code)}</code>` +
      (problem.field === undefined
        ? ''
        : ` <span class="field">${escapeHtml(problem.field)}</span>`) +
      `: ${escapeHtml(problem.message)}</p>` +
      `<p class="cause">Likely cause: ${escapeHtml(problem.cause)}</p>` +
      `<p class="fix">Fix: ${escapeHtml(problem.fix)}</p>` +
      '</li>',
  );
  return `<ol id="${escapeHtml(id)}" data-testid="${escapeHtml(id)}" class="problems">${items.join('')}</ol>`;
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
      integration: PandiumEmulatorIntegration;
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

/** The page of an accepted token: what Pandium would receive, and Save / Cancel buttons that post its messages. */
export function renderVerifiedPage(
  verdict: EmulatorVerdict,
  context: EmulatorPageContext,
): string {
  const claims = verdict.diagnosis.claims ?? {};
  const ti = isObject(claims.ti) ? claims.ti : {};
  const xti = isObject(ti.xti) ? ti.xti : {};
  const install = verdict.target.kind === 'install';
  const actions = [
    ...(install && verdict.tenant !== undefined
      ? [button('Save', 'save', 'emulator-save', verdict.tenant)]
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

/** The page of a refused token (or a request without one): every reason, with its likely cause and fix. */
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

/** `GET /`: what the emulator serves, and where the host app is. */
export function renderIndexPage(
  context: EmulatorPageContext,
  integrations: readonly PandiumEmulatorIntegration[],
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
          '<li><code>GET /v2/integrations</code> with <code>X-API-KEY</code>: the REST API list</li>' +
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
