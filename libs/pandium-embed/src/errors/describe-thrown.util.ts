import { types } from 'node:util';

/**
 * What was thrown, for a log line: an error's name and message, or that it was no error at all (a thrown string
 * may be a token, so it is never copied).
 *
 * @internal
 */
export function describeThrown(thrown: unknown): string {
  // isNativeError as well as instanceof: errors may come from another realm (fetch's, a test runner's VM context).
  return thrown instanceof Error || types.isNativeError(thrown)
    ? `${thrown.name}: ${thrown.message}`
    : 'a non-Error value was thrown';
}

/**
 * {@link describeThrown}, plus the underlying cause that Node's `fetch failed` carries.
 *
 * @internal
 */
export function describeWithCause(error: unknown): string {
  const own = describeThrown(error);
  return types.isNativeError(error) && types.isNativeError(error.cause)
    ? `${own}: ${error.cause.message}`
    : own;
}
