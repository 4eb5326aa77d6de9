import type { ValidationOptions } from 'class-validator';
import { ValidateBy } from 'class-validator';

/** The hosts (as `URL.hostname` spells them) an http URL may name: this machine. @internal */
export const LOOPBACK_HOSTS: ReadonlySet<string> = new Set([
  'localhost',
  '127.0.0.1',
  '[::1]',
]);

/**
 * An absolute https URL (http only for localhost), with no credentials, query, fragment or white space.
 *
 * @internal
 */
export function isPandiumBaseUrl(value: unknown): boolean {
  // URL parsing drops surrounding and embedded white space that the URL builder would keep: refuse it.
  if (typeof value !== 'string' || /\s/.test(value) || !URL.canParse(value)) {
    return false;
  }
  const url = new URL(value);
  const secureEnough =
    url.protocol === 'https:' ||
    (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
  return (
    secureEnough &&
    !url.username &&
    !url.password &&
    !url.search &&
    !url.hash &&
    // A bare `?` or `#` parses to an empty search or hash, yet would still end the path of every URL built on it.
    !value.includes('?') &&
    !value.includes('#')
  );
}

/** @internal */
export function IsPandiumBaseUrl(
  options?: ValidationOptions,
): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isPandiumBaseUrl',
      validator: {
        validate: isPandiumBaseUrl,
        defaultMessage: () =>
          'must be an absolute https URL (http only for localhost) without credentials, query or fragment',
      },
    },
    options,
  );
}
