/**
 * Each problem found in an input as one line, `<path> <message>`: the field's dotted path and what is wrong with
 * it, never its value (so a secret cannot leak through a message).
 *
 * @internal
 */
export function problemLines(
  problems: readonly { path: string; message: string }[],
): string[] {
  return problems.map(({ path, message }) => `${path} ${message}`);
}
