import { describe, it, expect } from '@jest/globals';
import { createHmac } from 'node:crypto';
import { PANDIUM_CLI_EXIT, runInspectCommand } from './inspect.command.js';

const SECRET = 'inspect-spec-secret-0123456789-abcdefghij';
const CONNECTOR_TOKEN = 'conn-token-SENSITIVE-77c1';
const NOW_S = 1_900_000_000;
const HEADER = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9';

function sign(payload: object, secret = SECRET): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  const signature = createHmac('sha256', secret)
    .update(`${HEADER}.${body}`)
    .digest('base64url');
  return `${HEADER}.${body}.${signature}`;
}

const payload = {
  iat: NOW_S - 5,
  exp: NOW_S + 300,
  jti: '1cfa7dbf-8110-4237-ad22-410608791b7d',
  ti: {
    udn: 'Acme',
    ufn: 'Jane Doe',
    uem: 'jane@acme.test',
    ili: [],
    aid: '',
    adn: '',
    xti: {
      connector_name: 'gwt',
      integration_name: 'gwt2hs',
      token: CONNECTOR_TOKEN,
    },
  },
  sub: 'usr_1',
};
const TOKEN = sign(payload);
const URL_ = `https://imp.sandbox.pandium.com/acme/tenants/create/1042?tenant=${TOKEN}`;

/** Runs the command with captured output. */
async function run(
  argv: string[],
  env: Record<string, string | undefined> = { PANDIUM_SHARED_SECRET: SECRET },
  stdin = '',
) {
  let stdout = '';
  let stderr = '';
  const code = await runInspectCommand(argv, {
    env,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    now: () => NOW_S * 1000,
    readStdin: () => Promise.resolve(stdin),
  });
  return { code, stdout, stderr, all: stdout + stderr };
}

