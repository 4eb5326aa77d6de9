import { createHash, randomBytes } from 'node:crypto';

/**
 * The cookie that binds a launch ticket to the browser that asked for it. `__Host-`: the browser accepts it only
 * from this host over a secure origin, with `Path=/` and no `Domain`, so a sibling subdomain cannot plant its own
 * (cookie tossing would defeat the binding). `HttpOnly`, `SameSite=Strict`, a session cookie.
 *
 * @internal
 */
export const LAUNCH_BINDING_COOKIE = '__Host-pandium-launch';

/** 128 random bits, base64url. */
const BINDING_VALUE = /^[A-Za-z0-9_-]{22}$/;

/** A request as the binding reads it: Express's and Fastify's both carry Node's lower-cased headers. */
interface RequestWithHeaders {
  headers?: Record<string, string | string[] | undefined>;
}

/**
 * The binding cookie's value this request carries, when well formed.
 *
 * @internal
 */
export function bindingCookieOf(request: object): string | undefined {
  const header = (request as RequestWithHeaders).headers?.cookie;
  for (const line of ([] as string[]).concat(header ?? [])) {
    for (const pair of line.split(';')) {
      const at = pair.indexOf('=');
      const value = pair.slice(at + 1).trim();
      if (
        at > 0 &&
        pair.slice(0, at).trim() === LAUNCH_BINDING_COOKIE &&
        BINDING_VALUE.test(value)
      ) {
        return value;
      }
    }
  }
  return undefined;
}

/**
 * Whether a browser sent this request: every current browser adds fetch metadata (`Sec-Fetch-Site` and
 * `Sec-Fetch-Dest`, which no page script can set or remove) to every request, and tools such as curl add none.
 * `Sec-Fetch-Mode` alone does not count: Node.js's own `fetch` (undici) sends it, and a server-side client is no
 * browser.
 *
 * @internal
 */
export function isBrowserRequest(request: object): boolean {
  const headers = (request as RequestWithHeaders).headers ?? {};
  return ['sec-fetch-site', 'sec-fetch-dest'].some(
    (name) => headers[name] !== undefined,
  );
}

/**
 * A new binding value: 128 random bits.
 *
 * @internal
 */
export function newBindingValue(): string {
  return randomBytes(16).toString('base64url');
}

/**
 * Gives the browser its binding: a `Set-Cookie` added to any the response already has (Express's `append`;
 * Fastify's `header` appends `Set-Cookie` by itself).
 *
 * @internal
 */
export function setBindingCookie(response: object, value: string): void {
  const cookie = `${LAUNCH_BINDING_COOKIE}=${value}; Path=/; Secure; HttpOnly; SameSite=Strict`;
  const { append, header } = response as {
    append?: (name: string, value: string) => unknown;
    header: (name: string, value: string) => unknown;
  };
  if (typeof append === 'function') {
    append.call(response, 'Set-Cookie', cookie);
  } else {
    header.call(response, 'Set-Cookie', cookie);
  }
}

/**
 * What a ticket's record keeps of the binding: a digest, so the ticket store never holds the cookie itself.
 *
 * @internal
 */
export function bindingDigest(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}

/**
 * Whether a ticket bound to the browser of `digest` is refused to this redeemer: a browser that did not show the
 * same cookie. A ticket bound to no browser, or redeemed by a client that is not a browser, is not.
 *
 * @internal
 */
export function refusesBrowser(
  digest: string | undefined,
  redeemer: { browser: boolean; binding?: string } | undefined,
): boolean {
  return (
    digest !== undefined &&
    redeemer?.browser === true &&
    (redeemer.binding === undefined ||
      bindingDigest(redeemer.binding) !== digest)
  );
}
