// Turns the results into the tables printed by `npm run bench` and into bench/results.md.
import type { MachineInfo } from './machine.js';
import type {
  AdapterName,
  ContenderName,
  ContenderResult,
  HttpAdapterResult,
  MemoryBenchResult,
  OverheadResult,
  SignerBenchResult,
} from './results.js';
import { ADAPTER_LABEL } from './results.js';
import {
  overheadMethod,
  overheadSection,
  overheadTargetRows,
} from './overhead-report.js';
import type { BenchSettings } from './settings.js';
import {
  BENCH_ACCOUNT,
  BENCH_APP_AUTH_SECRET,
  BENCH_NODE_ENV,
  BENCH_PANDIUM_SECRET,
  LOG_LEVELS,
} from './settings.js';
import { MB, formatCount, formatFixed, formatMB, max, min } from './stats.js';
import { metLabel, table } from './table.js';
import type { TargetRow } from './table.js';

/** A part that ran, or the error that stopped it. */
export type Outcome<T> =
  { ok: true; value: T } | { ok: false; error: string } | undefined;

export interface BenchReport {
  machine: MachineInfo;
  settings: BenchSettings;
  overhead: Outcome<OverheadResult>;
  signer: Outcome<SignerBenchResult>;
  http: Record<AdapterName, Outcome<HttpAdapterResult>>;
  memory: Outcome<MemoryBenchResult>;
  profile: string | undefined;
  /** The CPU profile of the library's install-url under load (`--profile` with the overhead part). */
  overheadProfile: string | undefined;
}

export const TARGETS = {
  signerOverBaseline: 0.8,
  signerOverNaive: 30,
  installOverBare: 0.85,
  heapGrowthBytes: 2 * MB,
  heapGrowthPercent: 5,
} as const;

function contender(
  result: SignerBenchResult,
  name: ContenderName,
): ContenderResult | undefined {
  return result.contenders.find((entry) => entry.name === name);
}

export interface Ratio {
  /** Ratio of the medians. */
  value: number;
  /** Ratios within each round (same round, same conditions). */
  perRound: number[];
}

export function signerRatio(
  result: SignerBenchResult,
  over: ContenderName,
): Ratio | undefined {
  const signer = contender(result, 'signer');
  const other = contender(result, over);
  if (signer === undefined || other === undefined) {
    return undefined;
  }
  return {
    value: signer.median / other.median,
    perRound: signer.rounds.map((value, round) => value / other.rounds[round]),
  };
}

export function installOverBare(result: HttpAdapterResult): number {
  return (
    result.routes.install.medianRequestsPerSecond /
    result.routes.bare.medianRequestsPerSecond
  );
}

export interface MemoryGrowth {
  bytes: number;
  percent: number;
}

export function heapGrowth(result: MemoryBenchResult): MemoryGrowth {
  const bytes = result.heapAfterRound2Bytes - result.heapAfterRound1Bytes;
  return { bytes, percent: (bytes / result.heapAfterRound1Bytes) * 100 };
}

function ratioText(ratio: Ratio): string {
  return ratio.perRound.length > 1
    ? `${formatFixed(ratio.value)} (rounds ${formatFixed(min(ratio.perRound))}–${formatFixed(max(ratio.perRound))})`
    : formatFixed(ratio.value);
}

function failedText(outcome: Outcome<unknown>): string {
  if (outcome === undefined) {
    return 'not run';
  }
  return outcome.ok ? '' : 'failed (see errors)';
}

const ADAPTERS: AdapterName[] = ['express', 'fastify'];

/** The faults that make a run invalid (not a missed target): non-2xx answers, socket errors, timeouts. */
export function httpFaults(result: HttpAdapterResult): number {
  const { bare, install } = result.routes;
  return (
    result.warmupNon2xx +
    bare.non2xx +
    install.non2xx +
    bare.errors +
    install.errors +
    bare.timeouts +
    install.timeouts
  );
}

