// The value also ends at a quote, `<`, `>` or `\`: none is in a signed token (base64url and dots) or raw in a
// WHATWG URL's query, while JSON and `util.inspect` log lines put a quote right after the URL.
const TENANT_PARAMETER = /([?&]tenant=)[^&#\s"'<>\\]*/gi;

/**
 * Replaces the signed token in a Pandium URL (`?tenant=…`) with `[redacted]`, for log lines. Use it in a
 * request logger too: the token is a bearer credential until it expires.
 *
 * @example redactTenantToken('https://imp.pandium.com/acme?tenant=eyJ…') // 'https://imp.pandium.com/acme?tenant=[redacted]'
 * @publicApi
 */
export function redactTenantToken(text: string): string {
  return text.replace(TENANT_PARAMETER, '$1[redacted]');
}
