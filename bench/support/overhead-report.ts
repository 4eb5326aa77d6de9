// The headline of `npm run bench`: the library's routes against the same answers hand-written, as summary rows and
// as the first table of bench/results.md.
import { faultsOf } from './load.js';
import type { LoadRun } from './results.js';
import type { OverheadPairResult, OverheadResult } from './results.js';
import { ADAPTER_LABEL } from './results.js';
import { formatCount, formatFixed, formatMB, median } from './stats.js';
import { metLabel, table } from './table.js';
import type { TargetRow } from './table.js';

/** Issue 13's goal: at least 0.85 × the hand-written route's req/s, with p99 latency within 1.2 × of it. */
export const OVERHEAD_TARGETS = {
  requestsRatio: 0.85,
  p99Ratio: 1.2,
} as const;

export interface OverheadRatios {
  /** Median over the rounds of library req/s over hand-written req/s in the same round. */
  requests: number;
  /** Median over the rounds of library p99 over hand-written p99 in the same round. */
  p99: number;
  /** Both targets met. */
  met: boolean;
}

/**
 * The ratios of one pair, round by round: each round runs both sides back to back, so a slow spell of a shared
 * machine (other tenants of the VM, a GC-heavy neighbour) weighs on both sides of a round alike, where a ratio of
 * medians would compare runs made at different moments.
 */
export function overheadRatios(pair: OverheadPairResult): OverheadRatios {
  const perRound = (pick: (run: LoadRun) => number): number =>
    median(
      pair.library.runs.map(
        (run, round) => pick(run) / pick(pair.handWritten.runs[round]),
      ),
    );
  const requests = perRound((run) => run.requestsPerSecond);
  const p99 = perRound((run) => run.latencyP99);
  return {
    requests,
    p99,
    met:
      requests >= OVERHEAD_TARGETS.requestsRatio &&
      p99 <= OVERHEAD_TARGETS.p99Ratio,
  };
}

/** Non-2xx answers, socket errors and timeouts over every run (warm-ups included): must be 0. */
export function overheadFaults(result: OverheadResult): number {
  return result.pairs.reduce(
    (total, pair) =>
      total +
      pair.warmupNon2xx +
      faultsOf(pair.library) +
      faultsOf(pair.handWritten),
    0,
  );
}

function pairLabel(pair: OverheadPairResult): string {
  const route = pair.route === 'install' ? 'install-url' : 'marketplace-url';
  return `${route}, ${ADAPTER_LABEL[pair.adapter]}, ${pair.catalogSize} integrations`;
}

export function overheadTargetRows(result: OverheadResult): TargetRow[] {
  return [
    ...result.pairs.map((pair) => {
      const ratios = overheadRatios(pair);
      return {
        measure: `library / hand-written: ${pairLabel(pair)}`,
        value: `${formatFixed(ratios.requests)} req/s, ${formatFixed(ratios.p99)} p99`,
        target: `≥ ${OVERHEAD_TARGETS.requestsRatio}, ≤ ${OVERHEAD_TARGETS.p99Ratio}`,
        met: ratios.met,
      };
    }),
    {
      measure: 'library / hand-written: non-2xx + errors + timeouts',
      value: String(overheadFaults(result)),
      target: '0',
      met: overheadFaults(result) === 0,
    },
  ];
}

const ms = (value: number): string => formatFixed(value, 2);

export function overheadSection(result: OverheadResult): string {
  const { settings } = result;
  const rows = result.pairs.map((pair) => {
    const ratios = overheadRatios(pair);
    const runs = (side: 'library' | 'handWritten'): string =>
      pair[side].runs
        .map((run) => formatCount(run.requestsPerSecond))
        .join(', ');
    return [
      ADAPTER_LABEL[pair.adapter],
      String(pair.catalogSize),
      pair.route === 'install' ? 'install-url' : 'marketplace-url',
      formatCount(pair.library.medianRequestsPerSecond),
      formatCount(pair.handWritten.medianRequestsPerSecond),
      `**${formatFixed(ratios.requests)}**`,
      `${ms(pair.library.medianLatencyP50)} / ${ms(pair.library.medianLatencyP99)}`,
      `${ms(pair.handWritten.medianLatencyP50)} / ${ms(pair.handWritten.medianLatencyP99)}`,
      formatFixed(ratios.p99),
      metLabel(ratios.met),
      runs('library'),
      runs('handWritten'),
    ];
  });
  const rss = Object.entries(result.serverRssBytes)
    .map(([server, bytes]) => `${server} ${formatMB(bytes)}`)
    .join(', ');
  return [
    table(
      [
        'adapter',
        'catalog',
        'route',
        'library req/s',
        'hand-written req/s',
        'ratio',
        'library p50 / p99 ms',
        'hand-written p50 / p99 ms',
        'p99 ratio',
        'met',
        'library runs (req/s)',
        'hand-written runs (req/s)',
      ],
      rows,
    ),
    '',
    `req/s and p50 / p99 are medians of ${settings.runsPerRoute} runs per route; ratio = the median over the rounds of ` +
      `library / hand-written req/s in the same round, p99 ratio the same for p99; met = ratio ≥ ${OVERHEAD_TARGETS.requestsRatio} and p99 ratio ≤ ${OVERHEAD_TARGETS.p99Ratio} ` +
      `(reported, never asserted). Faults (non-2xx, errors, timeouts, warm-ups included): ${overheadFaults(result)}. ` +
      `Server RSS after the runs: ${rss}.`,
  ].join('\n');
}

/** How the overhead table was measured (bench/results.md). */
export function overheadMethod(result: OverheadResult): string {
  const { settings } = result;
  return (
    `A host built the way a user builds one (\`bench/overhead/\`): \`PandiumEmbedModule.forRoot\` imported from the ` +
    'package entry `pandium-embed` (built `dist`), a static catalog of N integrations (1042, the one signed for, in ' +
    'the middle), a `ClaimsProvider` and a `TokenProvider` returning constants, the host guard setting ' +
    '`request.user` to a constant user, the per-user rate limit on with its default window and in-memory store (the ' +
    'limit raised so one user never reaches it). Beside it, in the same process, the route a team would write by ' +
    'hand (`bench/overhead/hand-written.controller.ts`): the same guard and strategies, the same catalog in a `Map` ' +
    'built once, HS256 with `node:crypto`, the same body keys and `Cache-Control: no-store`; no validation, no rate ' +
    `limit. autocannon ${settings.connections} connections, pipelining ${settings.pipelining}, ${settings.durationSeconds} s ` +
    `per run, ${settings.runsPerRoute} runs per route after one ${settings.warmupSeconds} s warm-up run each, ` +
    'library and hand-written alternating (the order rotated each round); the server in a process of its own (one ' +
    'per adapter and catalog size), autocannon in another. marketplace-url does not read the catalog, so it is ' +
    `measured at ${settings.catalogSizes[0]} integrations only. Before timing, one request per route checks status ` +
    '200, `Cache-Control: no-store`, the URL, a token that verifies (jose: signature, header, `sub`, `ti`) and that ' +
    "both bodies have the same keys. p50 and p99 come from every 2xx response's own time (fractional ms)."
  );
}