export function targetRows(report: BenchReport): TargetRow[] {
  const { overhead, signer } = report;
  const rows: TargetRow[] = overhead?.ok
    ? overheadTargetRows(overhead.value)
    : [
        {
          measure: 'library / hand-written (req/s, p99)',
          value: failedText(overhead),
          target: '≥ 0.85, ≤ 1.2',
          met: undefined,
        },
      ];
  for (const [over, target, label] of [
    ['baseline', TARGETS.signerOverBaseline, 'signer / node:crypto baseline'],
    ['naive', TARGETS.signerOverNaive, 'signer / naive jsonwebtoken'],
  ] as const) {
    const ratio = signer?.ok ? signerRatio(signer.value, over) : undefined;
    rows.push({
      measure: `${label} (signs/s)`,
      value:
        ratio === undefined
          ? failedText(signer) || 'not run'
          : ratioText(ratio),
      target: `≥ ${target}`,
      met: ratio === undefined ? undefined : ratio.value >= target,
    });
  }
  for (const adapter of ADAPTERS) {
    const outcome = report.http[adapter];
    const ratio = outcome?.ok ? installOverBare(outcome.value) : undefined;
    rows.push({
      measure: `HTTP install-url / bare, ${ADAPTER_LABEL[adapter]} (req/s)`,
      value: ratio === undefined ? failedText(outcome) : formatFixed(ratio),
      target: `≥ ${TARGETS.installOverBare}`,
      met: ratio === undefined ? undefined : ratio >= TARGETS.installOverBare,
    });
  }
  for (const adapter of ADAPTERS) {
    const outcome = report.http[adapter];
    const faults = outcome?.ok ? httpFaults(outcome.value) : undefined;
    rows.push({
      measure: `HTTP non-2xx + errors + timeouts, ${ADAPTER_LABEL[adapter]}`,
      value: faults === undefined ? failedText(outcome) : String(faults),
      target: '0',
      met: faults === undefined ? undefined : faults === 0,
    });
  }
  const { memory } = report;
  const growth = memory?.ok ? heapGrowth(memory.value) : undefined;
  rows.push({
    measure: 'heap growth, round 2 vs round 1 (after GC)',
    value:
      growth === undefined
        ? failedText(memory)
        : `${formatFixed(growth.bytes / MB)} MB (${formatFixed(growth.percent)} %)`,
    target: `< ${TARGETS.heapGrowthBytes / MB} MB or < ${TARGETS.heapGrowthPercent} %`,
    met:
      growth === undefined
        ? undefined
        : growth.bytes < TARGETS.heapGrowthBytes ||
          growth.percent < TARGETS.heapGrowthPercent,
  });
  return rows;
}

export function summaryTable(report: BenchReport): string {
  return table(
    ['measure', 'value', 'target', 'met'],
    targetRows(report).map((row) => [
      row.measure,
      row.value,
      row.target,
      metLabel(row.met),
    ]),
  );
}

export function signerSection(result: SignerBenchResult): string {
  const { settings } = result;
  const rows = result.contenders.map((entry) => [
    entry.name,
    `\`${entry.description}\``,
    formatCount(entry.median),
    formatFixed(1e6 / entry.median),
    entry.rounds.map(formatCount).join(', '),
    String(entry.tokenLength),
  ]);
  return [
    `${settings.rounds} interleaved rounds × ${settings.roundMs} ms per contender (order rotated each round, ` +
      `a full GC before every slice), after one ${settings.warmupMs} ms warm-up slice each; median of the rounds. ` +
      `Payload: ${result.payloadJsonBytes} bytes of JSON with a ${result.connectorTokenLength}-character connector ` +
      'token; every contender builds it per sign (iat, exp, jti = randomUUID()). Each token was verified with ' +
      'jose (signature, header, sub, ti) before timing.',
    '',
    table(
      [
        'contender',
        'what',
        'median signs/s',
        'µs/sign',
        'rounds (signs/s)',
        'token chars',
      ],
      rows,
    ),
  ].join('\n');
}

export function httpSection(result: HttpAdapterResult): string {
  const rows = (['bare', 'install'] as const).map((name) => {
    const route = result.routes[name];
    return [
      `\`GET ${route.path}\``,
      formatCount(route.medianRequestsPerSecond),
      formatFixed(route.medianLatencyP50),
      formatFixed(route.medianLatencyP99),
      String(route.non2xx),
      String(route.errors + route.timeouts),
      route.runs.map((run) => formatCount(run.requestsPerSecond)).join(', '),
    ];
  });
  return [
    table(
      [
        'route',
        'median req/s',
        'p50 ms',
        'p99 ms',
        'non-2xx',
        'errors',
        'runs (req/s)',
      ],
      rows,
    ),
    '',
    `install / bare: **${formatFixed(installOverBare(result))}**; non-2xx during warm-up: ` +
      `${result.warmupNon2xx}; server RSS after the runs: ${formatMB(result.serverRssBytes)}.`,
  ].join('\n');
}

