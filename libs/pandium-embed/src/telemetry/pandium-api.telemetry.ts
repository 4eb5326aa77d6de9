import type { Span } from '@opentelemetry/api';
import { observe } from './pandium-span.util.js';
import { otelApi } from './pandium-telemetry.js';

/** A path segment that names one record (a tenant's or integration's id): left out of the operation's name. */
const ID_SEGMENT = /^\d+$/;

/**
 * The operation a call to Pandium's REST API makes, as `pandium.api.operation` names it: the method and the path
 * with ids as `{id}` (`GET /v2/tenants`, `POST /v2/tenants/{id}/sync`), so its values stay few.
 *
 * @internal
 */
export function apiOperationOf(method: string, url: URL): string {
  const path = url.pathname
    .split('/')
    .map((segment) => (ID_SEGMENT.test(segment) ? '{id}' : segment))
    .join('/');
  return `${method} ${path}`;
}

/**
 * Runs one call to Pandium's REST API in an HTTP client span, as OpenTelemetry's semantic conventions have it
 * (`http.request.method`, `server.address`, `server.port`, `url.full` with the `user_name` filter redacted;
 * `work` sets `http.response.status_code`, and a failure adds `error.type`), counted in `pandium.api.calls` and timed
 * in `pandium.api.duration`. Call it only when telemetry is on.
 *
 * @param shownUrl the URL as logs show it (`requestName`: no user name).
 * @internal
 */
export function observeApiCall<T>(
  method: string,
  url: URL,
  shownUrl: string,
  work: (span: Span | undefined) => Promise<T>,
): Promise<T> {
  const operation = apiOperationOf(method, url);
  const attributes: Record<string, string | number> = {
    'http.request.method': method,
    'server.address': url.hostname,
    'server.port': Number(url.port) || (url.protocol === 'http:' ? 80 : 443),
    'url.full': shownUrl,
    'pandium.api.operation': operation,
  };
  return observe(
    method,
    attributes,
    async (span) => {
      try {
        return await work(span);
      } catch (error) {
        span?.setAttribute('error.type', errorTypeOf(error));
        throw error;
      }
    },
    (ended) => {
      const meters = ended.instruments;
      if (meters === undefined) {
        return;
      }
      const recorded = {
        'pandium.api.operation': operation,
        'pandium.outcome': ended.outcome,
      };
      meters.apiCalls.add(1, recorded);
      meters.apiDuration.record(ended.seconds, recorded);
    },
    otelApi()?.SpanKind.CLIENT,
  );
}

/** `error.type`: the status code for an error answer, else why the call failed (`timeout`, `network`…). */
function errorTypeOf(error: unknown): string {
  const { status, reason } = error as { status?: unknown; reason?: unknown };
  if (typeof status === 'number') {
    return String(status);
  }
  return typeof reason === 'string' ? reason : '_OTHER';
}
