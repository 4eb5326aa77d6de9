import { PandiumEmbedError } from '../errors/pandium-embed.error.js';
import { PandiumErrorCode } from '../errors/pandium-error.codes.js';
import type { PandiumUrlTarget } from './pandium-token-diagnosis.interface.js';

/**
 * A token and, for a URL, what the URL points at.
 *
 * @publicApi
 */
export interface ParsedPandiumUrl {
  /** The signed token (`?tenant=`). Never log it. */
  token: string;
  /** The install or marketplace target, when a URL was given. */
  target?: PandiumUrlTarget;
}

/**
 * A JWT is base64url and dots, and starts `eyJ` (`{"`). A scheme, a query or a leading slash means a URL or a
 * path; so does a slash or colon in text that is not a JWT. A JWT with a slash is standard base64, which the
 * token checks report.
 */
function isUrlLike(text: string): boolean {
  return (
    text.includes('://') ||
    text.includes('?') ||
    text.startsWith('/') ||
    (/[/:]/.test(text) && !text.startsWith('eyJ'))
  );
}

/**
 * Takes a Pandium install URL (`<base>/<account>/tenants/create/<integration_id>?tenant=<jwt>`), a marketplace URL
 * (`<base>/<account>?tenant=<jwt>`) or a bare JWT apart. The path is read from its end, so a base URL with a path
 * prefix (a proxy's `https://x/pandium`, a local emulator) works; a URL without a scheme is read as https.
 *
 * @param input a URL, a path with its query (`/acme?tenant=…`) or a bare JWT; surrounding whitespace is ignored.
 * @throws {PandiumEmbedError} when a URL has no (or several) `tenant` parameters, or no account in its path.
 *   The message never contains the token.
 * @publicApi
 */
export function parsePandiumUrl(input: string): ParsedPandiumUrl {
  const text = input.trim();
  if (!isUrlLike(text)) {
    return { token: text };
  }
  const url = toUrl(text);
  const tenants = url.searchParams.getAll('tenant');
  if (tenants.length !== 1 || tenants[0] === '') {
    throw new PandiumEmbedError(
      PandiumErrorCode.DIAGNOSIS_INPUT_INVALID,
      tenants.length > 1
        ? `The Pandium URL has ${tenants.length} tenant parameters; it must carry exactly one signed token (?tenant=<jwt>).`
        : tenants.length === 1
          ? 'The Pandium URL has an empty tenant parameter: the signed token is missing (?tenant=<jwt>).'
          : 'The Pandium URL has no tenant parameter: Pandium reads the signed token from ?tenant=<jwt>. ' +
            'Pass the whole URL (quote it in a shell, or the & and ? are lost) or the bare token.',
    );
  }
  return { token: tenants[0], target: targetOf(url.pathname) };
}

function toUrl(text: string): URL {
  const absolute = text.startsWith('/')
    ? `https://pandium.invalid${text}`
    : /^[a-z][a-z0-9+.-]*:\/\//i.test(text)
      ? text
      : `https://${text}`;
  if (!URL.canParse(absolute)) {
    throw new PandiumEmbedError(
      PandiumErrorCode.DIAGNOSIS_INPUT_INVALID,
      'The input is neither a JWT nor a URL that can be parsed: pass an install or marketplace URL, or the bare token.',
    );
  }
  return new URL(absolute);
}

function targetOf(pathname: string): PandiumUrlTarget {
  const segments = pathname
    .split('/')
    .filter((segment) => segment !== '')
    .map(decodeSegment);
  const n = segments.length;
  if (n >= 4 && segments[n - 3] === 'tenants' && segments[n - 2] === 'create') {
    return {
      kind: 'install',
      account: segments[n - 4],
      integrationId: segments[n - 1],
    };
  }
  if (n >= 2 && segments[n - 1] === 'create' && segments[n - 2] === 'tenants') {
    throw new PandiumEmbedError(
      PandiumErrorCode.DIAGNOSIS_INPUT_INVALID,
      'The Pandium URL ends in /tenants/create without an integration id: an install URL is ' +
        '<base>/<account>/tenants/create/<integration_id>?tenant=<jwt>.',
    );
  }
  if (n === 0) {
    throw new PandiumEmbedError(
      PandiumErrorCode.DIAGNOSIS_INPUT_INVALID,
      'The Pandium URL has no account in its path: a marketplace URL is <base>/<account>?tenant=<jwt>, ' +
        'an install URL <base>/<account>/tenants/create/<integration_id>?tenant=<jwt>.',
    );
  }
  return { kind: 'marketplace', account: segments[n - 1] };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    // A stray % is kept as sent: the account check then reports the difference.
    return segment;
  }
}
