// A throwaway redis-server for the tests that need a real one (the Redis stores, the fleet e2e): Debian's package,
// on a free loopback port, nothing persisted, stopped by the test. Installed with apt-get when missing and running
// as root; otherwise the tests fail saying how to install it, rather than being skipped.
import { afterAll, beforeAll, beforeEach } from '@jest/globals';
import { Redis } from 'ioredis';
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { freePort } from './free-port.js';

export interface RedisServer {
  /** `redis://127.0.0.1:<port>`. */
  readonly url: string;
  readonly port: number;
  /** Stops the server (an outage, for the clients connected to it). Safe to call twice. */
  stop(): Promise<void>;
  /** Freezes the server (`SIGSTOP`): connections stay open, commands pile up unanswered in its input. */
  pause(): void;
  /** Lets a paused server run again (`SIGCONT`): it then reads and runs whatever piled up. */
  resume(): void;
  /** Kills the server at once (`SIGKILL`, no shutdown), and waits until it is gone. */
  kill(): Promise<void>;
  /** Starts a new, empty server on the same port after a `kill` or `stop`, and waits until it answers. */
  restart(): Promise<void>;
}

const READY_TIMEOUT_MS = 10_000;
const START_ATTEMPTS = 3;

const isInstalled = (): boolean =>
  spawnSync('redis-server', ['--version']).error === undefined;

/** Makes sure `redis-server` can be run, installing Debian's package when missing and allowed. */
async function ensureRedisServerInstalled(): Promise<void> {
  if (isInstalled()) {
    return;
  }
  if (process.getuid?.() !== 0) {
    throw new Error(
      'redis-server is not installed. Install it with `sudo apt-get install -y redis-server` (Debian/Ubuntu); ' +
        'the Redis tests start and stop their own server on a loopback port.',
    );
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const run = (...args: string[]): boolean =>
    spawnSync('apt-get', args, { env, stdio: 'ignore' }).status === 0;
  // Another test file may be installing it at the same moment (dpkg's lock): try a few times.
  for (let attempt = 0; attempt < 10 && !isInstalled(); attempt += 1) {
    // The package lists may be missing or stale in a fresh container.
    if (!run('install', '-y', '-qq', 'redis-server') && attempt === 0) {
      run('update', '-qq');
    } else if (!isInstalled()) {
      await new Promise((resolve) => setTimeout(resolve, 3000));
    }
  }
  if (!isInstalled()) {
    throw new Error(
      'redis-server is not installed, and `apt-get install -y redis-server` did not install it.',
    );
  }
}

/** Whether a server on `port` answers PING with PONG. */
function pings(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let reply = '';
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) {
        done(reply.startsWith('+PONG'));
      }
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));
}

function spawnOn(port: number): ChildProcess {
  return spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--loglevel',
      'warning',
    ],
    { stdio: 'ignore' },
  );
}

/** Waits until `child` answers PING on `port`: true, or false when it exited first (the port was taken, most likely). */
async function ready(child: ChildProcess, port: number): Promise<boolean> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      return false;
    }
    if (await pings(port)) {
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill('SIGKILL');
  await exited(child);
  throw new Error(
    `redis-server did not answer PING on port ${port} within ${READY_TIMEOUT_MS} ms`,
  );
}

async function startOn(port: number): Promise<RedisServer | undefined> {
  let child = spawnOn(port);
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (!stopped) {
      stopped = true;
      // A paused server would not act on SIGTERM until it runs again.
      child.kill('SIGCONT');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited(child);
      clearTimeout(timer);
    }
  };
  const kill = async (): Promise<void> => {
    stopped = true;
    child.kill('SIGKILL');
    await exited(child);
  };
  const restart = async (): Promise<void> => {
    // The port is free once the old server is gone; another process may still take it meanwhile (then retry).
    for (let attempt = 0; attempt < START_ATTEMPTS; attempt += 1) {
      child = spawnOn(port);
      stopped = false;
      if (await ready(child, port)) {
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    stopped = true;
    throw new Error(
      `redis-server did not start again on port ${port} (${START_ATTEMPTS} tries)`,
    );
  };
  if (!(await ready(child, port))) {
    return undefined;
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop,
    kill,
    restart,
    pause: () => void child.kill('SIGSTOP'),
    resume: () => void child.kill('SIGCONT'),
  };
}

/** How long a hook may take to start or stop a server (with its retries), on a busy machine. */
export const REDIS_HOOK_TIMEOUT_MS = 60_000;

/** Starts a fresh redis-server on a free loopback port and waits until it answers. */
export async function startRedisServer(): Promise<RedisServer> {
  await ensureRedisServerInstalled();
  for (let attempt = 0; attempt < START_ATTEMPTS; attempt += 1) {
    const server = await startOn(await freePort());
    if (server !== undefined) {
      return server;
    }
  }
  throw new Error(
    `redis-server exited at start ${START_ATTEMPTS} times (ports taken?)`,
  );
}

/** A client to `server` for a test's own use; its connection errors after a stop are expected, not printed. */
export function redisClientOf(server: RedisServer): Redis {
  const redis = new Redis(server.url, {
    maxRetriesPerRequest: 1,
    disconnectTimeout: 100,
  });
  redis.on('error', () => undefined);
  return redis;
}

/** What {@link useRedisServer} sets up; read it in tests and hooks, not while the describe block is collected. */
export interface RedisServerWithClients {
  readonly server: RedisServer;
  /** A client to the server (one app instance's connection). */
  readonly redis: Redis;
  /** A second client to it (another instance's connection). */
  readonly other: Redis;
}

/**
 * For the calling describe block: one redis-server of its own with two clients, started before its tests, emptied
 * (FLUSHALL) before each test and stopped after them all.
 */
export function useRedisServer(): RedisServerWithClients {
  // Filled in by beforeAll; undefined in afterAll only when the server did not start.
  const shared = {} as { server: RedisServer; redis: Redis; other: Redis };

  beforeAll(async () => {
    const server = await startRedisServer();
    shared.server = server;
    shared.redis = redisClientOf(server);
    shared.other = redisClientOf(server);
  }, REDIS_HOOK_TIMEOUT_MS);

  beforeEach(async () => {
    await shared.redis.flushall();
  });

  afterAll(async () => {
    shared.redis?.disconnect();
    shared.other?.disconnect();
    await shared.server?.stop();
  }, REDIS_HOOK_TIMEOUT_MS);

  return shared;
}
