// The shapes the benchmark processes send back to run.ts.
import type {
  HttpSettings,
  MemorySettings,
  OverheadSettings,
  SignerSettings,
} from './settings.js';

export const CONTENDER_NAMES = ['signer', 'baseline', 'naive'] as const;
export type ContenderName = (typeof CONTENDER_NAMES)[number];

export interface ContenderResult {
  name: ContenderName;
  description: string;
  /** Signs per second, one value per measured round, in round order. */
  rounds: number[];
  median: number;
  tokenLength: number;
}

export interface SignerBenchResult {
  settings: SignerSettings;
  contenders: ContenderResult[];
  /** Length of the connector token inside `xti.token`. */
  connectorTokenLength: number;
  /** Bytes of the signed payload as JSON. */
  payloadJsonBytes: number;
}

export type AdapterName = 'express' | 'fastify';
export const ADAPTER_LABEL: Record<AdapterName, string> = {
  express: 'Express',
  fastify: 'Fastify',
};
export type RouteName = 'bare' | 'install';

/** One autocannon run against one route. */
export interface LoadRun {
  requestsPerSecond: number;
  /** Milliseconds, from every 2xx response's own time (fractional). */
  latencyP50: number;
  latencyP99: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

/** Several runs of one route: medians of req/s and of the percentiles, sums of the faults. */
export interface LoadSummary<T extends LoadRun = LoadRun> {
  runs: T[];
  medianRequestsPerSecond: number;
  medianLatencyP50: number;
  medianLatencyP99: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

export interface HttpRunResult extends LoadRun {
  route: RouteName;
}

export interface HttpRouteSummary extends LoadSummary<HttpRunResult> {
  route: RouteName;
  path: string;
}

export interface HttpAdapterResult {
  adapter: AdapterName;
  settings: HttpSettings;
  routes: Record<RouteName, HttpRouteSummary>;
  /** Responses that were not 2xx during the warm-up runs (must be 0 too). */
  warmupNon2xx: number;
  /** RSS of the server process after its last run. */
  serverRssBytes: number;
}

export interface MemoryBenchResult {
  settings: MemorySettings;
  rssAfterBootBytes: number;
  /** RSS after both rounds, without a forced GC first. */
  rssAfterAllBytes: number;
  /** heapUsed after a full GC: after boot, after round 1, after round 2. */
  heapAfterBootBytes: number;
  heapAfterRound1Bytes: number;
  heapAfterRound2Bytes: number;
  urlsPerSecond: number;
}

/** The two routes of one overhead comparison: the library's, and the same answer hand-written. */
export type OverheadRoute = 'install' | 'marketplace';
export const OVERHEAD_SIDES = ['library', 'handWritten'] as const;
export type OverheadSide = (typeof OVERHEAD_SIDES)[number];

/** One library route against its hand-written twin, in one server process. */
export interface OverheadPairResult {
  adapter: AdapterName;
  /** Integrations in the static catalog. */
  catalogSize: number;
  route: OverheadRoute;
  paths: Record<OverheadSide, string>;
  library: LoadSummary;
  handWritten: LoadSummary;
  /** Responses that were not 2xx during the warm-up runs (must be 0 too). */
  warmupNon2xx: number;
}

export interface OverheadResult {
  settings: OverheadSettings;
  pairs: OverheadPairResult[];
  /** RSS of each server process after its last run, by `<adapter>/<catalogSize>`. */
  serverRssBytes: Record<string, number>;
}