export function memorySection(result: MemoryBenchResult): string {
  const growth = heapGrowth(result);
  const { urlsPerRound, concurrency } = result.settings;
  return [
    `${formatCount(2 * urlsPerRound)} signed URLs through \`PandiumEmbedService.createInstallUrl\` in two equal ` +
      `rounds of ${formatCount(urlsPerRound)}, ${concurrency} calls in flight at a time, in a Nest application ` +
      'context with the library, fake strategies (fixed claims and connector token) and a static catalog. ' +
      `heapUsed is read after full GCs (\`--expose-gc\`). ${formatCount(result.urlsPerSecond)} URLs/s.`,
    '',
    table(
      ['measure', 'value'],
      [
        ['RSS after boot', formatMB(result.rssAfterBootBytes)],
        [
          `RSS after ${formatCount(2 * urlsPerRound)} URLs`,
          formatMB(result.rssAfterAllBytes),
        ],
        ['heapUsed after boot (GC)', formatMB(result.heapAfterBootBytes, 2)],
        [
          'heapUsed after round 1 (GC)',
          formatMB(result.heapAfterRound1Bytes, 2),
        ],
        [
          'heapUsed after round 2 (GC)',
          formatMB(result.heapAfterRound2Bytes, 2),
        ],
        [
          'growth, round 1 → round 2',
          `${formatFixed(growth.bytes / MB, 2)} MB (${formatFixed(growth.percent)} %)`,
        ],
      ],
    ),
  ].join('\n');
}

function section<T>(
  title: string,
  outcome: Outcome<T>,
  render: (value: T) => string,
): string {
  if (outcome === undefined) {
    return `${title}\n\nNot run.`;
  }
  return outcome.ok
    ? `${title}\n\n${render(outcome.value)}`
    : `${title}\n\nFailed: \`${firstLine(outcome.error)}\` (full error below).`;
}

export function firstLine(text: string): string {
  return (text.split('\n')[0] ?? '').replaceAll('`', "'");
}

/** The tables printed at the end of `npm run bench`. */
export function consoleReport(report: BenchReport): string {
  const parts = [
    '',
    '== Summary ==',
    summaryTable(report),
    '',
    section(
      '== 1. Library / hand-written ==',
      report.overhead,
      overheadSection,
    ),
    '',
    section(
      '== 2. HTTP, example app, Express ==',
      report.http.express,
      httpSection,
    ),
    '',
    section(
      '== 2. HTTP, example app, Fastify ==',
      report.http.fastify,
      httpSection,
    ),
    '',
    section('== 3. Signer ==', report.signer, signerSection),
    '',
    section('== 4. Memory ==', report.memory, memorySection),
  ];
  return parts.join('\n');
}

function errors(report: BenchReport): string[] {
  const found: [string, Outcome<unknown>][] = [
    ['Library / hand-written', report.overhead],
    ['Signer', report.signer],
    ['HTTP, Express', report.http.express],
    ['HTTP, Fastify', report.http.fastify],
    ['Memory', report.memory],
  ];
  return found.flatMap(([name, outcome]) =>
    outcome !== undefined && !outcome.ok
      ? [
          `### ${name}\n\n\`\`\`text\n${outcome.error.split('\n').slice(0, 25).join('\n')}\n\`\`\``,
        ]
      : [],
  );
}

