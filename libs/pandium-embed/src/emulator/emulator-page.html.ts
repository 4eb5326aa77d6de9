import type { PandiumJsonValue } from '../core/pandium-claims.interface.js';
import type { PandiumTokenProblem } from '../diagnosis/pandium-token-diagnosis.interface.js';
import {
  EMULATOR_SCRIPT_PATH,
  EMULATOR_STYLES_PATH,
} from './pandium-emulator.constants.js';
import type { EmulatorTenant } from './pandium-emulator.verifier.js';

// The building blocks of the emulator's pages: escaping, rows, sections, buttons and the document around them.
// Every value is escaped here; the pages hold no inline script or style (CSP 'self').

/** What every page needs besides the verdict. @internal */
export interface EmulatorPageContext {
  /** The only origin the page posts its messages to. */
  hostOrigin: string;
  account: string;
}

/** A JSON object, as claims are. @internal */
export type JsonObject = { [key: string]: PandiumJsonValue };

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text safe in HTML text and in double- or single-quoted attributes. @internal */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]);
}

/** Whether a claim is a JSON object (not an array). @internal */
export const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A claim as text: strings as they are, anything else as JSON; absent claims as a dash. @internal */
export function claimText(value: PandiumJsonValue | undefined): string {
  if (value === undefined) {
    return '—';
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Seconds since the epoch as an ISO date, when they are a number. @internal */
export function timeText(value: PandiumJsonValue | undefined): string {
  return typeof value === 'number' && Number.isFinite(value)
    ? `${value} (${new Date(value * 1000).toISOString()})`
    : claimText(value);
}

/** `<dt>`/`<dd>` rows; a row with a test id gets it as `id` and `data-testid` on its value. @internal */
export function rows(
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

/** A titled section; `id` lets a test or the script find it. @internal */
export function section(title: string, body: string, id?: string): string {
  const attributes = id === undefined ? '' : ` id="${escapeHtml(id)}"`;
  return `<section${attributes}><h2>${escapeHtml(title)}</h2>${body}</section>`;
}

/** A value as indented JSON, escaped, in a `<pre>`. @internal */
export function json(value: unknown): string {
  return `<pre>${escapeHtml(JSON.stringify(value, null, 2))}</pre>`;
}

/** A button the page script acts on (`data-emulator-action`). @internal */
export function button(
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

/**
 * The install page's Save: a form that posts the page's token back (field `tenant`) to the page's path, as
 * Pandium's own Save posts to its server. The emulator then creates or re-connects the tenant.
 *
 * @internal
 */
export function saveForm(
  action: string,
  token: string,
  tenant: EmulatorTenant,
): string {
  return (
    `<form method="post" action="${escapeHtml(action)}" class="save-form">` +
    `<input type="hidden" name="tenant" value="${escapeHtml(token)}">` +
    `<button type="submit" id="emulator-save" data-testid="emulator-save" data-tenant-id="${tenant.id}" ` +
    `data-tenant-name="${escapeHtml(tenant.name)}">Save</button></form>`
  );
}

/** The document around a page's main content. Scripts and styles come from this origin only (CSP `'self'`). @internal */
export function document(context: EmulatorPageContext, main: string): string {
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

/** The problems of a diagnosis, each with its code, field, cause and fix. @internal */
export function problemList(
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
