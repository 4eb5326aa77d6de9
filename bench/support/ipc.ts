// Each benchmark runs in a process of its own (forked by run.ts), so that one cannot warm up, fill the heap of or
// steal the event loop from another. Results come back over the IPC channel; without one (a benchmark started by
// hand, e.g. under `node --cpu-prof`), they are printed as JSON.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export type ChildMessage<T> =
  | { type: 'result'; result: T }
  | { type: 'ready'; port: number }
  | { type: 'error'; error: string };

/** Sends a message to the parent, or prints it when there is none. */
export function sendToParent<T>(message: ChildMessage<T>): Promise<void> {
  if (process.send === undefined) {
    console.log(JSON.stringify(message, null, 2));
    return Promise.resolve();
  }
  const send = process.send.bind(process);
  return new Promise((resolve, reject) => {
    send(message, undefined, {}, (error: Error | null) =>
      error ? reject(error) : resolve(),
    );
  });
}

/** Lets the process end once its work is done: an open IPC channel would keep it alive. */
export function disconnectFromParent(): void {
  if (process.connected) {
    process.disconnect();
  }
}

/**
 * Runs a benchmark's main function: sends its result, or its error, and lets the process end.
 * Exits non-zero on failure.
 */
export function runAsChild<T>(main: () => Promise<T>): void {
  main()
    .then((result) => sendToParent<T>({ type: 'result', result }))
    .catch(async (error: unknown) => {
      process.exitCode = 1;
      await sendToParent<T>({ type: 'error', error: describeError(error) });
    })
    .finally(disconnectFromParent);
}

export function describeError(error: unknown): string {
  if (error instanceof Error) {
    return error.stack ?? `${error.name}: ${error.message}`;
  }
  return String(error);
}

export interface ForkOptions {
  args?: string[];
  execArgv?: string[];
  env?: NodeJS.ProcessEnv;
}

/** The compiled script beside this one's directory (`bench/dist/bench/<name>.js`). */
export function benchScript(name: string): string {
  return fileURLToPath(new URL(`../${name}.js`, import.meta.url));
}

/** Forks a benchmark script and resolves with the result it sends; rejects with its error, or if it dies. */
export function runChild<T>(script: string, options: ForkOptions): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = fork(script, options.args ?? [], {
      execArgv: options.execArgv ?? [],
      env: options.env,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let outcome: ChildMessage<T> | undefined;
    child.on('message', (message: ChildMessage<T>) => {
      outcome ??= message;
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (outcome?.type === 'result' && code === 0) {
        resolve(outcome.result);
      } else if (outcome?.type === 'error') {
        reject(new Error(outcome.error));
      } else {
        reject(
          new Error(
            `${script} exited with ${signal ?? `code ${code}`} and no result`,
          ),
        );
      }
    });
  });
}
