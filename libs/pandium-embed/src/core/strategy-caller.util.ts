import { HttpException } from '@nestjs/common';
import type { Logger } from '@nestjs/common';
import type { PandiumEmbedError } from '../errors/pandium-embed.error.js';
import { PandiumStrategyError } from '../errors/pandium-strategy.error.js';
import { PandiumHttpException } from '../errors/pandium-http.exception.js';
import { PandiumErrorCode } from '../errors/pandium-error.codes.js';
import { logCorrelatedError } from '../errors/correlated-error.util.js';
import { pandiumTelemetryOn } from '../telemetry/pandium-span.util.js';
import {
  countStrategyFailure,
  observeStrategy,
} from '../telemetry/pandium-issue.telemetry.js';

/** `pandium.strategy.failure` of each reason. */
const FAILURE_OF = {
  failed: 'error',
  'invalid-output': 'invalid_output',
  timeout: 'timeout',
} as const;

/** What the deadline resolves to: apart from anything a strategy could answer. */
const TIMED_OUT = Symbol('timed out');

/**
 * One time limit for the strategy calls of one request: one timer, started by the first call that does not answer
 * at once, restarted (`Timeout.refresh()`, the same timer) for each later step, so every step still gets the whole
 * limit from its own start, and cleared when the request is done.
 *
 * @internal
 */
export class PandiumStrategyDeadline {
  private timer: NodeJS.Timeout | undefined;
  private expiry: Promise<typeof TIMED_OUT> | undefined;

  constructor(readonly timeoutMs: number) {}

  /** The call's answer, or {@link TIMED_OUT} when the limit passes first. */
  race<T>(answer: PromiseLike<T>): Promise<T | typeof TIMED_OUT> {
    this.expiry ??= new Promise((resolve) => {
      this.timer = setTimeout(resolve, this.timeoutMs, TIMED_OUT);
    });
    return Promise.race([answer, this.expiry]);
  }

  /** Gives the calls about to start the whole limit again (the calls of one step start together). */
  restart(): void {
    this.timer?.refresh();
  }

  /** Stops the timer: the request no longer waits on a strategy. */
  clear(): void {
    clearTimeout(this.timer);
  }
}

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

  /** A time limit for one request's strategy calls; clear it when the request is done. */
  deadline(): PandiumStrategyDeadline {
    return new PandiumStrategyDeadline(this.timeoutMs);
  }

  /** Runs one request's strategy calls under one {@link deadline}, cleared however `work` ends. */
  async withDeadline<T>(
    work: (deadline: PandiumStrategyDeadline) => Promise<T>,
  ): Promise<T> {
    const deadline = this.deadline();
    try {
      return await work(deadline);
    } finally {
      deadline.clear();
    }
  }

  /**
   * Runs one strategy call. A deliberate 4xx `HttpException` passes through; anything else becomes a logged 502,
   * or 504 past the time limit. An answer given at once (not a promise) needs no timer.
   *
   * @param deadline the request's time limit; without one, the call gets its own.
   * @throws {PandiumHttpException} `PANDIUM_STRATEGY_FAILED` (502) when the call throws or rejects.
   * @throws {PandiumHttpException} `PANDIUM_STRATEGY_TIMEOUT` (504) when it does not settle within the time limit.
   */
  run<T>(
    strategy: string,
    call: () => T | PromiseLike<T>,
    deadline?: PandiumStrategyDeadline,
  ): Promise<T> {
    return pandiumTelemetryOn()
      ? observeStrategy(strategy, () => this.runCall(strategy, call, deadline))
      : this.runCall(strategy, call, deadline);
  }

  private async runCall<T>(
    strategy: string,
    call: () => T | PromiseLike<T>,
    deadline?: PandiumStrategyDeadline,
  ): Promise<T> {
    const limit = deadline ?? this.deadline();
    let outcome: T | typeof TIMED_OUT;
    try {
      const answer = call();
      outcome = isThenable(answer) ? await limit.race(answer) : answer;
    } catch (cause) {
      // Only a deliberate refusal (4xx) is the strategy's answer; a 2xx/3xx would reach the client as a JSON body
      // without its meaning (a 302 with no Location), and a 5xx is a failure like any other.
      if (cause instanceof HttpException && isClientError(cause.getStatus())) {
        throw cause;
      }
      throw this.fail(PandiumStrategyError.failed(strategy, cause));
    } finally {
      if (limit !== deadline) {
        limit.clear();
      }
    }
    if (outcome === TIMED_OUT) {
      throw this.fail(PandiumStrategyError.timedOut(strategy, limit.timeoutMs));
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
    if (error instanceof PandiumStrategyError) {
      countStrategyFailure(error.strategy, FAILURE_OF[error.reason]);
    }
    return PandiumHttpException.of(
      timedOut
        ? PandiumErrorCode.STRATEGY_TIMEOUT
        : PandiumErrorCode.STRATEGY_FAILED,
      correlationId,
    );
  }
}

function isThenable<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/** A 4xx status: what a strategy may answer on purpose. */
function isClientError(status: number): boolean {
  return status >= 400 && status < 500;
}
