import { describe, expect, it } from '@jest/globals';
import { inspect } from 'node:util';
import { CliUsageError } from './cli-usage.error.js';
import { parseEmulatorFlags } from './emulator-command.flags.js';

const SECRET = 'flags-spec-secret-0123456789-abcdefghij';
const API_KEY = 'flags-spec-api-key';
const ENV = { DEV_SECRET: SECRET, DEV_API_KEY: API_KEY };

/** The usage error's message, or 'parsed'. */
function failureOf(
  args: string[],
  env: Record<string, string | undefined> = ENV,
): string {
  try {
    parseEmulatorFlags(args, env);
    return 'parsed';
  } catch (error) {
    expect(error).toBeInstanceOf(CliUsageError);
    return (error as Error).message;
  }
}

describe('parseEmulatorFlags', () => {
  it('should apply the defaults: development account, port 3100, loopback, framed by localhost:3000', () => {
    const settings = parseEmulatorFlags(['--secret-env', 'DEV_SECRET'], ENV);

    expect(settings).toMatchObject({
      secretEnv: 'DEV_SECRET',
      sharedSecret: SECRET,
      account: 'pandium-embed-demo',
      port: 3100,
      hostOrigin: 'http://localhost:3000',
      listenHost: '127.0.0.1',
      help: false,
    });
    expect(settings.integrationsFile).toBeUndefined();
    expect(settings.apiKey).toBeUndefined();
  });

  it('should read every flag, the secret and the API key from the variables they name', () => {
    const settings = parseEmulatorFlags(
      [
        '--secret-env=DEV_SECRET',
        '--account',
        'acme',
        '--integrations',
        'catalog.json',
        '--port',
        '0',
        '--host-origin',
        'https://app.test:8443/',
        '--api-key-env',
        'DEV_API_KEY',
        '--listen-host',
        '0.0.0.0',
        '--webhook-url',
        'https://hooks.test/pandium?key=k',
      ],
      ENV,
    );
    expect(settings.webhookUrl).toBe('https://hooks.test/pandium?key=k');
    // The URL may carry a secret: hidden like the secret and the key.
    expect(JSON.stringify(settings)).not.toContain('hooks.test');

    expect(settings).toMatchObject({
      sharedSecret: SECRET,
      account: 'acme',
      integrationsFile: 'catalog.json',
      port: 0,
      hostOrigin: 'https://app.test:8443',
      apiKeyEnv: 'DEV_API_KEY',
      apiKey: API_KEY,
      listenHost: '0.0.0.0',
    });
  });

  it('should fall back to the variables the README names, the flag winning', () => {
    const env = {
      ...ENV,
      PANDIUM_EMULATOR_SECRET_ENV: 'DEV_SECRET',
      PANDIUM_ACCOUNT: 'from-env',
      PANDIUM_EMULATOR_INTEGRATIONS: 'env.json',
      PANDIUM_EMULATOR_PORT: '4100',
      PANDIUM_EMULATOR_HOST_ORIGIN: 'http://localhost:4000',
      PANDIUM_EMULATOR_API_KEY_ENV: 'DEV_API_KEY',
      PANDIUM_EMULATOR_HOST: '::1',
      PANDIUM_EMULATOR_WEBHOOK_URL: 'http://localhost:4000/hooks',
    };

    expect(parseEmulatorFlags([], env)).toMatchObject({
      sharedSecret: SECRET,
      account: 'from-env',
      integrationsFile: 'env.json',
      port: 4100,
      hostOrigin: 'http://localhost:4000',
      apiKey: API_KEY,
      listenHost: '::1',
      webhookUrl: 'http://localhost:4000/hooks',
    });
    expect(parseEmulatorFlags(['--account', 'flag'], env).account).toBe('flag');
  });

  it('should keep the secret and the API key out of any dump of the settings', () => {
    const settings = parseEmulatorFlags(
      ['--secret-env', 'DEV_SECRET', '--api-key-env', 'DEV_API_KEY'],
      ENV,
    );

    const dump = `${JSON.stringify(settings)} ${inspect(settings)}`;
    expect(dump).not.toContain(SECRET);
    expect(dump).not.toContain(API_KEY);
  });

  it.each<[string, string[], Record<string, string | undefined>, RegExp]>([
    ['no secret variable', [], ENV, /--secret-env NAME is required/],
    [
      'a secret variable that is not set',
      ['--secret-env', 'MISSING_SECRET'],
      ENV,
      /--secret-env: the environment variable MISSING_SECRET is not set/,
    ],
    [
      'a secret variable that is empty',
      ['--secret-env', 'EMPTY_SECRET'],
      { ...ENV, EMPTY_SECRET: '' },
      /--secret-env: the environment variable EMPTY_SECRET is empty/,
    ],
    [
      'a value where a name belongs',
      ['--secret-env', 'not a name!'],
      ENV,
      /--secret-env takes the NAME of an environment variable/,
    ],
    [
      '--secret',
      ['--secret', SECRET],
      ENV,
      /--secret and --api-key are not accepted/,
    ],
    [
      '--api-key',
      ['--api-key=k'],
      ENV,
      /--secret and --api-key are not accepted/,
    ],
    [
      'an API key variable that is not set',
      ['--secret-env', 'DEV_SECRET', '--api-key-env', 'NO_KEY'],
      ENV,
      /--api-key-env: the environment variable NO_KEY is not set/,
    ],
    [
      'a bad port',
      ['--secret-env', 'DEV_SECRET', '--port', '70000'],
      ENV,
      /--port \(or PANDIUM_EMULATOR_PORT\) must be a port number/,
    ],
    [
      'a port that is not a number',
      ['--secret-env', 'DEV_SECRET', '--port', 'soon'],
      ENV,
      /--port .* must be a port number/,
    ],
    [
      'a bad account',
      ['--secret-env', 'DEV_SECRET', '--account', 'a/b'],
      ENV,
      /--account \(or PANDIUM_ACCOUNT\) must be 1–128 characters/,
    ],
    [
      'a host origin with a path',
      [
        '--secret-env',
        'DEV_SECRET',
        '--host-origin',
        'http://localhost:3000/app',
      ],
      ENV,
      /--host-origin .* must be an http\(s\) origin/,
    ],
    [
      'a listen host with a space',
      ['--secret-env', 'DEV_SECRET', '--listen-host', '0.0.0.0 x'],
      ENV,
      /--listen-host .* must be an interface address/,
    ],
    [
      'an unknown flag',
      ['--secret-env', 'DEV_SECRET', '--colour'],
      ENV,
      /Unknown option '--colour'/,
    ],
    [
      'a positional',
      ['--secret-env', 'DEV_SECRET', 'extra'],
      ENV,
      /Unexpected argument 'extra'/,
    ],
  ])('should refuse %s, naming the flag', (_case, args, env, message) => {
    expect(failureOf(args, env)).toMatch(message);
  });

  it('should never repeat a secret given in place of a variable name', () => {
    const message = failureOf(['--secret-env', 'Xk9_qz3Lw2Vt'], {});

    expect(message).toMatch(/the environment variable it names is not set/);
    expect(message).not.toContain('Xk9_qz3Lw2Vt');
  });

  it('should stop at --help', () => {
    expect(parseEmulatorFlags(['--help'], {}).help).toBe(true);
  });
});
