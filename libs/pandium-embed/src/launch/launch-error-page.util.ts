/**
 * The HTML page a launch route answers instead of a redirect: the iframe shows it. Self-contained (no script, no
 * external resource), every value escaped.
 */

/** Headers of the error page: never cached, never framed into anything but this page's own content. @internal */
export const LAUNCH_ERROR_PAGE_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'no-store',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
} as const;

/** What the page says. @internal */
export interface LaunchErrorPage {
  status: number;
  /** A short heading. */
  title: string;
  /** A sentence for the person looking at the iframe. */
  message: string;
  /** The id of the server log line that explains a 5xx, when there is one. */
  correlationId?: string;
  /** The library's stable error code, when the library raised the error (e.g. `PANDIUM_LAUNCH_TICKET_USED`). */
  code?: string;
}

const ESCAPED: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe for HTML content and quoted attribute values. @internal */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPED[character]);
}

/** A short heading for each status a launch route may answer. @internal */
export function launchErrorTitle(status: number): string {
  switch (status) {
    case 400:
      return 'This link is malformed';
    case 401:
      return 'Sign in to open Pandium';
    case 403:
      return 'Pandium is not available to you';
    case 404:
      return 'Link not found';
    case 410:
      return 'This link can no longer be used';
    case 429:
      return 'Too many requests';
    default:
      return status >= 500
        ? 'Pandium cannot be opened right now'
        : 'Pandium cannot be opened';
  }
}

const STYLE =
  'body{margin:0;padding:2rem 1rem;font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f2933;' +
  'background:#fff}main{max-width:34rem;margin:0 auto}h1{font-size:1.25rem;margin:0 0 .5rem}p{margin:.5rem 0}' +
  '.meta{color:#616e7c;font-size:.875rem}';

/** The whole page. @internal */
export function renderLaunchErrorPage({
  status,
  title,
  message,
  correlationId,
  code,
}: LaunchErrorPage): string {
  const reference =
    correlationId === undefined
      ? ''
      : `<p class="meta">Reference: <code>${escapeHtml(correlationId)}</code></p>`;
  return (
    '<!doctype html>\n' +
    '<html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    '<meta name="robots" content="noindex">' +
    `<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>` +
    `<body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>${reference}` +
    `<p class="meta">HTTP ${status}${code === undefined ? '' : ` · ${escapeHtml(code)}`}</p></main></body></html>\n`
  );
}
