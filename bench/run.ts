// `npm run bench`: runs the headline (the library's routes against the same routes hand-written, on Express and
// Fastify, at each catalog size), then the example app's HTTP (Express, then Fastify), signer and memory
// benchmarks, each server or benchmark in a fresh process, prints the tables and writes bench/results.md. A failed
// part is reported and the rest still run.
//
// Options (after `npm run bench --`):
//   --only=overhead,signer,express,fastify,http,memory
//                                               run some parts (http = express + fastify); results.md is then
//                                               not written
//   --quick                                     short smoke run; results.md is not written
//   --profile                                   run the signer benchmark under node --cpu-prof, and (with the
//                                               overhead part) profile the library's install-url on Fastify under
//                                               load (bench/profiles/)
//   --contenders=signer,baseline,naive          signer contenders to run (e.g. only `signer` for a clean profile)
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as prettier from 'prettier';
import { runHttpBench } from './http.bench.js';
import { profileOverhead, runOverheadBench } from './overhead.bench.js';
import { describeRun } from './support/load.js';
import { benchScript, describeError, runChild } from './support/ipc.js';
import { machineInfo } from './support/machine.js';
import type { BenchReport, Outcome } from './support/report.js';
import { overheadFaults } from './support/overhead-report.js';
import { consoleReport, httpFaults, markdownReport } from './support/report.js';
import type {
  AdapterName,
  MemoryBenchResult,
  SignerBenchResult,
} from './support/results.js';
import { benchEnv, FULL_SETTINGS, QUICK_SETTINGS } from './support/settings.js';

const PARTS = ['overhead', 'signer', 'express', 'fastify', 'memory'] as const;
type Part = (typeof PARTS)[number];

const benchDir = fileURLToPath(new URL('../../', import.meta.url));
const resultsPath = `${benchDir}results.md`;
const profileDir = `${benchDir}profiles`;

function parseParts(only: string | undefined): Set<Part> {
  if (only === undefined) {
    return new Set(PARTS);
  }
  const parts = new Set<Part>();
  for (const name of only.split(',').map((value) => value.trim())) {
    if (name === 'http') {
      parts.add('express').add('fastify');
    } else if ((PARTS as readonly string[]).includes(name)) {
      parts.add(name as Part);
    } else {
      throw new Error(
        `--only: unknown part "${name}"; choose from ${PARTS.join(', ')}, http`,
      );
    }
  }
  return parts;
}

