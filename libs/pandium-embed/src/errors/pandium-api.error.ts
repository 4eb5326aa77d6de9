import { describeWithCause } from './describe-thrown.util.js';
import { PandiumEmbedError } from './pandium-embed.error.js';
import { PandiumErrorCode } from './pandium-error.codes.js';

/** Why loading from Pandium's REST API failed. */
type PandiumApiFailure =
  | 'status'
  | 'timeout'
  | 'network'
  | 'malformed-json'
  | 'invalid-response'
  | 'too-many-pages'
  | 'shut-down';

const CODE_OF: Record<PandiumApiFailure, PandiumErrorCode> = {
  status: PandiumErrorCode.API_BAD_STATUS,
  timeout: PandiumErrorCode.API_TIMEOUT,
  network: PandiumErrorCode.API_UNREACHABLE,
  'malformed-json': PandiumErrorCode.API_MALFORMED_JSON,
  'invalid-response': PandiumErrorCode.API_INVALID_RESPONSE,
  'too-many-pages': PandiumErrorCode.API_TOO_MANY_PAGES,
  'shut-down': PandiumErrorCode.API_SHUT_DOWN,
};

/**
 * Loading the catalog from Pandium's REST API failed (codes `PANDIUM_API_…`). {@link PandiumApiIntegrationCatalog}
 * logs it as a warning and keeps serving its last good copy; with no good copy yet, `listIntegrations` rejects
 * with it (a logged 502). Reading a user's tenants for integration statuses fails with it too, logged only: the
 * statuses are then the last ones read, or `unknown`. Messages name the request and the cause (status code,
 * time-out, malformed JSON), never the API key.
 *
 * @publicApi
 */
export class PandiumApiError extends PandiumEmbedError {
  /** The HTTP status Pandium answered, for `reason: 'status'`. */
  readonly status: number | undefined;

  /**
   * For a 429 (`status` 429): how many seconds Pandium asked to wait (its `Retry-After`, capped at 300 s), during
   * which the same client sends nothing more.
   */
  readonly retryAfterSeconds: number | undefined;

  private constructor(
    /** Why the load failed. */
    readonly reason: PandiumApiFailure,
    message: string,
    options?: ErrorOptions,
    status?: number,
    retryAfterSeconds?: number,
  ) {
    super(CODE_OF[reason], message, options);
    this.status = status;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /**
   * Pandium answered with a status other than 2xx. Code `PANDIUM_API_BAD_STATUS`.
   *
   * @param retryAfterSeconds for a 429, the wait its `Retry-After` asked for.
   */
  static badStatus(
    request: string,
    status: number,
    retryAfterSeconds?: number,
  ): PandiumApiError {
    const advice =
      status === 401 || status === 403
        ? 'Check apiKey, and that it belongs to this environment.'
        : status >= 500 || status === 429
          ? 'Pandium may be unavailable; the catalog tries again later.'
          : 'Check environment and apiBaseUrl.';
    const wait =
      status === 429 && retryAfterSeconds !== undefined
        ? ` It asked to wait ${retryAfterSeconds} s.`
        : '';
    return new PandiumApiError(
      'status',
      `Pandium's API answered ${status} to ${request}. ${advice}${wait}`,
      undefined,
      status,
      status === 429 ? retryAfterSeconds : undefined,
    );
  }

  /**
   * Not sent: Pandium answered 429 to an earlier request of the same client, and the wait it asked for has not
   * passed. Code `PANDIUM_API_BAD_STATUS`, `status` 429, `retryAfterSeconds` the seconds left.
   */
  static busy(request: string, retryAfterSeconds: number): PandiumApiError {
    return new PandiumApiError(
      'status',
      `${request} was not sent: Pandium's API answered 429 to an earlier request and asked to wait; ` +
        `${retryAfterSeconds} s left.`,
      undefined,
      429,
      retryAfterSeconds,
    );
  }

  /** No full answer within `requestTimeoutMs`. Code `PANDIUM_API_TIMEOUT`. */
  static timedOut(request: string, timeoutMs: number): PandiumApiError {
    return new PandiumApiError(
      'timeout',
      `${request} timed out: Pandium's API did not answer within ${timeoutMs} ms (requestTimeoutMs).`,
    );
  }

  /**
   * The request did not reach Pandium (DNS, refused connection, TLS, a redirect). Code `PANDIUM_API_UNREACHABLE`.
   */
  static network(request: string, cause: unknown): PandiumApiError {
    return new PandiumApiError(
      'network',
      `${request} failed (${describeWithCause(cause)}). Check apiBaseUrl and the network.`,
      { cause },
    );
  }

  /** The body is not JSON. Code `PANDIUM_API_MALFORMED_JSON`. */
  static malformedJson(request: string): PandiumApiError {
    return new PandiumApiError(
      'malformed-json',
      `Pandium's API answered ${request} with malformed JSON.`,
    );
  }

  /**
   * The body is JSON, but holds no list of integrations (or of tenants). Code `PANDIUM_API_INVALID_RESPONSE`.
   *
   * @param expected what the body should have been, when not the integration list.
   */
  static invalidResponse(
    request: string,
    expected = 'a list of integrations, or an object holding one under data, results or items',
  ): PandiumApiError {
    return new PandiumApiError(
      'invalid-response',
      `Pandium's API answered ${request} with an unexpected shape: expected ${expected}.`,
    );
  }

  /**
   * The list did not end within the page cap (an API that ignores `skip` would repeat a page forever).
   * Code `PANDIUM_API_TOO_MANY_PAGES`.
   */
  static tooManyPages(
    maxPages: number,
    pageSize: number,
    items = 'integrations',
  ): PandiumApiError {
    return new PandiumApiError(
      'too-many-pages',
      `Pandium's API listed more than ${maxPages} pages of ${pageSize} ${items}; ` +
        'stopped reading, as the API may be ignoring skip.',
    );
  }

  /** The application shut down: a load under way was aborted, and no new one starts. Code `PANDIUM_API_SHUT_DOWN`. */
  static shutDown(): PandiumApiError {
    return new PandiumApiError(
      'shut-down',
      "The integration catalog has shut down: it no longer loads from Pandium's API.",
    );
  }
}
