// A server under load runs in a process of its own (so it and autocannon each have a core on a two-core machine).
// The parent side forks it and waits for { type: 'ready', port }; the child side serves until it gets 'stop',
// then reports its RSS and ends.
import type { INestApplication } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  benchScript,
  describeError,
  disconnectFromParent,
  sendToParent,
} from './ipc.js';
import type { ChildMessage } from './ipc.js';
import type { AdapterName } from './results.js';

export interface RunningServer {
  baseUrl: string;
  /** Closes the app and answers the server process's RSS. */
  stop(): Promise<number>;
}

export interface ServerProcessOptions {
  env: NodeJS.ProcessEnv;
  /** Node.js flags of the server process, e.g. `--cpu-prof`. */
  execArgv?: string[];
}

/** Forks a bench script (`bench/dist/bench/<name>.js`) that serves an app, and waits until it listens. */
export function startServer(
  name: string,
  args: string[],
  options: ServerProcessOptions,
): Promise<RunningServer> {
  const what = `${name} ${args.join(' ')}`;
  const child: ChildProcess = fork(benchScript(name), args, {
    env: options.env,
    execArgv: options.execArgv ?? [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null): void =>
      reject(new Error(`the server (${what}) exited with code ${code}`));
    child.once('exit', onExit);
    child.once('error', reject);
    child.once('message', (message: ChildMessage<unknown>) => {
      child.off('exit', onExit);
      if (message.type !== 'ready') {
        reject(
          new Error(
            message.type === 'error'
              ? message.error
              : `unexpected message ${message.type}`,
          ),
        );
        return;
      }
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

/** Runs `body` with a started server and always stops it; answers the body's value and the server's RSS. */
export async function withServer<T>(
  server: RunningServer,
  body: (baseUrl: string) => Promise<T>,
): Promise<{ value: T; serverRssBytes: number }> {
  let value: T;
  try {
    value = await body(server.baseUrl);
  } catch (error) {
    await server.stop().catch(() => undefined);
    throw error;
  }
  return { value, serverRssBytes: await server.stop() };
}

/** The child side: reports the listening app's port, closes it on 'stop', reports its RSS, and lets the process end. */
export async function serveUntilStopped(app: INestApplication): Promise<void> {
  const server = app.getHttpServer() as Server;
  const { port } = server.address() as AddressInfo;
  process.on('message', (message: unknown) => {
    if (message !== 'stop') {
      return;
    }
    app
      .close()
      .then(() =>
        sendToParent({
          type: 'result',
          result: { rssBytes: process.memoryUsage.rss() },
        }),
      )
      .catch((error: unknown) => {
        process.exitCode = 1;
        return sendToParent({ type: 'error', error: describeError(error) });
      })
      .finally(disconnectFromParent);
  });
  await sendToParent({ type: 'ready', port });
}

/** The child side's main: serves the app `create` makes, or reports why it could not. */
export function serveAsChild(create: () => Promise<INestApplication>): void {
  create()
    .then(serveUntilStopped)
    .catch(async (error: unknown) => {
      process.exitCode = 1;
      await sendToParent({ type: 'error', error: describeError(error) });
      disconnectFromParent();
    });
}

/** The adapter named on a server's command line. */
export function adapterOf(value: string | undefined): AdapterName {
  if (value === 'express' || value === 'fastify') {
    return value;
  }
  throw new Error(`adapter must be express or fastify, not ${value}`);
}

/** Listens on 127.0.0.1 and a free port; on Fastify, waits until its plugins are ready. */
export async function listenOnLoopback(
  app: INestApplication,
  adapter: AdapterName,
): Promise<void> {
  await app.listen(0, '127.0.0.1');
  if (adapter === 'fastify') {
    await (app as NestFastifyApplication)
      .getHttpAdapter()
      .getInstance()
      .ready();
  }
}
