import { LOOPBACK_HOSTS } from '../options/base-url.validator.js';
import { CliUsageError } from './cli-usage.error.js';

/**
 * The value of `doctor --app-origin`: an origin, `https://host[:port]` (`http:` only for this machine: `localhost`,
 * `127.0.0.1`, `[::1]`), a trailing `/` allowed, no credentials, path, query or fragment. Answers it as `URL.origin`
 * spells it (lower-case host, no default port).
 *
 * @throws {CliUsageError} naming the flag, never the value.
 * @internal
 */
export function parseDoctorAppOrigin(value: string): string {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  const secureEnough =
    url !== undefined &&
    (url.protocol === 'https:' ||
      (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)));
  if (
    !secureEnough ||
    // Scheme, authority and at most a `/`: no path, query, fragment, white space or backslash for URL to mend.
    !/^[a-z][a-z0-9+.-]*:\/\/[^/?#\s\\]+\/?$/i.test(value) ||
    url.username !== '' ||
    url.password !== ''
  ) {
    throw new CliUsageError(
      '--app-origin takes an origin, https://host[:port] (http only for localhost), without a path, query or credentials',
    );
  }
  return url.origin;
}
