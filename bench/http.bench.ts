// HTTP throughput of the install-url route against a bare route behind the same JwtAuthGuard, in the same app,
// with autocannon. The app runs in a process of its own (http-server.ts), autocannon in this one, so each has a
// core of its own on a two-core machine. Runs alternate (bare, install, bare, install, …) after one warm-up run
// per route, all with the same connections and duration.
import autocannon from 'autocannon';
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { BARE_ROUTE } from './support/bench.module.js';
import { benchScript } from './support/ipc.js';
import type { ChildMessage } from './support/ipc.js';
import { tenantTokenOf, verifyPandiumToken } from './support/payload.js';
import type {
  AdapterName,
  HttpAdapterResult,
  HttpRouteSummary,
  HttpRunResult,
  RouteName,
} from './support/results.js';
import { BENCH_PANDIUM_SECRET, DEMO_LOGIN } from './support/settings.js';
import type { HttpSettings } from './support/settings.js';
import { median } from './support/stats.js';

export const INSTALL_ROUTE = '/pandium/integrations/1042/install-url';

const PATHS: Record<RouteName, string> = {
  bare: BARE_ROUTE,
  install: INSTALL_ROUTE,
};

interface RunningServer {
  baseUrl: string;
  /** Closes the app and answers the server process's RSS. */
  stop(): Promise<number>;
}

/** Forks http-server.ts on an adapter and waits until it listens. */
function startServer(
  adapter: AdapterName,
  env: NodeJS.ProcessEnv,
): Promise<RunningServer> {
  const child: ChildProcess = fork(benchScript('http-server'), [adapter], {
    env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null): void =>
      reject(new Error(`the ${adapter} server exited with code ${code}`));
    child.once('exit', onExit);
    child.once('error', reject);
    child.once('message', (message: ChildMessage<unknown>) => {
      if (message.type !== 'ready') {
        child.off('exit', onExit);
        reject(
          new Error(
            message.type === 'error'
              ? message.error
              : `unexpected message ${message.type}`,
          ),
        );
        return;
      }
      child.off('exit', onExit);
      resolve({
        baseUrl: `http://127.0.0.1:${message.port}`,
        stop: () => stopServer(child),
      });
    });
  });
}

function stopServer(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let rssBytes = Number.NaN;
    child.on('message', (message: ChildMessage<{ rssBytes: number }>) => {
      if (message.type === 'result') {
        rssBytes = message.result.rssBytes;
      }
    });
    child.once('exit', (code) =>
      code === 0
        ? resolve(rssBytes)
        : reject(new Error(`the server exited with code ${code}`)),
    );
    child.send('stop');
  });
}

async function expectStatus(
  response: Response,
  status: number,
  what: string,
): Promise<void> {
  if (response.status !== status) {
    const body = (await response.text()).slice(0, 500);
    throw new Error(
      `${what}: expected ${status}, got ${response.status}: ${body}`,
    );
  }
}

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

async function load(
  baseUrl: string,
  route: RouteName,
  authorization: string,
  settings: HttpSettings,
  durationSeconds: number,
): Promise<HttpRunResult> {
  const result = await autocannon({
    url: `${baseUrl}${PATHS[route]}`,
    connections: settings.connections,
    pipelining: settings.pipelining,
    duration: durationSeconds,
    headers: { authorization },
  });
  return {
    route,
    requestsPerSecond: result.requests.total / result.duration,
    latencyP50: result.latency.p50,
    latencyP99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

function summarize(route: RouteName, runs: HttpRunResult[]): HttpRouteSummary {
  const sum = (pick: (run: HttpRunResult) => number): number =>
    runs.reduce((total, run) => total + pick(run), 0);
  return {
    route,
    path: PATHS[route],
    runs,
    medianRequestsPerSecond: median(runs.map((run) => run.requestsPerSecond)),
    medianLatencyP50: median(runs.map((run) => run.latencyP50)),
    medianLatencyP99: median(runs.map((run) => run.latencyP99)),
    non2xx: sum((run) => run.non2xx),
    errors: sum((run) => run.errors),
    timeouts: sum((run) => run.timeouts),
  };
}

export async function runHttpBench(
  adapter: AdapterName,
  settings: HttpSettings,
  env: NodeJS.ProcessEnv,
  progress: (line: string) => void,
): Promise<HttpAdapterResult> {
  const server = await startServer(adapter, env);
  let stopped = false;
  try {
    const authorization = await loginAndCheck(server.baseUrl);
    const order: RouteName[] = ['bare', 'install'];

    let warmupNon2xx = 0;
    for (const route of order) {
      const warmup = await load(
        server.baseUrl,
        route,
        authorization,
        settings,
        settings.warmupSeconds,
      );
      warmupNon2xx += warmup.non2xx;
    }

    const runs: Record<RouteName, HttpRunResult[]> = { bare: [], install: [] };
    for (let i = 0; i < settings.runsPerRoute; i += 1) {
      for (const route of order) {
        const run = await load(
          server.baseUrl,
          route,
          authorization,
          settings,
          settings.durationSeconds,
        );
        runs[route].push(run);
        progress(
          `  ${adapter} ${route.padEnd(7)} run ${i + 1}/${settings.runsPerRoute}: ` +
            `${Math.round(run.requestsPerSecond)} req/s, p50 ${run.latencyP50} ms, ` +
            `p99 ${run.latencyP99} ms, non-2xx ${run.non2xx}`,
        );
      }
    }
    stopped = true;
    const serverRssBytes = await server.stop();
    return {
      adapter,
      settings,
      routes: {
        bare: summarize('bare', runs.bare),
        install: summarize('install', runs.install),
      },
      warmupNon2xx,
      serverRssBytes,
    };
  } finally {
    if (!stopped) {
      await server.stop().catch(() => undefined);
    }
  }
}
