// The part of autocannon 9's programmatic API the benchmark uses (the package ships no types).
declare module 'autocannon' {
  interface AutocannonOptions {
    url: string;
    connections?: number;
    pipelining?: number;
    /** Seconds. */
    duration?: number;
    method?: string;
    headers?: Record<string, string>;
    /** Seconds before a request counts as a timeout. */
    timeout?: number;
  }

  interface AutocannonHistogram {
    average: number;
    mean: number;
    stddev: number;
    min: number;
    max: number;
    total: number;
    p50: number;
    p90: number;
    p97_5: number;
    p99: number;
  }

  interface AutocannonResult {
    url: string;
    connections: number;
    pipelining: number;
    /** Seconds actually run. */
    duration: number;
    errors: number;
    timeouts: number;
    mismatches: number;
    non2xx: number;
    resets: number;
    '2xx': number;
    statusCodeStats: Record<string, { count: number }>;
    /** Milliseconds. */
    latency: AutocannonHistogram;
    /** Per-second samples; `total` is every completed request. */
    requests: AutocannonHistogram & { sent: number };
  }

  /** What `autocannon(options)` answers without a callback: the run's result, and its per-response events. */
  interface AutocannonInstance extends PromiseLike<AutocannonResult> {
    /** Every response, as it arrives; `responseTime` in fractional milliseconds (process.hrtime). */
    on(
      event: 'response',
      listener: (
        client: unknown,
        statusCode: number,
        resBytes: number,
        responseTime: number,
      ) => void,
    ): this;
  }

  function autocannon(options: AutocannonOptions): AutocannonInstance;

  export default autocannon;
  export type { AutocannonInstance, AutocannonOptions, AutocannonResult };
}
