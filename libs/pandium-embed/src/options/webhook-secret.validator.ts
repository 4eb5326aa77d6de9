import { ValidateBy } from 'class-validator';

/** What a webhook secret may hold: it is one URL path segment, so only unreserved characters. */
const WEBHOOK_SECRET_PATTERN = /^[A-Za-z0-9._~-]{32,100}$/;

/** Why one webhook secret is refused, or undefined. Never says anything about its content. */
function secretProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') {
    return 'must be a string, or a list of two during a rotation';
  }
  if (!WEBHOOK_SECRET_PATTERN.test(value)) {
    return (
      'must be 32 to 100 characters of letters, digits, "-", "_", "." or "~" (it is a URL path segment): ' +
      "make one with `node -p \"require('crypto').randomBytes(32).toString('base64url')\"`"
    );
  }
  return undefined;
}

/** Why a `webhookSecret` option (the secrets revealed) is refused, or undefined. */
function webhookSecretProblem(value: unknown): string | undefined {
  if (!Array.isArray(value)) {
    return secretProblem(value);
  }
  if (value.length < 1 || value.length > 2) {
    return 'must be one secret, or two during a rotation (the new one and the old one)';
  }
  if (value.length === 2 && value[0] === value[1]) {
    return 'must hold two different secrets during a rotation';
  }
  return value.map(secretProblem).find((problem) => problem !== undefined);
}

/**
 * The `webhookSecret` option: the secret path segment of the webhook URL, 32–100 URL-safe characters, or a list of
 * two during a rotation. Messages never show a value.
 *
 * @internal
 */
export function IsPandiumWebhookSecret(): PropertyDecorator {
  return ValidateBy({
    name: 'isPandiumWebhookSecret',
    validator: {
      validate: (value: unknown) => webhookSecretProblem(value) === undefined,
      defaultMessage: (args) =>
        webhookSecretProblem(args?.value) ?? 'is invalid',
    },
  });
}
