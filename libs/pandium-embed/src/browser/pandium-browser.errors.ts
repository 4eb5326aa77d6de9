/**
 * Base class of the browser helper's errors. Messages are meant for people and never carry a Pandium URL, a
 * launch ticket or a token.
 *
 * @publicApi
 */
export class PandiumBrowserError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * Bad arguments to `mountPandiumInstall` / `mountPandiumMarketplace`: a programming error, thrown at once.
 *
 * @publicApi
 */
export class PandiumMountOptionsError extends PandiumBrowserError {
  private constructor(
    /** The option at fault, e.g. `integrationId`. */
    readonly option: string,
    message: string,
  ) {
    super(message);
  }

  /**
   * @param option the option's name.
   * @param rule what it must be, e.g. `must be a non-empty string`.
   */
  static invalid(option: string, rule: string): PandiumMountOptionsError {
    return new PandiumMountOptionsError(
      option,
      `Invalid Pandium mount option: ${option} ${rule}.`,
    );
  }
}

/**
 * Why a launch failed: the server answered an error status, the request never got an answer, or the answer
 * was not the expected JSON.
 *
 * @publicApi
 */
export type PandiumLaunchFailure = 'http' | 'network' | 'invalid-response';

const JWT_LIKE = /eyJ[\w-]*\.[\w-]*\.[\w-]*/g;
const TENANT_PARAM = /tenant=[^&\s"']+/gi;
const LAUNCH_TICKET = /\/launch\/[^\s/?#"']+/g;
const MAX_SERVER_MESSAGE_LENGTH = 300;

const FALLBACK_MESSAGES: Readonly<Record<number, string>> = {
  401: 'Sign in to open Pandium.',
  403: 'You are not allowed to open Pandium.',
  404: 'This Pandium integration is not available to you.',
  429: 'Too many attempts to open Pandium. Wait a moment and try again.',
};

/**
 * Fetching a Pandium URL or launch ticket from the library's routes failed. `message` is fit to show the user:
 * the server's own message when it sent one, otherwise one chosen by status.
 *
 * @publicApi
 */
export class PandiumLaunchError extends PandiumBrowserError {
  private constructor(
    message: string,
    /** What failed. */
    readonly reason: PandiumLaunchFailure,
    /** The HTTP status, for `reason: 'http'`. */
    readonly status?: number,
    /** The server's id of the log line with the details (5xx answers). */
    readonly correlationId?: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }

  /**
   * The server answered an error status.
   *
   * @param body the parsed JSON body (`{ statusCode, message, error?, correlationId? }`), or `undefined`.
   */
  static http(status: number, body: unknown): PandiumLaunchError {
    const fields =
      typeof body === 'object' && body !== null
        ? (body as { message?: unknown; correlationId?: unknown })
        : {};
    return new PandiumLaunchError(
      serverMessage(fields.message) ??
        FALLBACK_MESSAGES[status] ??
        `Pandium could not be opened (HTTP ${status}). Try again later.`,
      'http',
      status,
      shortString(fields.correlationId),
    );
  }

  /** The request failed before any answer (offline, DNS, CORS, a custom `fetch` that threw). */
  static network(cause: unknown): PandiumLaunchError {
    return new PandiumLaunchError(
      'Pandium could not be reached because the network request failed. Check the connection and try again.',
      'network',
      undefined,
      undefined,
      { cause },
    );
  }

  /**
   * A 2xx answer that was not the expected JSON.
   *
   * @param problem which field is wrong, never its value, e.g. `url is not an http(s) URL`.
   */
  static invalidResponse(problem: string): PandiumLaunchError {
    // No `cause`: a JSON parser's error quotes the body, which may hold the signed URL.
    return new PandiumLaunchError(
      `The server's answer for Pandium could not be used (${problem}). Try again later.`,
      'invalid-response',
    );
  }
}

const REQUEST_FALLBACK_MESSAGES: Readonly<Record<number, string>> = {
  401: 'Sign in to manage your integrations.',
  403: 'You are not allowed to do this.',
  404: 'This integration is not installed for you.',
  429: 'Too many requests. Wait a moment and try again.',
};

/**
 * A call of `createPandiumClient`'s client failed: the server answered an error status (`reason: 'http'`, with
 * `status`, and `code` and `correlationId` when the library sent them), the request got no answer (`'network'`),
 * or the answer was not the expected JSON (`'invalid-response'`). `message` is fit to show the user.
 *
 * @publicApi
 */
export class PandiumRequestError extends PandiumBrowserError {
  private constructor(
    message: string,
    /** What failed. */
    readonly reason: PandiumLaunchFailure,
    /** The HTTP status, for `reason: 'http'`. */
    readonly status?: number,
    /** The library's stable error code (`PANDIUM_TENANT_NOT_FOUND`, …), when the server sent one. */
    readonly code?: string,
    /** The server's id of the log line with the details (5xx answers). */
    readonly correlationId?: string,
    /** Seconds to wait before trying again, from a 429 or 503 answer's `Retry-After`. */
    readonly retryAfterSeconds?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }

  /** The server answered an error status; `body` is the parsed JSON body, or `undefined`. */
  static http(response: Response, body: unknown): PandiumRequestError {
    const fields =
      typeof body === 'object' && body !== null
        ? (body as Record<string, unknown>)
        : {};
    return new PandiumRequestError(
      serverMessage(fields.message) ??
        REQUEST_FALLBACK_MESSAGES[response.status] ??
        `The request failed (HTTP ${response.status}). Try again later.`,
      'http',
      response.status,
      shortString(fields.code),
      shortString(fields.correlationId),
      retryAfterSeconds(response.headers.get('retry-after')),
    );
  }

  /** The request failed before any answer (offline, DNS, CORS, a custom `fetch` that threw). */
  static network(cause: unknown): PandiumRequestError {
    return new PandiumRequestError(
      'The server could not be reached because the network request failed. Check the connection and try again.',
      'network',
      undefined,
      undefined,
      undefined,
      undefined,
      { cause },
    );
  }

  /** A 2xx answer that was not the expected JSON; `problem` names the field, never its value. */
  static invalidResponse(problem: string): PandiumRequestError {
    return new PandiumRequestError(
      `The server's answer could not be used (${problem}). Try again later.`,
      'invalid-response',
    );
  }
}

/** `Retry-After` in seconds: delay-seconds as given, an HTTP date as the seconds left until it (at least 0). */
function retryAfterSeconds(header: string | null): number | undefined {
  const text = header?.trim() ?? '';
  if (/^\d+$/.test(text)) {
    return Number(text);
  }
  const at = text === '' ? Number.NaN : Date.parse(text);
  return Number.isNaN(at)
    ? undefined
    : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

function shortString(value: unknown): string | undefined {
  return typeof value === 'string' && value.length <= 128 ? value : undefined;
}

/** The server's message, joined when a list, redacted and capped; `undefined` when there is none. */
function serverMessage(message: unknown): string | undefined {
  const text = Array.isArray(message)
    ? message.filter((line) => typeof line === 'string').join('; ')
    : message;
  if (typeof text !== 'string' || text.trim() === '') {
    return undefined;
  }
  // The library's routes never echo a token, but a proxy or a host's own error handler might.
  const redacted = text
    .replace(JWT_LIKE, '[redacted]')
    .replace(TENANT_PARAM, 'tenant=[redacted]')
    .replace(LAUNCH_TICKET, '/launch/[redacted]')
    .trim();
  return redacted.length > MAX_SERVER_MESSAGE_LENGTH
    ? `${redacted.slice(0, MAX_SERVER_MESSAGE_LENGTH - 1)}…`
    : redacted;
}
