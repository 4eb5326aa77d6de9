// What every benchmark runs with, and the environment the example app gets. One place, so results.md can list it.
import type { LogLevel } from '@nestjs/common';

export interface SignerSettings {
  /** Measured rounds; each round runs every contender once, in a rotated order. */
  rounds: number;
  /** Length of one contender's slice in a round. */
  roundMs: number;
  /** One unmeasured slice per contender before the rounds. */
  warmupMs: number;
}

export interface HttpSettings {
  connections: number;
  pipelining: number;
  durationSeconds: number;
  /** Measured runs per route, alternating bare, install, bare, install, … */
  runsPerRoute: number;
  /** One unmeasured run per route before the measured ones. */
  warmupSeconds: number;
}

export interface OverheadSettings {
  connections: number;
  pipelining: number;
  durationSeconds: number;
  /** Measured runs per route; each round runs the library's route and the hand-written one, in a rotated order. */
  runsPerRoute: number;
  /** One unmeasured run per route before the measured ones. */
  warmupSeconds: number;
  /** Catalog sizes measured for install-url; marketplace-url (which does not read the catalog) at the first only. */
  catalogSizes: number[];
  /** Seconds of load on the library's install-url while the server runs under `--cpu-prof` (`--profile`). */
  profileSeconds: number;
}

export interface MemorySettings {
  /** Signed URLs per round; two equal rounds are run. */
  urlsPerRound: number;
  /** `createInstallUrl` calls in flight at once. */
  concurrency: number;
}

export interface BenchSettings {
  quick: boolean;
  signer: SignerSettings;
  overhead: OverheadSettings;
  http: HttpSettings;
  memory: MemorySettings;
}

export const FULL_SETTINGS: BenchSettings = {
  quick: false,
  signer: { rounds: 5, roundMs: 1000, warmupMs: 500 },
  overhead: {
    connections: 10,
    pipelining: 1,
    durationSeconds: 3,
    runsPerRoute: 5,
    warmupSeconds: 1,
    catalogSizes: [3, 500],
    profileSeconds: 8,
  },
  http: {
    connections: 10,
    pipelining: 1,
    durationSeconds: 5,
    runsPerRoute: 3,
    warmupSeconds: 1,
  },
  memory: { urlsPerRound: 50_000, concurrency: 100 },
};

/** `--quick`: a smoke run of every code path in well under a minute. Its numbers are not worth reporting. */
export const QUICK_SETTINGS: BenchSettings = {
  quick: true,
  signer: { rounds: 3, roundMs: 200, warmupMs: 100 },
  overhead: {
    connections: 10,
    pipelining: 1,
    durationSeconds: 1,
    runsPerRoute: 2,
    warmupSeconds: 1,
    catalogSizes: [3, 500],
    profileSeconds: 2,
  },
  http: {
    connections: 10,
    pipelining: 1,
    durationSeconds: 1,
    runsPerRoute: 3,
    warmupSeconds: 1,
  },
  memory: { urlsPerRound: 5_000, concurrency: 100 },
};

/** Error and warn only, for every route alike: the library's per-URL debug line is off. */
export const LOG_LEVELS: LogLevel[] = ['error', 'warn'];

export const BENCH_PANDIUM_SECRET =
  'bench-pandium-shared-secret-0123456789abcdef';
export const BENCH_APP_AUTH_SECRET =
  'bench-app-auth-secret-0123456789abcdefghij';
export const BENCH_ACCOUNT = 'acme-saas';
/** Not production, so the example app's development defaults apply; every secret is set, so none warns. */
export const BENCH_NODE_ENV = 'development';

/** The example app's demo login. */
export const DEMO_LOGIN = {
  email: 'jane@acme.test',
  password: 'pandium-demo',
} as const;

/** Variables that would change what the example app does; unset for the benchmark. */
const UNSET = [
  'PANDIUM_ENVIRONMENT',
  'PANDIUM_BASE_URL',
  'PANDIUM_TOKEN_TTL_SECONDS',
  'PANDIUM_ALLOW_SHORT_SECRET',
  'PORT',
];

/** The environment of every benchmark process. */
export function benchEnv(
  base: NodeJS.ProcessEnv = process.env,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base };
  for (const name of UNSET) {
    delete env[name];
  }
  return {
    ...env,
    NODE_ENV: BENCH_NODE_ENV,
    PANDIUM_ACCOUNT: BENCH_ACCOUNT,
    PANDIUM_SHARED_SECRET: BENCH_PANDIUM_SECRET,
    APP_AUTH_SECRET: BENCH_APP_AUTH_SECRET,
  };
}