describe('runInspectCommand', () => {
  describe('valid tokens', () => {
    it('should print the diagnosis and exit 0 with the secret read from the named variable', async () => {
      const result = await run([
        'inspect',
        URL_,
        '--secret-env',
        'PANDIUM_SHARED_SECRET',
        '--account',
        'acme',
      ]);

      expect(result.code).toBe(PANDIUM_CLI_EXIT.valid);
      expect(result.stdout).toContain('signature: verified');
      expect(result.stdout).toContain(
        `"token": "[masked, ${CONNECTOR_TOKEN.length} chars]"`,
      );
      expect(result.stdout.endsWith('\nvalid\n')).toBe(true);
      expect(result.stderr).toBe('');
    });

    it('should warn, and still exit 0, without --secret-env', async () => {
      const result = await run(['inspect', TOKEN]);

      expect(result.code).toBe(0);
      expect(result.stdout).toContain('signature-unchecked');
      expect(result.stdout).toContain('--secret-env PANDIUM_SHARED_SECRET');
    });

    it('should read the URL from standard input for -, so the token stays out of ps', async () => {
      const result = await run(
        ['inspect', '-', '--secret-env', 'PANDIUM_SHARED_SECRET'],
        { PANDIUM_SHARED_SECRET: SECRET },
        `${URL_}\n`,
      );

      expect(result.code).toBe(PANDIUM_CLI_EXIT.valid);
      expect(result.stdout).toContain('signature: verified');
    });

    it('should refuse an empty standard input for - as a usage error', async () => {
      const result = await run(['inspect', '-'], {}, '  \n');

      expect(result.code).toBe(PANDIUM_CLI_EXIT.usage);
      expect(result.stderr).toContain('standard input');
    });

    it('should print JSON with --json', async () => {
      const result = await run([
        'inspect',
        URL_,
        '--secret-env=PANDIUM_SHARED_SECRET',
        '--json',
      ]);

      const diagnosis = JSON.parse(result.stdout);
      expect(result.code).toBe(0);
      expect(diagnosis).toMatchObject({
        valid: true,
        signatureVerified: true,
        target: { kind: 'install', account: 'acme', integrationId: '1042' },
        problems: [],
      });
      expect(diagnosis.claims.ti.xti.token).toBe(
        `[masked, ${CONNECTOR_TOKEN.length} chars]`,
      );
    });
  });

  describe('refused tokens', () => {
    it('should exit 1 for a token signed with another secret', async () => {
      const result = await run(['inspect', URL_, '--secret-env', 'OTHER'], {
        OTHER: 'not-the-secret-of-the-signer-0123456789',
      });

      expect(result.code).toBe(PANDIUM_CLI_EXIT.refused);
      expect(result.stdout).toContain('signature-mismatch');
      expect(result.stdout.endsWith('\nrefused: 1 problem\n')).toBe(true);
    });

    it('should exit 1 for a wrong account, and honour --skew', async () => {
      expect((await run(['inspect', URL_, '--account', 'other'])).code).toBe(1);

      const late = sign({ ...payload, iat: NOW_S - 400, exp: NOW_S - 20 });
      expect((await run(['inspect', late])).code).toBe(0);
      expect((await run(['inspect', late, '--skew', '10'])).code).toBe(1);
    });

    it('should exit 1 for a URL without tenant', async () => {
      const result = await run([
        'inspect',
        'https://imp.pandium.com/acme/tenants/create/1',
      ]);

      expect(result.code).toBe(1);
      expect(result.stdout).toContain('no tenant parameter');
    });

    it('should note that --account is not checked for a bare token', async () => {
      const result = await run(['inspect', TOKEN, '--account', 'acme']);

      expect(result.code).toBe(0);
      expect(result.stderr).toMatch(/--account is checked against a URL/);
    });
  });

  describe('help and usage errors', () => {
    it.each([[['--help']], [['-h']], [['inspect', '--help']]])(
      'should print help for %j and exit 0',
      async (argv) => {
        const result = await run(argv);

        expect(result.code).toBe(0);
        expect(result.stdout).toMatch(
          /^Usage: pandium-embed inspect <jwt-or-url>/,
        );
        expect(result.stdout).toMatch(
          /Exit codes: 0 valid, 1 refused, 2 usage error/,
        );
      },
    );

    it.each([
      ['no command', [], /a command is required/],
      ['an unknown command', ['verify', TOKEN], /unknown command/],
      ['no input', ['inspect'], /expected one <jwt-or-url>, got 0/],
      [
        'two inputs',
        ['inspect', TOKEN, TOKEN],
        /expected one <jwt-or-url>, got 2/,
      ],
      [
        'an unknown option',
        ['inspect', TOKEN, '--verbose'],
        /Unknown option '--verbose'/,
      ],
      ['a bad --skew', ['inspect', TOKEN, '--skew', '-5'], /--skew/],
      [
        'a fractional --skew',
        ['inspect', TOKEN, '--skew=1.5'],
        /whole number of seconds/,
      ],
      [
        'an unset variable',
        ['inspect', TOKEN, '--secret-env', 'NOPE'],
        /the environment variable named by --secret-env is not set/,
      ],
      [
        'a bad variable name',
        ['inspect', TOKEN, '--secret-env', 'not a name'],
        /the NAME of an environment variable/,
      ],
    ])('should exit 2 for %s', async (_what, argv, message) => {
      const result = await run(argv);

      expect(result.code).toBe(PANDIUM_CLI_EXIT.usage);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).toMatch(/pandium-embed inspect --help/);
      expect(result.stdout).toBe('');
      expect(result.all).not.toContain(TOKEN);
    });

    it('should not echo a secret passed to --secret-env instead of a variable name', async () => {
      // A secret of letters, digits and underscores looks like a variable name, e.g. --secret-env "$SECRET".
      const secretLikeName = 'Sx9_k2PqLw7_Zr4mNt8vYb3cHd6jFg1a';

      const unset = await run(
        ['inspect', TOKEN, '--secret-env', secretLikeName],
        {},
      );
      expect(unset.code).toBe(PANDIUM_CLI_EXIT.usage);
      expect(unset.stderr).toMatch(/--secret-env is not set/);
      expect(unset.all).not.toContain(secretLikeName);

      const expanded = await run(
        ['inspect', TOKEN, '--secret-env', secretLikeName],
        { PANDIUM_SHARED_SECRET: secretLikeName },
      );
      expect(expanded.code).toBe(PANDIUM_CLI_EXIT.usage);
      expect(expanded.stderr).toMatch(
        /is the value of PANDIUM_SHARED_SECRET, not a name: pass --secret-env PANDIUM_SHARED_SECRET/,
      );
      expect(expanded.all).not.toContain(secretLikeName);
    });

    it('should exit 2 for an empty variable', async () => {
      const result = await run(['inspect', TOKEN, '--secret-env', 'EMPTY'], {
        EMPTY: '',
      });

      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(
        /the environment variable named by --secret-env is empty/,
      );
    });
  });

  describe('--secret', () => {
    it.each([
      [['inspect', TOKEN, '--secret', SECRET]],
      [['inspect', TOKEN, `--secret=${SECRET}`]],
      [['inspect', '--secret', SECRET, TOKEN]],
      [['inspect', TOKEN, '--secret']],
    ])('should refuse %#, saying why, without echoing it', async (argv) => {
      const result = await run(argv);

      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(
        /--secret is not accepted: command-line arguments show in `ps` and in shell history/,
      );
      expect(result.stderr).toMatch(/--secret-env PANDIUM_SHARED_SECRET/);
      expect(result.all).not.toContain(SECRET);
    });
  });

  describe('secrets', () => {
    it('should never print the secret, the token or xti.token, in text or JSON, valid or refused', async () => {
      const refusedToken = sign(
        { ...payload, exp: NOW_S - 100, sub: '' },
        'a-different-secret-0123456789-abcdefghij',
      );
      const runs = [
        ['inspect', URL_, '--secret-env', 'PANDIUM_SHARED_SECRET'],
        ['inspect', URL_, '--secret-env', 'PANDIUM_SHARED_SECRET', '--json'],
        ['inspect', refusedToken, '--secret-env', 'PANDIUM_SHARED_SECRET'],
        [
          'inspect',
          refusedToken,
          '--secret-env',
          'PANDIUM_SHARED_SECRET',
          '--json',
          '--account',
          'x',
        ],
      ];

      for (const argv of runs) {
        const { all } = await run(argv);
        expect(all).not.toContain(SECRET);
        expect(all).not.toContain(CONNECTOR_TOKEN);
        expect(all).not.toContain(TOKEN);
        expect(all).not.toContain(refusedToken);
        expect(all).not.toContain(refusedToken.split('.')[2]);
      }
    });
  });
});
