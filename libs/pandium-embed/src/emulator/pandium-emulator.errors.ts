/**
 * Why the Pandium embed emulator will not start. Messages never carry the shared secret or the API key.
 *
 * @publicApi
 */
export class PandiumEmulatorError extends Error {
  override readonly name = 'PandiumEmulatorError';

  /** The emulator is a development and test tool: it must never stand in for Pandium in production. */
  static inProduction(): PandiumEmulatorError {
    return new PandiumEmulatorError(
      'The Pandium embed emulator does not run when NODE_ENV=production: it is a development and test tool. ' +
        'Set PANDIUM_ACCOUNT and PANDIUM_SHARED_SECRET to use Pandium, or unset NODE_ENV to develop locally.',
    );
  }

  /** Every bad option, each naming its field (never its value). */
  static invalidOptions(problems: readonly string[]): PandiumEmulatorError {
    return new PandiumEmulatorError(
      `Invalid Pandium embed emulator options:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`,
    );
  }

  /** The HTTP platform the emulator runs on is not installed. */
  static missingPlatform(name: string): PandiumEmulatorError {
    return new PandiumEmulatorError(
      `The Pandium embed emulator runs on Express: install ${name} (npm install ${name}), an optional peer ` +
        'of pandium-embed.',
    );
  }

  /** The port asked for is taken. */
  static portInUse(port: number, cause: unknown): PandiumEmulatorError {
    return new PandiumEmulatorError(
      `Port ${port} is already in use: give the emulator another port (0 picks a free one).`,
      { cause },
    );
  }

  /** A variable of the zero-config start that cannot be used. */
  static invalidVariable(name: string, rule: string): PandiumEmulatorError {
    return new PandiumEmulatorError(`${name} ${rule}.`);
  }
}
