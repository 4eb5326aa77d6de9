import { PandiumApiError } from '../errors/pandium-api.error.js';
import type { PandiumSecret } from '../options/pandium.secret.js';
import { PANDIUM_API_KEY_HEADER } from '../signing/pandium-hosts.js';

/** What a request to Pandium's REST API needs. @internal */
export interface PandiumApiRequestSettings {
  readonly apiKey: PandiumSecret;
  readonly requestTimeoutMs: number;
}

/**
 * `GET url` on Pandium's REST API, with the key in the `X-API-KEY` header, never following a redirect, and the
 * answer parsed as JSON. The request named in errors is the URL, which carries no secret.
 *
 * @param signal aborts the request when the caller shuts down (`PANDIUM_API_SHUT_DOWN`).
 * @throws {PandiumApiError} when the request fails, times out, answers a non-2xx status or malformed JSON.
 * @internal
 */
export async function getPandiumJson(
  url: URL,
  settings: PandiumApiRequestSettings,
  signal: AbortSignal,
): Promise<unknown> {
  const request = `GET ${url.href}`;
  const text = await fetchText(url, request, settings, signal);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw PandiumApiError.malformedJson(request);
  }
}

/** The body of a 2xx answer, as text. */
async function fetchText(
  url: URL,
  request: string,
  { apiKey, requestTimeoutMs }: PandiumApiRequestSettings,
  signal: AbortSignal,
): Promise<string> {
  const timeout = AbortSignal.timeout(requestTimeoutMs);
  try {
    const response = await fetch(url, {
      headers: {
        [PANDIUM_API_KEY_HEADER]: apiKey.reveal(),
        accept: 'application/json',
      },
      // fetch would send the key on to wherever a redirect points.
      redirect: 'error',
      signal: AbortSignal.any([signal, timeout]),
    });
    if (!response.ok) {
      // The body is neither read nor logged (it may echo the request); cancelling frees the connection.
      await response.body?.cancel().catch(() => undefined);
      throw PandiumApiError.badStatus(request, response.status);
    }
    return await response.text();
  } catch (error) {
    if (error instanceof PandiumApiError) {
      throw error;
    }
    if (signal.aborted) {
      throw PandiumApiError.shutDown();
    }
    if (timeout.aborted) {
      throw PandiumApiError.timedOut(request, requestTimeoutMs);
    }
    throw PandiumApiError.network(request, error);
  }
}
