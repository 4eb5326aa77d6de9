import { performance } from 'node:perf_hooks';
import type { Attributes, Span, SpanKind } from '@opentelemetry/api';
import { HttpException } from '@nestjs/common';
import {
  otelApi,
  pandiumInstruments,
  pandiumTracer,
} from './pandium-telemetry.js';
import type { PandiumInstruments } from './pandium-telemetry.js';

/** How an observed piece of work ended. @internal */
export type PandiumOutcome = 'ok' | 'refused' | 'error';

/** What an observed piece of work records when it ends. @internal */
export interface PandiumObservation {
  /** The instruments, when a meter provider is registered. */
  readonly instruments: PandiumInstruments | undefined;
  readonly outcome: PandiumOutcome;
  /** The failure's `pandium.error.code` (or `error.type`), on a refusal or error. */
  readonly errorCode: string | undefined;
  readonly seconds: number;
}

/** The spans the library made and has not ended: only those take {@link markCacheHit}'s attribute, never a host's. */
const ownSpans = new WeakSet<Span>();

/**
 * True when a tracer or meter provider is registered: callers check it first, so that with telemetry off a request
 * allocates nothing for it.
 *
 * @internal
 */
export function pandiumTelemetryOn(): boolean {
  // Both are looked at: a provider registered late still counts.
  return pandiumTracer() !== undefined || pandiumInstruments() !== undefined;
}

/**
 * Records `pandium.cache.hit` on the active span when the library made it (the span of the read that asked): whether
 * the answer came from a cache rather than Pandium's API. Costs one check with telemetry off.
 *
 * @internal
 */
export function markCacheHit(hit: boolean): void {
  if (pandiumTracer() === undefined) {
    return;
  }
  const span = otelApi()!.trace.getActiveSpan();
  if (span !== undefined && ownSpans.has(span)) {
    span.setAttribute('pandium.cache.hit', hit);
  }
}

/**
 * The stable code of a failure: the error's own string `code` (a library error's `PandiumErrorCode`, or such a code
 * as Node's `ECONNREFUSED` on an error a host's store threw; strategies' failures are wrapped first),
 * `HTTP_<status>` for another `HttpException` (a strategy's deliberate refusal), else the error's class name
 * (`error.type`'s rule).
 */
function errorCodeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    return code;
  }
  if (error instanceof HttpException) {
    return `HTTP_${error.getStatus()}`;
  }
  return error instanceof Error ? error.constructor.name : '_OTHER';
}

/** A 4xx answer (a refusal) rather than a failure. */
function outcomeOf(error: unknown): PandiumOutcome {
  if (error instanceof HttpException) {
    const status = error.getStatus();
    return status >= 400 && status < 500 ? 'refused' : 'error';
  }
  return 'error';
}

/**
 * Runs `work` in a span named `name` (a child of the active span), with `attributes`, `pandium.outcome` and, when it
 * throws, `pandium.error.code` and an error status; then calls `record` with how it ended. Call it only when
 * {@link pandiumTelemetryOn}.
 *
 * @internal
 */
export async function observe<T>(
  name: string,
  attributes: Attributes,
  work: (span: Span | undefined) => Promise<T>,
  record: (observation: PandiumObservation) => void,
  kind?: SpanKind,
): Promise<T> {
  const tracer = pandiumTracer();
  const instruments = pandiumInstruments();
  const start = performance.now();
  const end = (
    span: Span | undefined,
    error: unknown,
    failed: boolean,
  ): void => {
    const outcome = failed ? outcomeOf(error) : 'ok';
    const errorCode = failed ? errorCodeOf(error) : undefined;
    if (span !== undefined) {
      span.setAttribute('pandium.outcome', outcome);
      if (errorCode !== undefined) {
        span.setAttribute('pandium.error.code', errorCode);
        span.setStatus({ code: otelApi()!.SpanStatusCode.ERROR });
      }
      ownSpans.delete(span);
      span.end();
    }
    const seconds = (performance.now() - start) / 1000;
    record({ instruments, outcome, errorCode, seconds });
  };
  const run = async (span: Span | undefined): Promise<T> => {
    if (span !== undefined) {
      ownSpans.add(span);
    }
    let result: T;
    try {
      result = await work(span);
    } catch (error) {
      end(span, error, true);
      throw error;
    }
    end(span, undefined, false);
    return result;
  };
  return tracer === undefined
    ? run(undefined)
    : tracer.startActiveSpan(name, { attributes, kind }, run);
}