async function attempt<T>(
  label: string,
  body: () => Promise<T>,
): Promise<Outcome<T>> {
  const started = performance.now();
  try {
    const value = await body();
    console.log(
      `${label}: done in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    return { ok: true, value };
  } catch (error) {
    const text = describeError(error);
    console.log(`${label}: FAILED: ${text.split('\n')[0]}`);
    return { ok: false, error: text };
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      quick: { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
      contenders: { type: 'string' },
    },
  });
  const parts = parseParts(values.only);
  const settings = values.quick ? QUICK_SETTINGS : FULL_SETTINGS;
  const env = benchEnv();
  const machine = machineInfo();
  console.log(
    `pandium-embed benchmarks on ${machine.cpuModel} (${machine.cores} cores), Node.js ${machine.node}` +
      (settings.quick ? ' [quick]' : ''),
  );

  const report: BenchReport = {
    machine,
    settings,
    overhead: undefined,
    signer: undefined,
    http: { express: undefined, fastify: undefined },
    memory: undefined,
    profile: undefined,
    overheadProfile: undefined,
  };
  const profileName = (part: string): string =>
    `${part}-${new Date().toISOString().replace(/[:.]/g, '-')}.cpuprofile`;

  if (parts.has('overhead')) {
    const { connections, durationSeconds, runsPerRoute, catalogSizes } =
      settings.overhead;
    console.log(
      `\n[overhead] library / hand-written, Express and Fastify, catalogs of ${catalogSizes.join(' and ')}: ` +
        `${connections} connections, ${durationSeconds} s × ${runsPerRoute} runs per route`,
    );
    report.overhead = await attempt('[overhead]', () =>
      runOverheadBench(settings.overhead, env, (line) => console.log(line)),
    );
    if (values.profile) {
      mkdirSync(profileDir, { recursive: true });
      const name = profileName('overhead-install-fastify');
      const run = await attempt('[overhead profile]', () =>
        profileOverhead(settings.overhead, env, profileDir, name),
      );
      if (run?.ok) {
        report.overheadProfile = `bench/profiles/${name}`;
        console.log(
          `[overhead profile] ${describeRun(run.value)}; CPU profile: ${report.overheadProfile}`,
        );
      }
    }
  }

  if (parts.has('signer')) {
    const { rounds, roundMs, warmupMs } = settings.signer;
    console.log(
      `\n[signer] ${rounds} interleaved rounds × ${roundMs} ms per contender`,
    );
    const execArgv = ['--expose-gc'];
    if (values.profile) {
      mkdirSync(profileDir, { recursive: true });
      const name = profileName('signer');
      execArgv.push(
        '--cpu-prof',
        `--cpu-prof-dir=${profileDir}`,
        `--cpu-prof-name=${name}`,
      );
      report.profile = `bench/profiles/${name}`;
    }
    report.signer = await attempt('[signer]', () =>
      runChild<SignerBenchResult>(benchScript('signer.bench'), {
        args: [
          `--rounds=${rounds}`,
          `--round-ms=${roundMs}`,
          `--warmup-ms=${warmupMs}`,
          ...(values.contenders === undefined
            ? []
            : [`--contenders=${values.contenders}`]),
        ],
        execArgv,
        env,
      }),
    );
    if (report.profile !== undefined) {
      console.log(`[signer] CPU profile: ${report.profile}`);
    }
  }

  for (const adapter of ['express', 'fastify'] as AdapterName[]) {
    if (!parts.has(adapter)) {
      continue;
    }
    const { connections, durationSeconds, runsPerRoute } = settings.http;
    console.log(
      `\n[http ${adapter}] ${connections} connections, ${durationSeconds} s × ${runsPerRoute} runs per route`,
    );
    report.http[adapter] = await attempt(`[http ${adapter}]`, () =>
      runHttpBench(adapter, settings.http, env, (line) => console.log(line)),
    );
  }

  if (parts.has('memory')) {
    const { urlsPerRound, concurrency } = settings.memory;
    console.log(`\n[memory] 2 rounds × ${urlsPerRound} signed URLs`);
    report.memory = await attempt('[memory]', () =>
      runChild<MemoryBenchResult>(benchScript('memory.bench'), {
        args: [
          `--urls-per-round=${urlsPerRound}`,
          `--concurrency=${concurrency}`,
        ],
        execArgv: ['--expose-gc'],
        env,
      }),
    );
  }

  console.log(consoleReport(report));

  if (parts.size === PARTS.length && !settings.quick) {
    const markdown = markdownReport(report);
    const config = (await prettier.resolveConfig(resultsPath)) ?? {};
    writeFileSync(
      resultsPath,
      await prettier.format(markdown, { ...config, filepath: resultsPath }),
    );
    console.log(`\nWrote ${resultsPath}`);
  } else {
    console.log('\nbench/results.md not written (partial or --quick run).');
  }

  const outcomes = [
    report.overhead,
    report.signer,
    report.http.express,
    report.http.fastify,
    report.memory,
  ];
  const failed =
    outcomes.some((outcome) => outcome !== undefined && !outcome.ok) ||
    (report.overhead?.ok === true &&
      overheadFaults(report.overhead.value) > 0) ||
    (['express', 'fastify'] as const).some((adapter) => {
      const outcome = report.http[adapter];
      return outcome?.ok === true && httpFaults(outcome.value) > 0;
    });
  if (failed) {
    console.log(
      'At least one benchmark failed or saw non-2xx answers: exit code 1. Missed targets alone do not fail.',
    );
    process.exitCode = 1;
  }
}

await main();
