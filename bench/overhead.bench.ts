// The library's own cost per request: in a host built the way a user builds one (overhead/overhead-host.module.ts:
// the package, constant strategies, a static catalog), the library's install-url and marketplace-url against the
// same answers hand-written (overhead/hand-written.controller.ts), side by side in the same server process, on
// Express and on Fastify, at each catalog size. The server runs in a process of its own, autocannon in this one.
// Per pair: one warm-up run per route, then rounds of one run each, the order rotated each round (library first,
// then hand-written first, …).
import { deepStrictEqual, strictEqual } from 'node:assert/strict';
import { expectStatus } from './support/http-checks.js';
import { describeRun, load, summarizeRuns } from './support/load.js';
import {
  CONNECTOR_TOKEN,
  INSTALL_XTI,
  benchClaims,
  expectedTenantInfo,
  tenantTokenOf,
  verifyPandiumToken,
} from './support/payload.js';
import type {
  AdapterName,
  LoadRun,
  OverheadPairResult,
  OverheadResult,
  OverheadRoute,
  OverheadSide,
} from './support/results.js';
import { OVERHEAD_SIDES } from './support/results.js';
import { startServer, withServer } from './support/server-process.js';
import { BENCH_ACCOUNT, BENCH_PANDIUM_SECRET } from './support/settings.js';
import type { OverheadSettings } from './support/settings.js';
import {
  HAND_WRITTEN_PATHS,
  LIBRARY_PATHS,
} from './overhead/overhead-host.module.js';

export const OVERHEAD_SERVER = 'overhead/overhead-server';
const ADAPTERS: AdapterName[] = ['express', 'fastify'];

const SIDE_PATHS: Record<OverheadSide, Record<OverheadRoute, string>> = {
  library: LIBRARY_PATHS,
  handWritten: HAND_WRITTEN_PATHS,
};

const BASE = `https://imp.sandbox.pandium.com/${BENCH_ACCOUNT}`;

/** What each side's URL starts with, and the `ti` its token must carry. */
const EXPECTED: Record<
  OverheadRoute,
  { urlPrefix: string; ti: Record<string, unknown> }
> = {
  install: {
    urlPrefix: `${BASE}/tenants/create/1042?tenant=`,
    ti: expectedTenantInfo(benchClaims(), INSTALL_XTI),
  },
  marketplace: {
    urlPrefix: `${BASE}?tenant=`,
    ti: expectedTenantInfo(benchClaims(), { token: CONNECTOR_TOKEN }),
  },
};

/** One request per side: 200, `Cache-Control: no-store`, a token that verifies, and bodies with the same keys. */
async function checkPair(baseUrl: string, route: OverheadRoute): Promise<void> {
  const keys: string[][] = [];
  for (const side of OVERHEAD_SIDES) {
    const path = SIDE_PATHS[side][route];
    const response = await fetch(`${baseUrl}${path}`);
    await expectStatus(response, 200, `GET ${path}`);
    strictEqual(
      response.headers.get('cache-control'),
      'no-store',
      `GET ${path}: Cache-Control`,
    );
    const body = (await response.json()) as Record<string, unknown>;
    const url = String(body.url);
    strictEqual(
      url.startsWith(EXPECTED[route].urlPrefix),
      true,
      `GET ${path}: url`,
    );
    strictEqual(body.expiresIn, 300, `GET ${path}: expiresIn`);
    if (route === 'install') {
      strictEqual(body.integrationId, '1042', `GET ${path}: integrationId`);
    }
    await verifyPandiumToken(tenantTokenOf(url), BENCH_PANDIUM_SECRET, {
      sub: 'usr_1001',
      ti: EXPECTED[route].ti,
    });
    keys.push(Object.keys(body).sort());
  }
  deepStrictEqual(keys[0], keys[1], `${route}: the bodies' keys differ`);
}

