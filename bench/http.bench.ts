// HTTP throughput of the install-url route against a bare route behind the same JwtAuthGuard, in the same app,
// with autocannon. The app runs in a process of its own (http-server.ts), autocannon in this one, so each has a
// core of its own on a two-core machine. Runs alternate (bare, install, bare, install, …) after one warm-up run
// per route, all with the same connections and duration.
import { BARE_ROUTE } from './support/bench.module.js';
import { expectStatus } from './support/http-checks.js';
import { describeRun, load, summarizeRuns } from './support/load.js';
import { tenantTokenOf, verifyPandiumToken } from './support/payload.js';
import type {
  AdapterName,
  HttpAdapterResult,
  HttpRouteSummary,
  HttpRunResult,
  RouteName,
} from './support/results.js';
import { BENCH_PANDIUM_SECRET, DEMO_LOGIN } from './support/settings.js';
import { startServer, withServer } from './support/server-process.js';
import type { HttpSettings } from './support/settings.js';

export const INSTALL_ROUTE = '/pandium/integrations/1042/install-url';

const PATHS: Record<RouteName, string> = {
  bare: BARE_ROUTE,
  install: INSTALL_ROUTE,
};

/** Logs in as the demo user and checks both routes once: status, guard in place, a token that verifies. */
async function loginAndCheck(baseUrl: string): Promise<string> {
  const login = await fetch(`${baseUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(DEMO_LOGIN),
  });
  await expectStatus(login, 200, 'POST /auth/login');
  const { accessToken } = (await login.json()) as { accessToken: string };
  const authorization = `Bearer ${accessToken}`;

  const anonymous = await fetch(`${baseUrl}${BARE_ROUTE}`);
  await expectStatus(anonymous, 401, `GET ${BARE_ROUTE} without a token`);

  const bare = await fetch(`${baseUrl}${BARE_ROUTE}`, {
    headers: { authorization },
  });
  await expectStatus(bare, 200, `GET ${BARE_ROUTE}`);
  const bareBody = (await bare.json()) as unknown;
  if (JSON.stringify(bareBody) !== '{"ok":true}') {
    throw new Error(`GET ${BARE_ROUTE} answered ${JSON.stringify(bareBody)}`);
  }

  const install = await fetch(`${baseUrl}${INSTALL_ROUTE}`, {
    headers: { authorization },
  });
  await expectStatus(install, 200, `GET ${INSTALL_ROUTE}`);
  const { url, integrationId } = (await install.json()) as {
    url: string;
    integrationId: string;
  };
  if (integrationId !== '1042') {
    throw new Error(
      `GET ${INSTALL_ROUTE} answered integration ${integrationId}`,
    );
  }
  const { payload } = await verifyPandiumToken(
    tenantTokenOf(url),
    BENCH_PANDIUM_SECRET,
    { sub: 'usr_1001' },
  );
  const xti = (payload.ti as { xti?: Record<string, unknown> } | undefined)
    ?.xti;
  if (xti?.integration_name !== 'gwt2hs' || xti.connector_name !== 'gwt') {
    throw new Error(`the install URL's token names the wrong integration`);
  }
  return authorization;
}

function loadRoute(
  baseUrl: string,
  route: RouteName,
  authorization: string,
  settings: HttpSettings,
  durationSeconds: number,
): Promise<HttpRunResult> {
  return load(`${baseUrl}${PATHS[route]}`, {
    ...settings,
    durationSeconds,
    headers: { authorization },
  }).then((run) => ({ route, ...run }));
}

function summarize(route: RouteName, runs: HttpRunResult[]): HttpRouteSummary {
  return { route, path: PATHS[route], ...summarizeRuns(runs) };
}

export async function runHttpBench(
  adapter: AdapterName,
  settings: HttpSettings,
  env: NodeJS.ProcessEnv,
  progress: (line: string) => void,
): Promise<HttpAdapterResult> {
  const server = await startServer('http-server', [adapter], { env });
  const { value: runs, serverRssBytes } = await withServer(
    server,
    async (baseUrl) => {
      const authorization = await loginAndCheck(baseUrl);
      const order: RouteName[] = ['bare', 'install'];

      let warmupNon2xx = 0;
      for (const route of order) {
        const warmup = await loadRoute(
          baseUrl,
          route,
          authorization,
          settings,
          settings.warmupSeconds,
        );
        warmupNon2xx += warmup.non2xx;
      }

      const runs: Record<RouteName, HttpRunResult[]> = {
        bare: [],
        install: [],
      };
      for (let i = 0; i < settings.runsPerRoute; i += 1) {
        for (const route of order) {
          const run = await loadRoute(
            baseUrl,
            route,
            authorization,
            settings,
            settings.durationSeconds,
          );
          runs[route].push(run);
          progress(
            `  ${adapter} ${route.padEnd(7)} run ${i + 1}/${settings.runsPerRoute}: ` +
              describeRun(run),
          );
        }
      }
      return { runs, warmupNon2xx };
    },
  );
  return {
    adapter,
    settings,
    routes: {
      bare: summarize('bare', runs.runs.bare),
      install: summarize('install', runs.runs.install),
    },
    warmupNon2xx: runs.warmupNon2xx,
    serverRssBytes,
  };
}
