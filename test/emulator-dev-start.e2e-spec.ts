// The example app's zero-config start (src/emulator/dev-emulator.ts) of the shipped emulator, as `npm start` runs it.
import type { INestApplication } from '@nestjs/common';
import type { App } from 'supertest/types.js';
import { startDevEmulator } from '../src/emulator/dev-emulator.js';
import { capturingLogger } from './support/capturing.logger.js';
import {
  createExampleApp,
  signedUrlResponse,
  TEST_PANDIUM_SECRET,
} from './support/example-app.js';
import { signedUrl } from './support/emulator-stack.js';

describe('Zero-config start: startDevEmulator (e2e)', () => {
  it('should start an emulator and point the app at it with one random secret when no PANDIUM_* is set', async () => {
    const mark = capturingLogger.mark();
    const dev = await startDevEmulator(
      { PANDIUM_EMULATOR_PORT: '0' },
      { logger: capturingLogger },
    );
    expect(dev).toBeDefined();
    let app: INestApplication<App> | undefined;
    try {
      expect(dev!.env.PANDIUM_BASE_URL).toBe(dev!.origin);
      expect(dev!.origin).toMatch(/^http:\/\/localhost:\d+$/);
      expect(dev!.env.PANDIUM_SHARED_SECRET).toMatch(/^[\w-]{43}$/);

      // The app as `npm start` creates it: development defaults, with what the helper returned.
      app = await createExampleApp({
        PANDIUM_ACCOUNT: undefined,
        PANDIUM_SHARED_SECRET: dev!.env.PANDIUM_SHARED_SECRET,
        PANDIUM_BASE_URL: dev!.env.PANDIUM_BASE_URL,
        PANDIUM_API_KEY: dev!.env.PANDIUM_API_KEY,
        PANDIUM_API_BASE_URL: dev!.env.PANDIUM_API_BASE_URL,
      });
      expect(dev!.env.PANDIUM_API_BASE_URL).toBe(dev!.origin);
      // The emulator's key reaches the app: the catalog has statuses read from the emulator.
      const catalog = await signedUrlResponse(app, '/pandium/integrations');
      expect(catalog).toContainEqual(
        expect.objectContaining({
          id: '1042',
          status: { state: 'not-installed' },
        }),
      );
      const url = await signedUrl(app);
      expect(url.startsWith(`${dev!.origin}/pandium-embed-demo/`)).toBe(true);
      const page = await fetch(url, {
        headers: { accept: 'application/json' },
      });
      expect(page.status).toBe(200);
      expect(await page.json()).toMatchObject({ valid: true });

      const logs = capturingLogger.since(mark);
      const text = logs.map((entry) => entry.text).join('\n');
      expect(text).toContain(`Pandium embed emulator on ${dev!.origin}`);
      expect(text).not.toContain(dev!.env.PANDIUM_SHARED_SECRET);
      expect(text).not.toContain(dev!.env.PANDIUM_API_KEY);
      expect(
        logs
          .filter(({ level }) => level === 'warn')
          .map(({ message }) => message),
      ).not.toContainEqual(expect.stringContaining('PANDIUM_SHARED_SECRET'));
    } finally {
      await app?.close();
      await dev!.close();
    }
  });

  it.each([
    ['PANDIUM_SHARED_SECRET', { PANDIUM_SHARED_SECRET: TEST_PANDIUM_SECRET }],
    [
      'PANDIUM_BASE_URL',
      { PANDIUM_BASE_URL: 'https://imp.sandbox.pandium.com' },
    ],
    ['PANDIUM_ENVIRONMENT', { PANDIUM_ENVIRONMENT: 'sandbox' }],
    ['PANDIUM_EMULATOR=off', { PANDIUM_EMULATOR: 'off' }],
    ['NODE_ENV=production', { NODE_ENV: 'production' }],
  ])('should start nothing with %s set', async (_name, env) => {
    const started = await startDevEmulator(
      { PANDIUM_EMULATOR_PORT: '0', ...env },
      { logger: capturingLogger },
    );
    await started?.close();

    expect(started).toBeUndefined();
  });

  it('should name a bad variable', async () => {
    await expect(
      startDevEmulator({ PANDIUM_EMULATOR_PORT: 'soon' }),
    ).rejects.toThrow(/PANDIUM_EMULATOR_PORT must be a port number/);
    await expect(
      startDevEmulator({ PANDIUM_EMULATOR: 'maybe' }),
    ).rejects.toThrow(/PANDIUM_EMULATOR must be on or off/);
  });

  it("should refuse the host app's own port, before taking it", async () => {
    /** The error startDevEmulator throws; an emulator it started instead is closed. */
    const failureOf = async (env: NodeJS.ProcessEnv) => {
      const started = await startDevEmulator(env, {
        logger: capturingLogger,
      }).catch((error: Error) => error);
      if (started instanceof Error) {
        return started.message;
      }
      await started?.close();
      return 'started';
    };

    expect(await failureOf({ PANDIUM_EMULATOR_PORT: '3000' })).toMatch(
      /PANDIUM_EMULATOR_PORT is 3000, the host app's PORT/,
    );
    expect(await failureOf({ PORT: '3100' })).toMatch(
      /PANDIUM_EMULATOR_PORT is 3100, the host app's PORT/,
    );
  });

  it('should say which variable to change when its port is taken', async () => {
    const first = await startDevEmulator(
      { PANDIUM_EMULATOR_PORT: '0' },
      { logger: capturingLogger },
    );
    try {
      const port = new URL(first!.origin).port;
      await expect(
        startDevEmulator(
          { PANDIUM_EMULATOR_PORT: port },
          { logger: capturingLogger },
        ),
      ).rejects.toThrow(/PANDIUM_EMULATOR_PORT is \d+, a port already in use/);
    } finally {
      await first!.close();
    }
  });
});
