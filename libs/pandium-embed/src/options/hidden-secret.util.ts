/**
 * Secrets (`sharedSecret`, the API catalog's `apiKey`) are kept off the enumerable keys of every options object
 * the library hands out, so logging or serialising options (`JSON.stringify`, `util.inspect`, a config dump)
 * never shows them. Reading them still works.
 */

/** A shallow copy of `options` whose `key` (by default `sharedSecret`) is not enumerable. @internal */
export function withHiddenSecret<T>(options: T, key = 'sharedSecret'): T {
  if (typeof options !== 'object' || options === null) {
    return options;
  }
  const copy = { ...options };
  Object.defineProperty(copy, key, {
    value: (options as Record<string, unknown>)[key],
    enumerable: false,
  });
  return copy;
}

/** A shallow copy with `sharedSecret` enumerable again, for validators that copy enumerable keys only. @internal */
export function withVisibleSecret(options: unknown): unknown {
  if (typeof options !== 'object' || options === null) {
    return options;
  }
  const { sharedSecret } = options as { sharedSecret?: unknown };
  return { ...options, sharedSecret };
}
