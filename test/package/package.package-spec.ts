// The published shape of pandium-embed: builds and packs the library, checks what the tarball holds, then installs
// the tarball (never the workspace) in two apps outside the repo, a NestJS 12 ES module app and a NestJS 11 CommonJS
// app (test/package/hosts/), starts each with `node` and calls its routes over HTTP. Needs the npm registry.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  tenantTokenOf,
  verifyPandiumToken,
} from '../support/pandium-token.verifier.js';
import {
  abortRunningCommands,
  run,
  startHost,
  startProcess,
  type RunningHost,
} from './processes.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const libraryDir = join(repoRoot, 'libs/pandium-embed');
const hostsDir = fileURLToPath(new URL('./hosts/', import.meta.url));

const INSTALL_TIMEOUT_MS = 150_000;
const INSTALL_URL = '/pandium/integrations/1042/install-url';
/** The `pandium-embed` command's launcher: plain JavaScript outside dist/, so npm can link it before a build. */
const BIN_LAUNCHER = 'bin/pandium-embed.js';

interface PackResult {
  filename: string;
  name: string;
  version: string;
  size: number;
  unpackedSize: number;
  entryCount: number;
  files: { path: string; size: number }[];
}

interface InstalledPackage {
  version: string;
  type?: string;
  main?: string;
  types?: string;
  exports?: Record<string, string | Record<string, string>>;
}

interface InstallUrlBody {
  url: string;
  expiresAt: string;
  expiresIn: number;
  integrationId: string;
}

interface Host {
  name: string;
  /** `type` in the host's package.json: how Node loads its main.js. */
  moduleType: 'module' | undefined;
  /** The major of @nestjs/common, core and platform-express it must end up with. */
  nestMajor: number;
  configMajor: number;
}

const HOSTS: Host[] = [
  { name: 'nest12-esm', moduleType: 'module', nestMajor: 12, configMajor: 12 },
  {
    name: 'nest11-cjs',
    moduleType: undefined,
    nestMajor: 11,
    configMajor: 4,
  },
];

const PEERS = [
  '@nestjs/common',
  '@nestjs/core',
  '@nestjs/config',
  '@nestjs/jwt',
  '@nestjs/platform-express',
  'class-validator',
  'class-transformer',
  'reflect-metadata',
  'rxjs',
];

const majorOf = (version: string): number => Number(version.split('.')[0]);

async function readPackageJson(dir: string): Promise<InstalledPackage> {
  return JSON.parse(
    await readFile(join(dir, 'package.json'), 'utf8'),
  ) as InstalledPackage;
}

let workDir: string;
let packed: PackResult;
let tarball: string;
let packedFiles: string[];

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'pandium-embed-package-'));
  await run('npm', ['run', '--silent', 'build:lib'], repoRoot, 120_000);
  const { stdout } = await run(
    'npm',
    ['pack', '--json', '--pack-destination', workDir],
    libraryDir,
    60_000,
  );
  [packed] = JSON.parse(stdout) as PackResult[];
  tarball = join(workDir, packed.filename);
  packedFiles = packed.files.map(({ path }) => path).sort();
  console.log(
    `${packed.filename}: ${packed.entryCount} files, ${packed.size} bytes packed, ${packed.unpackedSize} unpacked`,
  );
}, 180_000);

afterAll(async () => {
  abortRunningCommands();
  if (workDir) {
    await rm(workDir, { recursive: true, force: true });
  }
});

