/**
 * The answer's body as JSON, or `undefined` when it is not JSON. The parser's error is dropped: it quotes the body,
 * which may hold a token. When `signal` has aborted, rejects with its reason instead.
 *
 * @internal
 */
export async function readJson(
  response: Response,
  signal?: AbortSignal,
): Promise<unknown> {
  try {
    return (await response.json()) as unknown;
  } catch {
    // An abort while the body streams in is the caller's abort, not a bad answer.
    if (signal?.aborted) {
      throw signal.reason;
    }
    return undefined;
  }
}

/** One field of a JSON object, or `undefined` when the body is not an object. @internal */
export function field(body: unknown, name: string): unknown {
  return typeof body === 'object' && body !== null
    ? (body as Record<string, unknown>)[name]
    : undefined;
}
