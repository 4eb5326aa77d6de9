import { describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PandiumEmulatorOptions } from '../emulator/pandium-emulator-options.interface.js';
import { runEmulatorCommand } from './emulator.command.js';
import type { EmulatorCommandIo } from './emulator.command.js';

const SECRET = 'command-spec-secret-0123456789-abcdefghij';
const API_KEY = 'command-spec-api-key';
const ENV = { DEV_SECRET: SECRET, DEV_API_KEY: API_KEY };

/** Runs the command with captured output; `io` replaces parts of it (e.g. a fake start). */
async function run(
  args: string[],
  env: Record<string, string | undefined> = ENV,
  io: Partial<EmulatorCommandIo> = {},
) {
  let stdout = '';
  let stderr = '';
  const code = await runEmulatorCommand(args, {
    env,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    untilStopped: () => Promise.resolve(),
    ...io,
  });
  return { code, stdout, stderr, all: stdout + stderr };
}

/** A start that records its options and a close, without listening. */
function fakeStart() {
  const calls: PandiumEmulatorOptions[] = [];
  let closed = 0;
  const start: EmulatorCommandIo['start'] = (options) => {
    calls.push(options);
    return Promise.resolve({
      origin: 'http://localhost:3100',
      apiKey: options.apiKey ?? 'random',
      close: () => {
        closed += 1;
        return Promise.resolve();
      },
    });
  };
  return { start, calls, closed: () => closed };
}

describe('runEmulatorCommand', () => {
  it('should start the emulator with the flags, print where it is (never the secret or key), and close it when stopped', async () => {
    const fake = fakeStart();

    const result = await run(
      [
        '--secret-env',
        'DEV_SECRET',
        '--account',
        'acme',
        '--api-key-env',
        'DEV_API_KEY',
        '--webhook-url',
        'https://hooks.test/pandium?key=hook-key-77',
      ],
      ENV,
      { start: fake.start },
    );

    expect(result.code).toBe(0);
    expect(fake.calls).toEqual([
      expect.objectContaining({
        account: 'acme',
        sharedSecret: SECRET,
        apiKey: API_KEY,
        hostOrigin: 'http://localhost:3000',
        port: 3100,
        host: '127.0.0.1',
        integrations: undefined,
        webhookUrl: 'https://hooks.test/pandium?key=hook-key-77',
      }),
    ]);
    expect(result.all).not.toContain('hook-key-77');
    expect(fake.closed()).toBe(1);
    expect(result.stdout).toContain(
      'Pandium embed emulator on http://localhost:3100 for account acme, framed by http://localhost:3000.',
    );
    expect(result.stdout).toContain('shared secret in DEV_SECRET');
    expect(result.stdout).toContain('X-API-KEY from DEV_API_KEY');
    expect(result.all).not.toContain(SECRET);
    expect(result.all).not.toContain(API_KEY);
  });

  it('should read --integrations FILE as JSON, and name the flag when the file is missing or not JSON', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'emulator-command-'));
    try {
      const file = join(dir, 'integrations.json');
      const integrations = [{ id: '7', name: 'seven', connectorName: 'c7' }];
      await writeFile(file, JSON.stringify(integrations));
      const fake = fakeStart();

      await run(['--secret-env', 'DEV_SECRET', '--integrations', file], ENV, {
        start: fake.start,
      });
      expect(fake.calls[0].integrations).toEqual(integrations);

      await writeFile(file, '[{ id: 7 }');
      const broken = await run([
        '--secret-env',
        'DEV_SECRET',
        '--integrations',
        file,
      ]);
      expect(broken.code).toBe(2);
      expect(broken.stderr).toMatch(
        /--integrations \(or PANDIUM_EMULATOR_INTEGRATIONS\): .* is not JSON/,
      );

      const missing = await run([
        '--secret-env',
        'DEV_SECRET',
        '--integrations',
        join(dir, 'none.json'),
      ]);
      expect(missing.stderr).toMatch(
        /--integrations .*cannot read .* \(ENOENT\)/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('should exit 2 naming the variable when the secret variable is missing, before starting anything', async () => {
    const fake = fakeStart();

    const result = await run(
      ['--secret-env', 'PANDIUM_SHARED_SECRET'],
      {},
      { start: fake.start },
    );

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^pandium-embed emulator: --secret-env: the environment variable PANDIUM_SHARED_SECRET is not set/,
    );
    expect(result.stderr).toContain('pandium-embed emulator --help');
    expect(fake.calls).toEqual([]);
  });

  it('should refuse to run with NODE_ENV=production', async () => {
    const fake = fakeStart();

    const result = await run(
      ['--secret-env', 'DEV_SECRET'],
      { ...ENV, NODE_ENV: 'production' },
      { start: fake.start },
    );

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/does not run with NODE_ENV=production/);
    expect(fake.calls).toEqual([]);
  });

  it('should print the help', async () => {
    const result = await run(['--help'], {});

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^Usage: pandium-embed emulator --secret-env NAME/,
    );
    for (const variable of [
      'PANDIUM_EMULATOR_SECRET_ENV',
      'PANDIUM_ACCOUNT',
      'PANDIUM_EMULATOR_INTEGRATIONS',
      'PANDIUM_EMULATOR_PORT',
      'PANDIUM_EMULATOR_HOST_ORIGIN',
      'PANDIUM_EMULATOR_API_KEY_ENV',
      'PANDIUM_EMULATOR_HOST',
    ]) {
      expect(result.stdout).toContain(`[${variable}]`);
    }
  });

  it('should run the real emulator until stopped', async () => {
    let output = '';
    let status = 0;
    const code = await runEmulatorCommand(
      ['--secret-env', 'DEV_SECRET', '--port', '0'],
      {
        env: ENV,
        stdout: { write: (text: string) => (output += text) },
        stderr: { write: (text: string) => (output += text) },
        untilStopped: async () => {
          const origin = /on (http:\/\/localhost:\d+) /.exec(output)?.[1];
          status = (await fetch(`${origin}/`)).status;
        },
      },
    );

    expect(code).toBe(0);
    expect(status).toBe(200);
    expect(output).not.toContain(SECRET);
  });

  it("should report the emulator's own refusal of an integration in the file", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'emulator-command-'));
    try {
      const file = join(dir, 'integrations.json');
      await writeFile(
        file,
        JSON.stringify([{ id: 'abc', name: 'x', connectorName: 'c' }]),
      );

      const result = await run([
        '--secret-env',
        'DEV_SECRET',
        '--integrations',
        file,
        '--port',
        '0',
      ]);

      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(
        /integrations item 1: id must be a string of digits/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
