import { field, readJson } from './pandium-json.util.js';
import { PandiumLaunchError } from './pandium-browser.errors.js';
import type { PandiumLaunchMode } from './pandium-mount-options.interface.js';

/**
 * What to open: one integration's install flow or the marketplace.
 *
 * @internal
 */
export type PandiumEmbedTarget =
  { kind: 'install'; integrationId: string } | { kind: 'marketplace' };

/**
 * Where an iframe should go and whom to trust once it is there.
 *
 * @internal
 */
export interface PandiumLaunch {
  /** The iframe's `src`. Carries a token or a ticket: use it once, right away, and never log it. */
  src: string;
  /** The origin of Pandium's pages: the only `MessageEvent.origin` to accept. */
  trustedOrigin: string;
}

/**
 * Settings of {@link PandiumLaunchClient}.
 *
 * @internal
 */
export interface PandiumLaunchClientOptions {
  /** The library's route prefix, e.g. `/pandium`. */
  endpoint: string;
  mode: PandiumLaunchMode;
  fetch: typeof fetch;
  /** The fetch's `credentials`; `'include'` keeps the ticket's browser-binding cookie from another origin. @default 'same-origin' */
  credentials?: 'same-origin' | 'include';
  /** What a relative `endpoint` and `launchUrl` are resolved against, usually `document.baseURI`. */
  baseUrl: string;
}

/**
 * Asks the library's routes for a fresh Pandium URL (`url` mode) or launch ticket (`ticket` mode). Framework
 * wrappers may use it directly; `mountPandiumInstall` / `mountPandiumMarketplace` use it on every mount.
 *
 * @internal
 */
export class PandiumLaunchClient {
  constructor(private readonly options: PandiumLaunchClientOptions) {}

  /**
   * Fetches a new launch; never cached, never reused.
   *
   * @throws {PandiumLaunchError} for an error status, a failed request or an unusable answer. When `signal`
   * aborts, whatever `fetch` rejects with is passed on.
   */
  async launch(
    target: PandiumEmbedTarget,
    signal?: AbortSignal,
  ): Promise<PandiumLaunch> {
    const { mode } = this.options;
    const requestUrl = this.requestUrl(target);
    const fetchFn = this.options.fetch;
    let response: Response;
    try {
      response = await fetchFn(requestUrl.href, {
        method: mode === 'ticket' ? 'POST' : 'GET',
        credentials: this.options.credentials ?? 'same-origin',
        cache: 'no-store',
        headers:
          mode === 'ticket'
            ? {
                Accept: 'application/json',
                'Content-Type': 'application/json',
              }
            : { Accept: 'application/json' },
        body: mode === 'ticket' ? JSON.stringify(target) : undefined,
        signal,
      });
    } catch (error) {
      if (signal?.aborted) {
        throw error;
      }
      throw PandiumLaunchError.network(error);
    }
    const body = await readJson(response);
    if (!response.ok) {
      throw PandiumLaunchError.http(response.status, body);
    }
    return mode === 'ticket'
      ? fromTicket(body, requestUrl)
      : fromSignedUrl(body);
  }

  /** @internal */
  protected requestUrl(target: PandiumEmbedTarget): URL {
    const prefix = this.options.endpoint.replace(/\/+$/, '');
    const path =
      this.options.mode === 'ticket'
        ? `${prefix}/launch-tickets`
        : target.kind === 'install'
          ? `${prefix}/integrations/${encodeURIComponent(target.integrationId)}/install-url`
          : `${prefix}/marketplace-url`;
    return new URL(path, this.options.baseUrl);
  }
}

function httpUrl(value: unknown, base?: URL): URL | undefined {
  if (typeof value !== 'string' || value === '') {
    return undefined;
  }
  try {
    const url = new URL(value, base);
    return url.protocol === 'https:' || url.protocol === 'http:'
      ? url
      : undefined;
  } catch {
    return undefined;
  }
}

/** `url` mode: `{ url, expiresAt, expiresIn, integrationId? }`. */
function fromSignedUrl(body: unknown): PandiumLaunch {
  const url = httpUrl(field(body, 'url'));
  if (url === undefined) {
    throw PandiumLaunchError.invalidResponse(
      'url is missing or not an http(s) URL',
    );
  }
  return { src: url.href, trustedOrigin: url.origin };
}

/**
 * `ticket` mode: `{ launchUrl, expiresIn, expiresAt, pandiumOrigin }`; `launchUrl` is a path on the host app, so it
 * must resolve to the endpoint's own origin: a `//other.host/…` or absolute URL from a proxy or a tampered answer
 * would otherwise send the iframe (and the single-use ticket) anywhere.
 */
function fromTicket(body: unknown, requestUrl: URL): PandiumLaunch {
  const launchUrl = httpUrl(field(body, 'launchUrl'), requestUrl);
  if (launchUrl === undefined) {
    throw PandiumLaunchError.invalidResponse(
      'launchUrl is missing or not an http(s) path or URL',
    );
  }
  if (launchUrl.origin !== requestUrl.origin) {
    throw PandiumLaunchError.invalidResponse(
      "launchUrl is not on the endpoint's origin",
    );
  }
  const pandiumOrigin = field(body, 'pandiumOrigin');
  const origin = httpUrl(pandiumOrigin);
  if (
    origin === undefined ||
    origin.origin !== (pandiumOrigin as string).replace(/\/$/, '')
  ) {
    throw PandiumLaunchError.invalidResponse(
      'pandiumOrigin is missing or not an http(s) origin',
    );
  }
  return { src: launchUrl.href, trustedOrigin: origin.origin };
}
