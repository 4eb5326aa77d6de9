import { ValidateBy } from 'class-validator';

/** Why a Pandium API key is refused, or undefined. Never says anything about its content. */
function apiKeyProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') {
    return 'must be your Pandium API key, as a string';
  }
  if (value.length === 0) {
    return 'must not be empty: set it to your Pandium API key';
  }
  // A header value cannot hold line breaks, and a pasted key often ends with one.
  if (/\s/.test(value)) {
    return 'must not contain white space (a pasted key often ends with a newline): remove it';
  }
  return undefined;
}

/**
 * A Pandium REST API key: a non-empty string without white space. Messages never show the value.
 *
 * @internal
 */
export function IsPandiumApiKey(): PropertyDecorator {
  return ValidateBy({
    name: 'isPandiumApiKey',
    validator: {
      validate: (value: unknown) => apiKeyProblem(value) === undefined,
      defaultMessage: (args) => apiKeyProblem(args?.value) ?? 'is invalid',
    },
  });
}
