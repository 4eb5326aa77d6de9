// The example app and the embed emulator, each listening on its own loopback port (two origins, as with Pandium):
// what `npm start` runs, built from the same pieces, with the test's capturing logger.
import { startPandiumEmulator } from 'pandium-embed/emulator';
import { capturingLogger } from '../../support/capturing.logger.js';
import {
  createExampleApp,
  DEMO_INTEGRATIONS,
  TEST_ACCOUNT,
  TEST_PANDIUM_SECRET,
} from '../../support/example-app.js';
import { freePort } from '../../support/free-port.js';

/** The `X-API-KEY` of the emulator's REST API in the browser tests. */
export const BROWSER_API_KEY = 'browser-test-api-key';

export interface DemoStack {
  /** `http://localhost:<port>`: the example app and its demo page. */
  appOrigin: string;
  /** `http://localhost:<port>`: the emulator standing in for Pandium. */
  emulatorOrigin: string;
  close(): Promise<void>;
}

/**
 * Starts the emulator with `emulatorSecret` and the app signing with `appSecret` (the same by default: a different
 * one is the "tampered secret" case).
 */
export async function startDemoStack({
  appSecret = TEST_PANDIUM_SECRET,
  emulatorSecret = TEST_PANDIUM_SECRET,
} = {}): Promise<DemoStack> {
  const [appPort, emulatorPort] = [await freePort(), await freePort()];
  const appOrigin = `http://localhost:${appPort}`;
  const emulatorOrigin = `http://localhost:${emulatorPort}`;
  const started: { close(): Promise<void> }[] = [];
  try {
    const emulator = await startPandiumEmulator({
      account: TEST_ACCOUNT,
      sharedSecret: emulatorSecret,
      hostOrigin: appOrigin,
      apiKey: BROWSER_API_KEY,
      integrations: DEMO_INTEGRATIONS,
      port: emulatorPort,
      logger: capturingLogger,
    });
    started.push(emulator);
    const app = await createExampleApp({
      PANDIUM_BASE_URL: emulatorOrigin,
      PANDIUM_SHARED_SECRET: appSecret,
      // Statuses, Run now and Uninstall: the app reads the emulator's REST API, as `npm start` sets it up.
      PANDIUM_API_KEY: BROWSER_API_KEY,
      PANDIUM_API_BASE_URL: emulatorOrigin,
    });
    started.push(app);
    await app.listen(appPort, '127.0.0.1');
  } catch (error) {
    await Promise.all(started.map((app) => app.close()));
    throw error;
  }
  return {
    appOrigin,
    emulatorOrigin,
    close: async () => {
      await Promise.all(started.map((app) => app.close()));
    },
  };
}
