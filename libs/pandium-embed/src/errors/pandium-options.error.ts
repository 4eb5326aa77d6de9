import { PandiumEmbedError } from './pandium-embed.error.js';
import { PandiumErrorCode } from './pandium-error.codes.js';
import { problemLines } from './problem-lines.util.js';

/**
 * Bad module options or environment variables. Thrown at start-up; lists every problem with its field.
 * Code `PANDIUM_OPTIONS_INVALID`, or `PANDIUM_INSTANCE_NAME_DUPLICATE` for a name registered twice.
 *
 * @publicApi
 */
export class PandiumOptionsError extends PandiumEmbedError {
  /** The problems found, each naming its field. */
  readonly problems: readonly string[];

  private constructor(
    code: PandiumErrorCode,
    message: string,
    problems: string[],
  ) {
    super(code, message);
    this.problems = problems;
  }

  /**
   * @param source what was checked, e.g. `PandiumEmbedModule options` or `environment`.
   * @param problems what is wrong, each naming its field (never its value).
   */
  static invalid(
    source: string,
    problems: readonly { path: string; message: string }[],
  ): PandiumOptionsError {
    const lines = problemLines(problems);
    return new PandiumOptionsError(
      PandiumErrorCode.OPTIONS_INVALID,
      `Invalid ${source}:\n${lines.map((line) => `  - ${line}`).join('\n')}`,
      lines,
    );
  }

  /** Two registrations in one app carry the same `name`. */
  static duplicateInstanceName(name: string): PandiumOptionsError {
    const line = `name: "${name}" is registered more than once; give each PandiumEmbedModule instance its own name`;
    return new PandiumOptionsError(
      PandiumErrorCode.INSTANCE_NAME_DUPLICATE,
      `Invalid PandiumEmbedModule options:\n  - ${line}. To use one instance in several modules, register it once ` +
        'and import that module (or set isGlobal).',
      [line],
    );
  }
}