/** bench/results.md (before Prettier formats it). */
export function markdownReport(report: BenchReport): string {
  const { machine, settings } = report;
  const http = settings.http;
  const quota =
    machine.cpuQuota === undefined ? '' : `, cgroup quota ${machine.cpuQuota}`;
  const errorSections = errors(report);
  return [
    '# Benchmark results',
    '',
    `Written by \`npm run bench\`${settings.quick ? ' --quick (a smoke run: numbers not representative)' : ''}. ` +
      'Every ratio compares numbers measured in this same run on this machine; they are measurements, not ' +
      'assertions, and no test depends on them.',
    '',
    table(
      ['', ''],
      [
        [
          'CPU',
          `${machine.cpuModel}, ${machine.cores} logical cores (${machine.availableParallelism} available${quota})`,
        ],
        [
          'Memory',
          `${formatFixed(machine.totalMemoryBytes / 1024 ** 3, 1)} GB`,
        ],
        ['OS', machine.os],
        ['Node.js', `${machine.node} (V8 ${machine.v8})`],
        ['Date', machine.date],
        ['Commit', machine.commit],
      ],
    ),
    '',
    '## Summary',
    '',
    summaryTable(report),
    '',
    '## 1. The library against the same route hand-written',
    '',
    ...(report.overhead?.ok ? [overheadMethod(report.overhead.value), ''] : []),
    section('', report.overhead, overheadSection).trimStart(),
    '',
    '## 2. HTTP throughput of the example app',
    '',
    `autocannon ${http.connections} connections, pipelining ${http.pipelining}, ${http.durationSeconds} s per run, ` +
      `${http.runsPerRoute} runs per route alternating bare, install, bare, install, …, after one ` +
      `${http.warmupSeconds} s warm-up run per route; one login (\`POST /auth/login\` as ${'`jane@acme.test`'}), ` +
      'its bearer token on every request. The example app (`AppModule`) plus a bench-only `BenchModule` ' +
      '(`GET /bench/bare` → `{ ok: true }` behind the same `JwtAuthGuard`), served on 127.0.0.1, port 0, by a ' +
      'process of its own (adapters made by `src/http-adapter.ts`, as `src/main.ts` makes them); autocannon runs ' +
      'in another. `PANDIUM_RATE_LIMIT_STORE` is overridden with a store ' +
      'that never limits: the rate-limit guard still runs on every install-url request. Before the runs, one ' +
      'request per route checks status 200, 401 without a token, and an install URL whose token verifies (jose). ' +
      "The install route's cost includes the example app's own strategies (its `TokenProvider` mints a connector " +
      'JWT per request, its claims provider and catalog read the in-memory directory), not the library alone.',
    '',
    section('### Express', report.http.express, httpSection),
    '',
    section('### Fastify', report.http.fastify, httpSection),
    '',
    section('## 3. Signer throughput', report.signer, signerSection),
    '',
    section('## 4. Memory', report.memory, memorySection),
    '',
    '## Settings',
    '',
    `- Log levels ${LOG_LEVELS.join(' + ')} in every benchmark, for both routes alike: **debug logging was off**, ` +
      "so the library's per-URL debug line was not written.",
    `- Environment: \`NODE_ENV=${BENCH_NODE_ENV}\`, \`PANDIUM_ACCOUNT=${BENCH_ACCOUNT}\`, ` +
      `\`PANDIUM_SHARED_SECRET\` and \`APP_AUTH_SECRET\` set explicitly (${BENCH_PANDIUM_SECRET.length} and ` +
      `${BENCH_APP_AUTH_SECRET.length} characters, so no boot warnings); ` +
      '`PANDIUM_ENVIRONMENT`, `PANDIUM_BASE_URL`, `PANDIUM_TOKEN_TTL_SECONDS`, ' +
      '`PANDIUM_ALLOW_SHORT_SECRET` and `PORT` unset (defaults: sandbox, TTL 300 s, clock skew 5 s).',
    '- Each benchmark runs in a fresh Node.js process; the signer and memory ones with `--expose-gc`.',
    '- The example app is compiled from `src/` with `bench/tsconfig.build.json` and loads the library from ' +
      '`libs/pandium-embed/dist` (`npm run build:lib`), as `npm start` does.',
    ...(report.profile === undefined
      ? []
      : [`- CPU profile of the signer benchmark: \`${report.profile}\`.`]),
    ...(report.overheadProfile === undefined
      ? []
      : [
          `- CPU profile of the library's install-url under load (Fastify): \`${report.overheadProfile}\`.`,
        ]),
    ...(errorSections.length === 0
      ? []
      : ['', '## Errors', '', ...errorSections]),
    '',
  ].join('\n');
}
