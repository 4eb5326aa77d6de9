import type { ValidationOptions } from 'class-validator';
import { ValidateBy } from 'class-validator';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * An absolute https URL (http only for localhost), with no credentials, query or fragment.
 *
 * @internal
 */
export function isPandiumBaseUrl(value: unknown): boolean {
  if (typeof value !== 'string' || !URL.canParse(value)) {
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
