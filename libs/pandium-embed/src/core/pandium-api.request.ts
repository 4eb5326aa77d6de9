import type { Span } from '@opentelemetry/api';
import { PandiumApiError } from '../errors/pandium-api.error.js';
import type { PandiumSecret } from '../options/pandium.secret.js';
import { PANDIUM_API_KEY_HEADER } from '../signing/pandium-hosts.js';
import type { PandiumApiBusyGate } from './pandium-api-busy.gate.js';
import { parseRetryAfter } from './pandium-api-busy.gate.js';
import { pandiumTelemetryOn } from '../telemetry/pandium-span.util.js';
import { observeApiCall } from '../telemetry/pandium-api.telemetry.js';

/** What a request to Pandium's REST API needs. @internal */
export interface PandiumApiRequestSettings {
  readonly apiKey: PandiumSecret;
  readonly requestTimeoutMs: number;
  /**
   * The client's gate: a 429 closes it for the `Retry-After` asked, and while it is closed every request through it
   * fails at once without being sent. None: each request is sent, and a 429 is only reported.
   */
  readonly gate?: PandiumApiBusyGate;
}

/**
 * `path` (relative, e.g. `v2/tenants`) under Pandium's REST API base URL; the trailing slash keeps a base URL's own
 * path (a proxy's prefix) in front of it.
 *
 * @internal
 */
export function pandiumApiUrl(apiBaseUrl: string, path: string): URL {
  return new URL(
    path,
    apiBaseUrl.endsWith('/') ? apiBaseUrl : `${apiBaseUrl}/`,
  );
}

/** The methods Pandium's REST API is called with. @internal */
export type PandiumApiMethod = 'GET' | 'POST' | 'DELETE';

/**
 * `GET url` on Pandium's REST API, with the key in the `X-API-KEY` header, never following a redirect, and the
 * answer parsed as JSON. The request named in errors is the URL ({@link requestName}: no secret, no user name).
 *
 * @param signal aborts the request when the caller shuts down (`PANDIUM_API_SHUT_DOWN`).
 * @throws {PandiumApiError} when the request fails, times out, answers a non-2xx status or malformed JSON, or is
 *   not sent because the client's gate is closed after a 429.
 * @internal
 */
export async function getPandiumJson(
  url: URL,
  settings: PandiumApiRequestSettings,
  signal: AbortSignal,
): Promise<unknown> {
  const request = `GET ${requestName(url)}`;
  const text = await fetchText('GET', url, request, settings, signal);
  return parseJson(text, request);
}

/**
 * `POST url` or `DELETE url` on Pandium's REST API, without a body, under the rules of {@link getPandiumJson}. The
 * answer's JSON, or `undefined` when it has no body (a 204, or an empty 2xx).
 *
 * @throws {PandiumApiError} as {@link getPandiumJson} does.
 * @internal
 */
export async function sendPandiumRequest(
  method: Exclude<PandiumApiMethod, 'GET'>,
  url: URL,
  settings: PandiumApiRequestSettings,
  signal: AbortSignal,
): Promise<unknown> {
  const request = `${method} ${requestName(url)}`;
  const text = await fetchText(method, url, request, settings, signal);
  return text.trim() === '' ? undefined : parseJson(text, request);
}

/**
 * The URL as errors and logs name it: with the `user_name` filter's value redacted, as a user's `sub` may be an
 * e-mail address. The URL carries no other secret (the key travels in a header).
 *
 * @internal
 */
export function requestName(url: URL): string {
  if (!url.searchParams.has('user_name')) {
    return url.href;
  }
  const shown = new URL(url);
  shown.searchParams.set('user_name', 'redacted');
  return shown.href;
}

function parseJson(text: string, request: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw PandiumApiError.malformedJson(request);
  }
}

/** The body of a 2xx answer, as text; in an HTTP client span when telemetry is on. */
function fetchText(
  method: PandiumApiMethod,
  url: URL,
  request: string,
  settings: PandiumApiRequestSettings,
  signal: AbortSignal,
): Promise<string> {
  return pandiumTelemetryOn()
    ? observeApiCall(method, url, request.slice(method.length + 1), (span) =>
        fetchTextIn(span, method, url, request, settings, signal),
      )
    : fetchTextIn(undefined, method, url, request, settings, signal);
}

async function fetchTextIn(
  span: Span | undefined,
  method: PandiumApiMethod,
  url: URL,
  request: string,
  { apiKey, requestTimeoutMs, gate }: PandiumApiRequestSettings,
  signal: AbortSignal,
): Promise<string> {
  const wait = gate?.secondsLeft();
  if (wait !== undefined) {
    throw PandiumApiError.busy(request, wait);
  }
  const timeout = AbortSignal.timeout(requestTimeoutMs);
  try {
    const response = await fetch(url, {
      method,
      headers: {
        [PANDIUM_API_KEY_HEADER]: apiKey.reveal(),
        accept: 'application/json',
      },
      // fetch would send the key on to wherever a redirect points.
      redirect: 'error',
      signal: AbortSignal.any([signal, timeout]),
    });
    span?.setAttribute('http.response.status_code', response.status);
    if (!response.ok) {
      // The body is neither read nor logged (it may echo the request); cancelling frees the connection.
      await response.body?.cancel().catch(() => undefined);
      throw badStatus(response, request, gate);
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

/** The error for a non-2xx answer; a 429 also closes the gate for the wait it asked for. */
function badStatus(
  response: Response,
  request: string,
  gate: PandiumApiBusyGate | undefined,
): PandiumApiError {
  if (response.status !== 429) {
    return PandiumApiError.badStatus(request, response.status);
  }
  const seconds = parseRetryAfter(
    response.headers.get('retry-after'),
    gate?.now() ?? Date.now(),
  );
  gate?.close(seconds);
  return PandiumApiError.badStatus(request, 429, seconds);
}