async function measurePair(
  baseUrl: string,
  adapter: AdapterName,
  catalogSize: number,
  route: OverheadRoute,
  settings: OverheadSettings,
  progress: (line: string) => void,
): Promise<OverheadPairResult> {
  const url = (side: OverheadSide): string =>
    `${baseUrl}${SIDE_PATHS[side][route]}`;
  let warmupNon2xx = 0;
  for (const side of OVERHEAD_SIDES) {
    const warmup = await load(url(side), {
      ...settings,
      durationSeconds: settings.warmupSeconds,
    });
    warmupNon2xx += warmup.non2xx;
  }
  const runs: Record<OverheadSide, LoadRun[]> = {
    library: [],
    handWritten: [],
  };
  for (let round = 0; round < settings.runsPerRoute; round += 1) {
    const order =
      round % 2 === 0 ? OVERHEAD_SIDES : [...OVERHEAD_SIDES].reverse();
    for (const side of order) {
      const run = await load(url(side), settings);
      runs[side].push(run);
      progress(
        `  ${adapter} ${catalogSize} ${route} ${side.padEnd(11)} run ${round + 1}/${settings.runsPerRoute}: ` +
          describeRun(run),
      );
    }
  }
  return {
    adapter,
    catalogSize,
    route,
    paths: {
      library: LIBRARY_PATHS[route],
      handWritten: HAND_WRITTEN_PATHS[route],
    },
    library: summarizeRuns(runs.library),
    handWritten: summarizeRuns(runs.handWritten),
    warmupNon2xx,
  };
}

/** The routes measured at a catalog size: marketplace-url does not read the catalog, so at the first size only. */
function routesAt(
  settings: OverheadSettings,
  catalogSize: number,
): OverheadRoute[] {
  return catalogSize === settings.catalogSizes[0]
    ? ['install', 'marketplace']
    : ['install'];
}

export async function runOverheadBench(
  settings: OverheadSettings,
  env: NodeJS.ProcessEnv,
  progress: (line: string) => void,
): Promise<OverheadResult> {
  const pairs: OverheadPairResult[] = [];
  const serverRssBytes: Record<string, number> = {};
  for (const adapter of ADAPTERS) {
    for (const catalogSize of settings.catalogSizes) {
      const server = await startServer(
        OVERHEAD_SERVER,
        [adapter, String(catalogSize)],
        { env },
      );
      const { value, serverRssBytes: rss } = await withServer(
        server,
        async (baseUrl) => {
          const measured: OverheadPairResult[] = [];
          for (const route of routesAt(settings, catalogSize)) {
            await checkPair(baseUrl, route);
            measured.push(
              await measurePair(
                baseUrl,
                adapter,
                catalogSize,
                route,
                settings,
                progress,
              ),
            );
          }
          return measured;
        },
      );
      pairs.push(...value);
      serverRssBytes[`${adapter}/${catalogSize}`] = rss;
    }
  }
  return { settings, pairs, serverRssBytes };
}

/**
 * The library's install-url alone, on Fastify with the largest catalog, while the server runs under
 * `node --cpu-prof`: the profile is written to `profileDir/profileName` when the server ends.
 */
export async function profileOverhead(
  settings: OverheadSettings,
  env: NodeJS.ProcessEnv,
  profileDir: string,
  profileName: string,
): Promise<LoadRun> {
  const catalogSize = Math.max(...settings.catalogSizes);
  const server = await startServer(
    OVERHEAD_SERVER,
    ['fastify', String(catalogSize)],
    {
      env,
      execArgv: [
        '--cpu-prof',
        `--cpu-prof-dir=${profileDir}`,
        `--cpu-prof-name=${profileName}`,
      ],
    },
  );
  const { value } = await withServer(server, async (baseUrl) => {
    await checkPair(baseUrl, 'install');
    return load(`${baseUrl}${LIBRARY_PATHS.install}`, {
      ...settings,
      durationSeconds: settings.profileSeconds,
    });
  });
  return value;
}
