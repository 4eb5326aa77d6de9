import { describeThrown } from './describe-thrown.util.js';
import { PandiumEmbedError } from './pandium-embed.error.js';
import { PandiumErrorCode } from './pandium-error.codes.js';
import { problemLines } from './problem-lines.util.js';

/** Why a strategy call went wrong. */
type PandiumStrategyFailure = 'failed' | 'invalid-output' | 'timeout';

const CODE_OF: Record<PandiumStrategyFailure, PandiumErrorCode> = {
  failed: PandiumErrorCode.STRATEGY_FAILED,
  'invalid-output': PandiumErrorCode.STRATEGY_OUTPUT_INVALID,
  timeout: PandiumErrorCode.STRATEGY_TIMEOUT,
};

/**
 * A host app strategy (`ClaimsProvider`, `TokenProvider`, `IntegrationCatalog`, `PandiumInstanceSelector`) threw,
 * timed out or returned invalid output. Logged server-side with a correlation id; the client sees a
 * {@link PandiumHttpException} with the same id: `PANDIUM_STRATEGY_TIMEOUT` (504) for a timeout, else
 * `PANDIUM_STRATEGY_FAILED` (502).
 *
 * @internal
 */
export class PandiumStrategyError extends PandiumEmbedError {
  private constructor(
    readonly strategy: string,
    /** `timeout` answers 504; the others 502. */
    readonly reason: PandiumStrategyFailure,
    message: string,
    options?: ErrorOptions,
    code: PandiumErrorCode = CODE_OF[reason],
  ) {
    super(code, message, options);
  }

  /** The strategy did not answer in time. Code `PANDIUM_STRATEGY_TIMEOUT`. */
  static timedOut(strategy: string, timeoutMs: number): PandiumStrategyError {
    return new PandiumStrategyError(
      strategy,
      'timeout',
      `${strategy} did not answer within ${timeoutMs} ms (strategyTimeoutMs). Check what it waits on.`,
    );
  }

  /** The strategy threw or rejected. Code `PANDIUM_STRATEGY_FAILED`. */
  static failed(strategy: string, cause: unknown): PandiumStrategyError {
    return new PandiumStrategyError(
      strategy,
      'failed',
      `${strategy} failed (${describeThrown(cause)}).`,
      { cause },
    );
  }

  /**
   * The {@link PandiumInstanceSelector} chose a name that no `PandiumEmbedModule` instance has.
   * Code `PANDIUM_INSTANCE_UNKNOWN`.
   */
  static unknownInstance(name: string): PandiumStrategyError {
    return new PandiumStrategyError(
      'PandiumInstanceSelector',
      'failed',
      `PandiumInstanceSelector chose instance "${name}", but no PandiumEmbedModule is registered with that name. ` +
        'Register it with forRoot({ name }) or forRootAsync({ name }), or fix the selector.',
      undefined,
      PandiumErrorCode.INSTANCE_UNKNOWN,
    );
  }

  /**
   * The strategy's output does not fit Pandium's claims; each problem names the field.
   * Code `PANDIUM_STRATEGY_OUTPUT_INVALID`.
   */
  static invalidOutput(
    strategy: string,
    problems: readonly { path: string; message: string }[],
  ): PandiumStrategyError {
    return new PandiumStrategyError(
      strategy,
      'invalid-output',
      `${strategy} returned invalid output: ${problemLines(problems).join('; ')}. Fix the ${strategy} implementation.`,
    );
  }
}
