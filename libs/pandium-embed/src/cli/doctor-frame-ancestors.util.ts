/** The port a URL uses when it names none. */
const DEFAULT_PORTS: Record<string, string> = {
  'http:': '80',
  'https:': '443',
};

/**
 * Whether a page whose `frame-ancestors` lists `sources` may be framed by a page on `ancestor` (an origin), as CSP
 * Level 3 matches sources: `'none'`, `*`, `'self'` (the framed page's own origin), a scheme (`https:`), or a host
 * source with an optional scheme, `*.` wildcard and port (`*` for any). An `http:` scheme also admits `https:`.
 * Paths are ignored (an ancestor is an origin). The origins are as `URL.origin` spells them.
 *
 * @internal
 */
export function frameAncestorsAllow(
  sources: readonly string[],
  ancestor: string,
  pageOrigin: string,
): boolean {
  const url = new URL(ancestor);
  return sources.some((raw) => {
    const source = raw.toLowerCase();
    if (source === "'self'") {
      return ancestor === pageOrigin;
    }
    if (source === '*') {
      return url.protocol === 'http:' || url.protocol === 'https:';
    }
    if (/^[a-z][a-z0-9+.-]*:$/.test(source)) {
      return schemeMatches(source, url.protocol);
    }
    return hostSourceMatches(source, url);
  });
}

/** `http:` admits `https:` too (a secure upgrade); other schemes match only themselves. */
function schemeMatches(scheme: string, protocol: string): boolean {
  return scheme === protocol || (scheme === 'http:' && protocol === 'https:');
}

/** `[scheme://]host[:port][/path]`, host possibly `*.example.com`; anything else (a keyword, a nonce) matches nothing. */
function hostSourceMatches(source: string, url: URL): boolean {
  const match =
    /^(?:([a-z][a-z0-9+.-]*:)\/\/)?(\*|(?:\*\.)?[a-z0-9.[\]:-]+?)(?::(\d+|\*))?(?:\/.*)?$/.exec(
      source,
    );
  if (match === null) {
    return false;
  }
  const [, scheme, host, port] = match;
  if (
    scheme === undefined
      ? !schemeMatches('http:', url.protocol)
      : !schemeMatches(scheme, url.protocol)
  ) {
    return false;
  }
  const hostMatches = host.startsWith('*.')
    ? url.hostname.endsWith(host.slice(1))
    : host === '*' || host === url.hostname;
  if (!hostMatches) {
    return false;
  }
  const actualPort = url.port || DEFAULT_PORTS[url.protocol];
  if (port === '*') {
    return true;
  }
  if (port === undefined) {
    // No port: the scheme's default, which an upgrade from http's 80 to https's 443 keeps.
    const expected =
      scheme === undefined || scheme === 'http:'
        ? [DEFAULT_PORTS['http:'], DEFAULT_PORTS['https:']]
        : [DEFAULT_PORTS[scheme]];
    return expected.includes(actualPort);
  }
  return port === actualPort;
}
