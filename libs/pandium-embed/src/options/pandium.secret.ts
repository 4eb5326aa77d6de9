import { inspect } from 'node:util';

/** What every printed form of a {@link PandiumSecret} shows. */
const REDACTED = '[redacted]';

/**
 * A secret (Pandium's shared secret, an API key) that prints as `[redacted]` wherever it ends up: in a template
 * string, `String()`, `JSON.stringify`, `util.inspect`, `console.log` or a Nest log line. It is an ordinary value, so
 * it survives spreading (`{ ...config, integrations }`) and `Object.assign`; only {@link PandiumSecret.reveal}
 * gives the secret back.
 *
 * `pandiumConfig` hands the shared secret out this way; `sharedSecret` also takes a plain string.
 *
 * @example
 * const secret = PandiumSecret.from(process.env.PANDIUM_SHARED_SECRET!);
 * `${secret}`; // '[redacted]'
 * @publicApi
 */
export class PandiumSecret {
  /** A private field: no enumeration, serialisation or inspection of the object reaches it. */
  readonly #value: string;

  private constructor(value: string) {
    this.#value = value;
    Object.freeze(this);
  }

  /**
   * Wraps a secret; a `PandiumSecret` is returned as it is.
   *
   * @param value the secret, or a `PandiumSecret` holding it.
   */
  static from(value: string | PandiumSecret): PandiumSecret {
    return value instanceof PandiumSecret ? value : new PandiumSecret(value);
  }

  /** The secret itself, for the code that signs or authenticates with it. Never log what it returns. */
  reveal(): string {
    return this.#value;
  }

  /** `[redacted]`, for template strings and `String()`. */
  toString(): string {
    return REDACTED;
  }

  /** `[redacted]`, for `JSON.stringify` and every logger that serialises objects. */
  toJSON(): string {
    return REDACTED;
  }

  /** `[redacted]`, for `+` and every other conversion to a primitive. */
  [Symbol.toPrimitive](): string {
    return REDACTED;
  }

  /** `[redacted]`, for `util.inspect` and `console.log`. */
  [inspect.custom](): string {
    return REDACTED;
  }
}

/**
 * The secret inside a `sharedSecret`/`apiKey` option as the host app gave it (a string or a {@link PandiumSecret}),
 * for the validators; anything else is returned as it is, for them to refuse.
 *
 * @internal
 */
export function revealedSecret(value: unknown): unknown {
  return value instanceof PandiumSecret ? value.reveal() : value;
}

/**
 * {@link revealedSecret} of one secret or of each in a list (`webhookSecret` during a rotation).
 *
 * @internal
 */
export function revealedSecrets(value: unknown): unknown {
  return Array.isArray(value)
    ? value.map(revealedSecret)
    : revealedSecret(value);
}

/**
 * The options with their `sharedSecret` and `apiKey` wrapped in a {@link PandiumSecret}, when they are strings: what
 * the options provider hands out, so a host app that injects and logs the raw options never prints either.
 *
 * @internal
 */
export function withWrappedSecret(options: unknown): unknown {
  if (typeof options !== 'object' || options === null) {
    return options;
  }
  const { sharedSecret, apiKey, webhookSecret } = options as {
    sharedSecret?: unknown;
    apiKey?: unknown;
    webhookSecret?: unknown;
  };
  const webhookStrings = [webhookSecret]
    .flat()
    .some((secret) => typeof secret === 'string');
  if (
    typeof sharedSecret !== 'string' &&
    typeof apiKey !== 'string' &&
    !webhookStrings
  ) {
    return options;
  }
  // Both set by name, not only spread: either may be a non-enumerable property.
  const wrap = (value: unknown): unknown =>
    typeof value === 'string' ? PandiumSecret.from(value) : value;
  return {
    ...options,
    sharedSecret: wrap(sharedSecret),
    ...(apiKey === undefined ? {} : { apiKey: wrap(apiKey) }),
    ...(webhookSecret === undefined
      ? {}
      : {
          webhookSecret: Array.isArray(webhookSecret)
            ? webhookSecret.map(wrap)
            : wrap(webhookSecret),
        }),
  };
}
