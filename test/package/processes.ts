// Child processes of the package test: npm commands and the host apps, all stoppable from afterAll so that a failing
// or timed-out test leaves nothing running.
import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';

/**
 * The test's environment without what `npm run` and Jest add to it: `npm_*` variables (`npm_config_local_prefix`
 * would point a nested npm at this repo), `NODE_OPTIONS` (Jest's `--experimental-vm-modules`) and `NODE_ENV`.
 */
export function childEnv(
  extra: Record<string, string> = {},
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (
      !/^npm_/i.test(name) &&
      !['NODE_OPTIONS', 'NODE_ENV', 'INIT_CWD'].includes(name)
    ) {
      env[name] = value;
    }
  }
  return { ...env, ...extra };
}

const running = new Set<AbortController>();

/** Runs a command to completion (with `env` added); rejects with its output when it fails or takes longer than `timeoutMs`. */
export function run(
  command: string,
  args: string[],
  cwd: string,
  timeoutMs: number,
  env: Record<string, string> = {},
): Promise<{ stdout: string; stderr: string }> {
  const controller = new AbortController();
  running.add(controller);
  return new Promise<{ stdout: string; stderr: string }>((resolve, reject) => {
    execFile(
      command,
      args,
      {
        cwd,
        env: childEnv(env),
        timeout: timeoutMs,
        signal: controller.signal,
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        if (error) {
          reject(
            new Error(
              `${command} ${args.join(' ')} (in ${cwd}) failed: ${error.message}\n${stdout}\n${stderr}`,
            ),
          );
        } else {
          resolve({ stdout, stderr });
        }
      },
    );
  }).finally(() => running.delete(controller));
}

/** Kills every command `run` started that has not finished. */
export function abortRunningCommands(): void {
  for (const controller of running) {
    controller.abort();
  }
}

export interface RunningHost {
  /** `http://127.0.0.1:<port>` as the host printed it. */
  url: string;
  /** Everything the host wrote so far, for failure messages. */
  output(): string;
  /** Stops the host (SIGTERM, then SIGKILL after 5 s) and waits for it to exit. */
  stop(): Promise<void>;
}

const LISTENING = /pandium-embed host listening on (http:\/\/\S+)/;

/**
 * Starts `node main.js` in `cwd` and resolves once it prints the URL it listens on. The IPC channel lets the host
 * notice when this process dies without stopping it (it then exits on its own).
 */
export function startHost(
  cwd: string,
  env: Record<string, string>,
  timeoutMs: number,
): Promise<RunningHost> {
  return startProcess(process.execPath, ['main.js'], {
    cwd,
    env,
    timeoutMs,
    listening: LISTENING,
    ipc: true,
  });
}

/** How {@link startProcess} runs a command. */
export interface ProcessStart {
  cwd: string;
  env: Record<string, string>;
  timeoutMs: number;
  /** What the process prints once it listens; its first group is the URL. */
  listening: RegExp;
  /** Opens an IPC channel (for `node` processes that exit when the test dies). */
  ipc?: boolean;
}

/**
 * Starts a command in a process group of its own and resolves once its output matches `listening`. `stop()` signals
 * the whole group (e.g. `npx` and the node process it runs), by the group's id.
 */
export function startProcess(
  command: string,
  args: string[],
  { cwd, env, timeoutMs, listening, ipc = false }: ProcessStart,
): Promise<RunningHost> {
  const child: ChildProcess = spawn(command, args, {
    cwd,
    env: childEnv({ NO_COLOR: '1', ...env }),
    stdio: ['ignore', 'pipe', 'pipe', ...(ipc ? (['ipc'] as const) : [])],
    detached: !ipc,
  });
  const signal = (name: NodeJS.Signals): void => {
    if (ipc || child.pid === undefined) {
      child.kill(name);
    } else {
      process.kill(-child.pid, name);
    }
  };
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', resolve));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      signal('SIGTERM');
      const timer = setTimeout(() => signal('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
  };

  return new Promise<RunningHost>((resolve, reject) => {
    const fail = (reason: string): void => {
      clearTimeout(timer);
      void stop().then(() =>
        reject(
          new Error(`${command} in ${cwd} ${reason}; its output:\n${output}`),
        ),
      );
    };
    const timer = setTimeout(
      () => fail(`printed no URL within ${timeoutMs} ms`),
      timeoutMs,
    );
    const read = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = listening.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1], output: () => output, stop });
      }
    };
    child.stderr?.on('data', read);
    child.stdout?.on('data', read);
    child.once('error', (error) => fail(`could not start: ${error.message}`));
    child.once('exit', (code, signal) =>
      fail(`exited (code ${code}, signal ${signal}) before listening`),
    );
  });
}
