import { HttpException } from '@nestjs/common';
import type { Logger } from '@nestjs/common';
import type { PandiumEmbedError } from '../errors/pandium-embed.error.js';
import { PandiumStrategyError } from '../errors/pandium-strategy.error.js';
import { PandiumHttpException } from '../errors/pandium-http.exception.js';
import { PandiumErrorCode } from '../errors/pandium-error.codes.js';
import { logCorrelatedError } from '../errors/correlated-error.util.js';

/** What the timeout resolves to: apart from anything a strategy could answer. */
const TIMED_OUT = Symbol('timed out');

/**
 * Calls the host app's strategies under a time limit, and turns what goes wrong into an answer that carries a
 * correlation id and no internals, logged with the same id under the caller's logger.
 *
 * @internal
 */
export class PandiumStrategyCaller {
  constructor(
    private readonly logger: Logger,
    private readonly timeoutMs: number,
  ) {}

  /**
   * Runs one strategy call. A deliberate 4xx `HttpException` passes through; anything else becomes a logged 502,
   * or 504 past the time limit.
   *
   * @throws {PandiumHttpException} `PANDIUM_STRATEGY_FAILED` (502) when the call throws or rejects.
   * @throws {PandiumHttpException} `PANDIUM_STRATEGY_TIMEOUT` (504) when it does not settle within the time limit.
   */
  async run<T>(strategy: string, call: () => T | Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
      timer = setTimeout(() => resolve(TIMED_OUT), this.timeoutMs);
    });
    let outcome: T | typeof TIMED_OUT;
    try {
      // `then` turns a synchronous throw into a rejection, handled like any other.
      outcome = await Promise.race([Promise.resolve().then(call), timeout]);
    } catch (cause) {
      if (cause instanceof HttpException && cause.getStatus() < 500) {
        throw cause;
      }
      throw this.fail(PandiumStrategyError.failed(strategy, cause));
    } finally {
      clearTimeout(timer);
    }
    if (outcome === TIMED_OUT) {
      throw this.fail(PandiumStrategyError.timedOut(strategy, this.timeoutMs));
    }
    return outcome;
  }

  /** Logs the failure under a fresh correlation id, and makes the answer (504 for a timeout, else 502) with it. */
  fail(error: PandiumEmbedError): PandiumHttpException {
    const correlationId = logCorrelatedError(
      this.logger,
      error.message,
      error.cause instanceof Error ? error.cause.stack : undefined,
    );
    const timedOut =
      error instanceof PandiumStrategyError && error.reason === 'timeout';
    return PandiumHttpException.of(
      timedOut
        ? PandiumErrorCode.STRATEGY_TIMEOUT
        : PandiumErrorCode.STRATEGY_FAILED,
      correlationId,
    );
  }
}
