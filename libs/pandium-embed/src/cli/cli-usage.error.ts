/**
 * A usage error of the `pandium-embed` command: its message is printed before the hint to run --help. Messages
 * name options and variables, never a value given (one may be a token or a secret).
 *
 * @internal
 */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}
