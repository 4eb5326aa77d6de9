import type { PandiumSecret } from '../options/pandium.secret.js';
import { PANDIUM_API_KEY_HEADER } from '../signing/pandium-hosts.js';
import { pandiumApiUrl } from './pandium-api.request.js';

/** The cheap authenticated request the probe sends: one integration at most, relative to the API base URL. */
const PANDIUM_API_PROBE_PATH = 'v2/integrations?limit=1';

/**
 * What one request to Pandium's REST API told about the configured key: `accepted` (2xx), `refused` (401 or 403),
 * `bad-status` (any other answer), `unreachable` (no answer), `timed-out`.
 *
 * @internal
 */
export type PandiumApiProbeOutcome =
  'accepted' | 'refused' | 'bad-status' | 'unreachable' | 'timed-out';

/**
 * Pandium's clock as one answer showed it: its `Date` header (whole seconds) and when, on this machine's clock, the
 * request left and the answer came back. Pandium stamped the answer somewhere between the two.
 *
 * @internal
 */
export interface PandiumClockSample {
  /** This machine's time when the request was sent, in milliseconds since the epoch. */
  readonly sentAt: number;
  /** This machine's time when the answer's headers arrived, in milliseconds since the epoch. */
  readonly receivedAt: number;
  /** The answer's `Date` header, in milliseconds since the epoch (a whole second). */
  readonly serverDate: number;
}

/** What {@link probePandiumApi} found. Holds no key and no body. @internal */
export interface PandiumApiProbeResult {
  readonly outcome: PandiumApiProbeOutcome;
  /** The URL asked (it carries no secret). */
  readonly url: string;
  /** The HTTP status, when Pandium answered. */
  readonly status?: number;
  /** Why there was no answer (`ECONNREFUSED`, `ENOTFOUND`…), when there was none. */
  readonly reason?: string;
  /** Pandium's clock, when the answer carried a valid `Date` header. */
  readonly clock?: PandiumClockSample;
}

/** Where and how {@link probePandiumApi} asks. @internal */
export interface PandiumApiProbeSettings {
  /** The REST API's base URL (the resolved `apiBaseUrl`). */
  readonly apiBaseUrl: string;
  /** The key sent in `X-API-KEY`; without one the request still shows Pandium's clock (and is refused). */
  readonly apiKey: PandiumSecret | undefined;
  /** How long to wait for the answer's headers, in milliseconds. */
  readonly timeoutMs: number;
  /** This machine's clock, in milliseconds (the clock that signs `iat`). */
  readonly now: () => number;
  /** Aborts the request (e.g. a health check's own time-out). */
  readonly signal?: AbortSignal;
}

/**
 * Sends `GET <apiBaseUrl>/v2/integrations?limit=1` with the key in `X-API-KEY` (never following a redirect, which
 * would carry the key elsewhere), reads the status and the `Date` header, and drops the body unread. Never throws:
 * every failure is an outcome. `getPandiumJson` hides the headers, hence this request of its own.
 *
 * @internal
 */
export async function probePandiumApi(
  settings: PandiumApiProbeSettings,
): Promise<PandiumApiProbeResult> {
  const url = pandiumApiUrl(settings.apiBaseUrl, PANDIUM_API_PROBE_PATH);
  const timeout = AbortSignal.timeout(settings.timeoutMs);
  const sentAt = settings.now();
  try {
    const response = await fetch(url, {
      headers: {
        accept: 'application/json',
        ...(settings.apiKey === undefined
          ? {}
          : { [PANDIUM_API_KEY_HEADER]: settings.apiKey.reveal() }),
      },
      redirect: 'error',
      signal:
        settings.signal === undefined
          ? timeout
          : AbortSignal.any([settings.signal, timeout]),
    });
    const receivedAt = settings.now();
    await response.body?.cancel().catch(() => undefined);
    const serverDate = Date.parse(response.headers.get('date') ?? '');
    return {
      outcome: response.ok
        ? 'accepted'
        : response.status === 401 || response.status === 403
          ? 'refused'
          : 'bad-status',
      url: url.href,
      status: response.status,
      ...(Number.isNaN(serverDate)
        ? {}
        : { clock: { sentAt, receivedAt, serverDate } }),
    };
  } catch (error) {
    if (timeout.aborted) {
      return { outcome: 'timed-out', url: url.href };
    }
    return { outcome: 'unreachable', url: url.href, reason: reasonOf(error) };
  }
}

/** The system error code under fetch's `TypeError: fetch failed` (`ECONNREFUSED`), or its message. */
function reasonOf(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } })
    ?.cause;
  if (typeof cause?.code === 'string') {
    return cause.code;
  }
  if (typeof cause?.message === 'string') {
    return cause.message;
  }
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : 'the request failed';
}
