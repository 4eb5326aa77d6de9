// The shapes the benchmark processes send back to run.ts.
import type {
  HttpSettings,
  MemorySettings,
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
export type RouteName = 'bare' | 'install';

export interface HttpRunResult {
  route: RouteName;
  requestsPerSecond: number;
  /** Milliseconds, as autocannon's histogram has them (1 ms resolution). */
  latencyP50: number;
  latencyP99: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

export interface HttpRouteSummary {
  route: RouteName;
  path: string;
  runs: HttpRunResult[];
  medianRequestsPerSecond: number;
  medianLatencyP50: number;
  medianLatencyP99: number;
  non2xx: number;
  errors: number;
  timeouts: number;
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
