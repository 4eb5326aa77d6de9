// Memory: signed URLs through PandiumEmbedService.createInstallUrl in a Nest context that has the library and
// fake strategies, two equal rounds. Reports RSS after boot and after both rounds, and heapUsed after a full GC
// after boot and after each round: a leak shows as growth from round 1 to round 2 (round 1 also holds every
// one-time allocation: compiled code, caches, lazily built validators).
//
// Needs --expose-gc. Run by run.ts; by hand: node --expose-gc bench/dist/bench/memory.bench.js [--urls-per-round=50000]
import 'reflect-metadata';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { PandiumEmbedService } from '../libs/pandium-embed/src/index.js';
import { runAsChild } from './support/ipc.js';
import { createLibraryContext } from './support/library-context.js';
import {
  BENCH_INTEGRATION,
  benchClaims,
  expectedTenantInfo,
  INSTALL_XTI,
  tenantTokenOf,
  verifyPandiumToken,
} from './support/payload.js';
import type { MemoryBenchResult } from './support/results.js';
import { BENCH_PANDIUM_SECRET, FULL_SETTINGS } from './support/settings.js';
import type { MemorySettings } from './support/settings.js';

/** Full collections until heapUsed stops falling (finalizers and weak callbacks run between them). */
async function settledHeapUsed(): Promise<number> {
  const gc = globalThis.gc;
  if (gc === undefined) {
    throw new Error('run with node --expose-gc');
  }
  let previous = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 10; i += 1) {
    gc();
    await nextTurn();
    const used = process.memoryUsage().heapUsed;
    if (used >= previous) {
      return used;
    }
    previous = used;
  }
  return previous;
}

async function runMemoryBench(
  settings: MemorySettings,
): Promise<MemoryBenchResult> {
  const context = await createLibraryContext();
  const service = context.get(PandiumEmbedService);
  const user = { id: 'usr_1001' };

  const first = await service.createInstallUrl(user, BENCH_INTEGRATION.id);
  await verifyPandiumToken(tenantTokenOf(first.url), BENCH_PANDIUM_SECRET, {
    sub: benchClaims().sub,
    ti: expectedTenantInfo(benchClaims(), INSTALL_XTI),
  });

  let sink = 0;
  let signingMs = 0;
  const round = async (): Promise<void> => {
    const started = performance.now();
    for (let done = 0; done < settings.urlsPerRound;) {
      const size = Math.min(settings.concurrency, settings.urlsPerRound - done);
      const batch = Array.from({ length: size }, () =>
        service.createInstallUrl(user, BENCH_INTEGRATION.id),
      );
      for (const { url } of await Promise.all(batch)) {
        sink += url.length;
      }
      done += size;
    }
    signingMs += performance.now() - started;
  };

  const heapAfterBootBytes = await settledHeapUsed();
  const rssAfterBootBytes = process.memoryUsage.rss();
  await round();
  const heapAfterRound1Bytes = await settledHeapUsed();
  await round();
  const rssAfterAllBytes = process.memoryUsage.rss();
  const heapAfterRound2Bytes = await settledHeapUsed();
  await context.close();
  if (sink === 0) {
    throw new Error('no URL was signed');
  }

  return {
    settings,
    rssAfterBootBytes,
    rssAfterAllBytes,
    heapAfterBootBytes,
    heapAfterRound1Bytes,
    heapAfterRound2Bytes,
    urlsPerSecond: (2 * settings.urlsPerRound * 1000) / signingMs,
  };
}

runAsChild(() => {
  const { values } = parseArgs({
    options: {
      'urls-per-round': { type: 'string' },
      concurrency: { type: 'string' },
    },
  });
  const defaults = FULL_SETTINGS.memory;
  return runMemoryBench({
    urlsPerRound: Number(values['urls-per-round'] ?? defaults.urlsPerRound),
    concurrency: Number(values.concurrency ?? defaults.concurrency),
  });
});
