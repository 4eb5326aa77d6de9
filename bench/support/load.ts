// One autocannon run against one URL, and the summary of several. Latency percentiles are computed here from
// every 2xx response's own time (autocannon measures it with process.hrtime, in fractional milliseconds), since
// autocannon's histogram keeps whole milliseconds only: too coarse for routes answered in well under 1 ms.
import autocannon from 'autocannon';
import type { LoadRun, LoadSummary } from './results.js';
import { median } from './stats.js';

export interface LoadOptions {
  connections: number;
  pipelining: number;
  durationSeconds: number;
  headers?: Record<string, string>;
}

/** The `fraction` percentile (nearest rank) of ascending `sorted` values. */
export function percentile(sorted: Float64Array, fraction: number): number {
  if (sorted.length === 0) {
    return Number.NaN;
  }
  const rank = Math.ceil(fraction * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export async function load(
  url: string,
  options: LoadOptions,
): Promise<LoadRun> {
  const latencies: number[] = [];
  const instance = autocannon({
    url,
    connections: options.connections,
    pipelining: options.pipelining,
    duration: options.durationSeconds,
    headers: options.headers ?? {},
  });
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    if (statusCode >= 200 && statusCode < 300) {
      latencies.push(responseTime);
    }
  });
  const result = await instance;
  const sorted = Float64Array.from(latencies).sort();
  return {
    requestsPerSecond: result.requests.total / result.duration,
    latencyP50: percentile(sorted, 0.5),
    latencyP99: percentile(sorted, 0.99),
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

/** Medians of the runs' req/s and percentiles; sums of their faults. */
export function summarizeRuns<T extends LoadRun>(runs: T[]): LoadSummary<T> {
  const sum = (pick: (run: T) => number): number =>
    runs.reduce((total, run) => total + pick(run), 0);
  return {
    runs,
    medianRequestsPerSecond: median(runs.map((run) => run.requestsPerSecond)),
    medianLatencyP50: median(runs.map((run) => run.latencyP50)),
    medianLatencyP99: median(runs.map((run) => run.latencyP99)),
    non2xx: sum((run) => run.non2xx),
    errors: sum((run) => run.errors),
    timeouts: sum((run) => run.timeouts),
  };
}

/** Non-2xx answers, socket errors and timeouts: any of them makes a run invalid. */
export function faultsOf(summary: LoadSummary<LoadRun>): number {
  return summary.non2xx + summary.errors + summary.timeouts;
}

/** `12345 req/s, p50 0.61 ms, p99 1.93 ms, non-2xx 0`: a run as the progress lines show it. */
export function describeRun(run: LoadRun): string {
  return (
    `${Math.round(run.requestsPerSecond)} req/s, p50 ${run.latencyP50.toFixed(2)} ms, ` +
    `p99 ${run.latencyP99.toFixed(2)} ms, non-2xx ${run.non2xx}`
  );
}