describe('The packed pandium-embed tarball (package)', () => {
  it('should hold package.json, the README, the licence and the compiled entry point with its types', () => {
    expect(packed.name).toBe('pandium-embed');
    expect(existsSync(tarball)).toBe(true);
    expect(packedFiles).toEqual(
      expect.arrayContaining([
        'package.json',
        'README.md',
        'LICENSE',
        'dist/index.js',
        'dist/index.d.ts',
        BIN_LAUNCHER,
        'dist/cli/main.js',
      ]),
    );
  });

  it('should leave out specs, TypeScript sources, tests, the example app and build info', () => {
    const unwanted = packedFiles.filter(
      (path) =>
        /\.spec\./.test(path) ||
        /\.tsbuildinfo$/.test(path) ||
        /^(src|test|bench|libs|node_modules)\//.test(path) ||
        (path.endsWith('.ts') && !path.endsWith('.d.ts')),
    );
    expect(unwanted).toEqual([]);
    expect(
      packedFiles.filter(
        (path) =>
          !['package.json', 'README.md', 'LICENSE', BIN_LAUNCHER].includes(
            path,
          ),
      ),
    ).toEqual(packedFiles.filter((path) => path.startsWith('dist/')));
  });

  it('should hold only outputs of current sources (no stale files in dist)', () => {
    const sources = packedFiles
      .filter((path) => path.startsWith('dist/') && path.endsWith('.js'))
      .map((path) => path.replace(/^dist\//, 'src/').replace(/\.js$/, '.ts'));
    expect(sources.length).toBeGreaterThan(10);
    // The React entry's components are .tsx.
    expect(
      sources.filter(
        (source) =>
          !existsSync(join(libraryDir, source)) &&
          !existsSync(join(libraryDir, `${source}x`)),
      ),
    ).toEqual([]);
  });

  it('should point main, types and every export at files it holds (the monorepo-only source condition aside)', async () => {
    const manifest = await readPackageJson(libraryDir);
    const targets = [manifest.main, manifest.types];
    for (const entry of Object.values(manifest.exports ?? {})) {
      if (typeof entry === 'string') {
        targets.push(entry);
      } else {
        for (const [condition, target] of Object.entries(entry)) {
          // Resolves to ./src/index.ts inside this repo only (tsconfig customConditions, Jest): no host sets it.
          if (condition !== 'pandium-embed-source') {
            targets.push(target);
          }
        }
      }
    }
    expect(targets.length).toBeGreaterThanOrEqual(4);
    for (const target of targets) {
      expect(packedFiles).toContain(target?.replace(/^\.\//, ''));
    }
  });
});

describe.each(HOSTS)(
  'A $name app using the packed library (package)',
  (host) => {
    const account = `acme-${host.name}`;
    const sharedSecret = randomBytes(32).toString('base64url');
    const webhookSecret = randomBytes(32).toString('base64url');
    let hostDir: string;
    let app: RunningHost | undefined;

    beforeAll(async () => {
      hostDir = join(workDir, host.name);
      await cp(join(hostsDir, host.name), hostDir, { recursive: true });
      const installStart = Date.now();
      await run(
        'npm',
        ['install', '--no-audit', '--no-fund', tarball],
        hostDir,
        INSTALL_TIMEOUT_MS,
      );
      const installMs = Date.now() - installStart;
      const bootStart = Date.now();
      app = await startHost(
        hostDir,
        {
          PANDIUM_ACCOUNT: account,
          PANDIUM_SHARED_SECRET: sharedSecret,
          PANDIUM_WEBHOOK_SECRET: webhookSecret,
        },
        30_000,
      );
      const bootMs = Date.now() - bootStart;
      const versions = await Promise.all(
        ['pandium-embed', ...PEERS].map(
          async (name) =>
            `${name}@${(await readPackageJson(join(hostDir, 'node_modules', name))).version}`,
        ),
      );
      console.log(
        `${host.name}: npm install ${installMs} ms, boot ${bootMs} ms; ${versions.join(', ')}`,
      );
    }, INSTALL_TIMEOUT_MS + 60_000);

    afterAll(async () => {
      await app?.stop();
    });

    const get = (path: string, user?: string): Promise<Response> =>
      fetch(`${app?.url}${path}`, {
        headers: user === undefined ? {} : { 'x-user': user },
      });

    it(`should install the tarball with NestJS ${host.nestMajor} peers from the app, one copy of each`, async () => {
      const appPackage = await readPackageJson(hostDir);
      expect(appPackage.type).toBe(host.moduleType);

      const library = await readPackageJson(
        join(hostDir, 'node_modules/pandium-embed'),
      );
      expect(library.version).toBe(packed.version);
      const lock = JSON.parse(
        await readFile(join(hostDir, 'package-lock.json'), 'utf8'),
      ) as { packages: Record<string, { resolved?: string }> };
      expect(lock.packages['node_modules/pandium-embed'].resolved).toMatch(
        /^file:.*\.tgz$/,
      );

      for (const name of [
        '@nestjs/common',
        '@nestjs/core',
        '@nestjs/platform-express',
      ]) {
        const { version } = await readPackageJson(
          join(hostDir, 'node_modules', name),
        );
        expect(`${name}@${majorOf(version)}`).toBe(`${name}@${host.nestMajor}`);
      }
      const config = await readPackageJson(
        join(hostDir, 'node_modules/@nestjs/config'),
      );
      expect(majorOf(config.version)).toBe(host.configMajor);
      // The library takes Nest as peers: a copy of its own would be a second DI container's classes.
      expect(
        existsSync(join(hostDir, 'node_modules/pandium-embed/node_modules')),
      ).toBe(false);
    });

    it('should serve a signed install URL with the claims and token of the app’s own providers', async () => {
      const response = await get(INSTALL_URL, 'u-42');
      const text = await response.text();

      expect({ status: response.status, text }).toMatchObject({ status: 200 });
      expect(response.headers.get('cache-control')).toBe('no-store');
      const body = JSON.parse(text) as InstallUrlBody;
      expect(body).toMatchObject({ integrationId: '1042', expiresIn: 300 });
      expect(body.url).toMatch(
        new RegExp(
          `^https://imp\\.sandbox\\.pandium\\.com/${account}/tenants/create/1042\\?tenant=[\\w-]+\\.[\\w-]+\\.[\\w-]+$`,
        ),
      );

      const { payload } = await verifyPandiumToken(
        tenantTokenOf(body.url),
        sharedSecret,
      );
      expect(payload).toMatchObject({
        sub: 'u-42',
        ti: {
          udn: 'Acme Corp',
          ufn: 'User u-42',
          uem: 'u-42@acme.test',
          xti: {
            user_group: 'growth',
            embed_kind: 'install',
            connector_name: 'gwt',
            integration_name: 'gwt2hs',
            token: `${host.name}:u-42`,
          },
        },
      });
    });

    it('should run the pandium-embed bin: inspect verifies a URL the app signed, with the secret from an env var', async () => {
      const { url } = (await (
        await get(INSTALL_URL, 'u-42')
      ).json()) as InstallUrlBody;
      const inspect = (secret: string): Promise<{ stdout: string }> =>
        run(
          join(hostDir, 'node_modules/.bin/pandium-embed'),
          [
            'inspect',
            url,
            '--secret-env',
            'HOST_PANDIUM_SECRET',
            '--account',
            account,
          ],
          hostDir,
          30_000,
          { HOST_PANDIUM_SECRET: secret },
        );

      const { stdout } = await inspect(sharedSecret);
      expect(stdout).toMatch(/\bvalid\s*$/);
      expect(stdout).toContain('u-42@acme.test');
      expect(stdout).not.toContain(sharedSecret);
      await expect(inspect(`${sharedSecret}-not-it`)).rejects.toThrow(
        /signature-mismatch/,
      );
    });

    it('should run `pandium-embed doctor`: exit 0 for the app’s own variables, 1 naming PANDIUM_SHARED_SECRET for a short one', async () => {
      const doctor = (secret: string): Promise<{ stdout: string }> =>
        run(
          join(hostDir, 'node_modules/.bin/pandium-embed'),
          ['doctor', '--json'],
          hostDir,
          30_000,
          {
            NODE_ENV: 'development',
            PANDIUM_ACCOUNT: account,
            PANDIUM_SHARED_SECRET: secret,
            // No API key: the probe only reads a Date header, from the running app standing in for Pandium's API.
            PANDIUM_API_BASE_URL: app?.url ?? '',
          },
        );

      const { stdout } = await doctor(sharedSecret);
      expect(JSON.parse(stdout)).toMatchObject({ ok: true });
      expect(stdout).not.toContain(sharedSecret);
      await expect(doctor('short')).rejects.toThrow(
        /"variable": "PANDIUM_SHARED_SECRET"/,
      );
    });

    it('should run `npx pandium-embed emulator`: it verifies a URL the app signed, and stops on SIGTERM', async () => {
      const { url } = (await (
        await get(INSTALL_URL, 'u-42')
      ).json()) as InstallUrlBody;
      const emulator = await startProcess(
        'npx',
        [
          '--no-install',
          'pandium-embed',
          'emulator',
          '--secret-env',
          'HOST_PANDIUM_SECRET',
          '--account',
          account,
          '--port',
          '0',
        ],
        {
          cwd: hostDir,
          env: { HOST_PANDIUM_SECRET: sharedSecret },
          timeoutMs: 30_000,
          listening: /Pandium embed emulator on (http:\/\/localhost:\d+) /,
        },
      );
      try {
        const { pathname, search } = new URL(url);
        const page = await fetch(`${emulator.url}${pathname}${search}`, {
          headers: { accept: 'application/json' },
        });
        expect(page.status).toBe(200);
        expect(await page.json()).toMatchObject({
          valid: true,
          target: { kind: 'install', account, integrationId: '1042' },
        });
        expect(emulator.output()).not.toContain(sharedSecret);
      } finally {
        await emulator.stop();
      }
    });

    it('should load the root and browser entries without react, which only pandium-embed/react needs', async () => {
      // React is an optional peer: npm leaves it out of an app that does not ask for it.
      expect(existsSync(join(hostDir, 'node_modules/react'))).toBe(false);
      const load = (entry: string): Promise<{ stdout: string }> =>
        run(
          process.execPath,
          [
            '--input-type=module',
            '-e',
            `const entry = await import('${entry}'); console.log(Object.keys(entry).length);`,
          ],
          hostDir,
          30_000,
        );

      for (const entry of ['pandium-embed', 'pandium-embed/browser']) {
        expect(Number((await load(entry)).stdout)).toBeGreaterThan(5);
      }
      await expect(load('pandium-embed/react')).rejects.toThrow(
        /Cannot find (package|module) 'react/,
      );
    });

    it('should receive a webhook and hand it to its handler, without @nestjs/event-emitter installed', async () => {
      const post = (secret: string) =>
        fetch(`${app?.url}/pandium/webhooks/${secret}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            event_type: 'tenant_created',
            tenant_id: 1,
            integration_id: 1042,
          }),
        });

      expect(
        existsSync(join(hostDir, 'node_modules/@nestjs/event-emitter')),
      ).toBe(false);
      expect((await post(webhookSecret)).status).toBe(202);
      expect((await post(randomBytes(32).toString('base64url'))).status).toBe(
        404,
      );
      // The handler runs after the answer; its line follows (bounded by count, not time).
      for (let attempt = 0; attempt < 100; attempt += 1) {
        if (app?.output().includes('pandium-embed webhook tenant_created')) {
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(app?.output()).toContain('pandium-embed webhook tenant_created');
      expect(app?.output()).not.toContain(webhookSecret);
    });

    it('should answer 401 when the app’s guard found no user', async () => {
      const response = await get(INSTALL_URL);

      expect(response.status).toBe(401);
      expect(await response.text()).not.toContain('tenant=');
    });

    it('should list the catalog and refuse a malformed id (400) or an unknown one (404)', async () => {
      const list = await get('/pandium/integrations', 'u-42');
      expect(list.status).toBe(200);
      expect(await list.json()).toEqual([
        { id: '1042', name: 'gwt2hs', connectorName: 'gwt' },
      ]);

      expect(
        (await get('/pandium/integrations/a*b/install-url', 'u-42')).status,
      ).toBe(400);
      expect(
        (await get('/pandium/integrations/9999/install-url', 'u-42')).status,
      ).toBe(404);
    });
  },
);

describe('A strict TypeScript consumer of every entry point (package)', () => {
  it(
    'should type-check against the tarball’s declarations: server, testing, diagnosis, browser, react, redis, swagger, emulator and terminus',
    async () => {
      const consumerDir = join(workDir, 'ts-consumer');
      await cp(join(hostsDir, 'ts-consumer'), consumerDir, { recursive: true });
      await run(
        'npm',
        ['install', '--no-audit', '--no-fund', tarball],
        consumerDir,
        INSTALL_TIMEOUT_MS,
      );

      // The consumer has react: the React entry loads in Node (its components render only in a browser).
      const { stdout } = await run(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          "console.log(Object.keys(await import('pandium-embed/react')).sort().join(' '))",
        ],
        consumerDir,
        30_000,
      );
      expect(stdout.trim()).toBe(
        'PandiumInstall PandiumMarketplace usePandiumIntegrations',
      );

      const tsc = join(consumerDir, 'node_modules/typescript/bin/tsc');
      // Rejects with every compiler error when a declaration, an `exports` entry or a public type is missing.
      await expect(
        run(process.execPath, [tsc, '-p', '.'], consumerDir, 120_000),
      ).resolves.toMatchObject({ stdout: '' });
    },
    INSTALL_TIMEOUT_MS + 120_000,
  );
});
