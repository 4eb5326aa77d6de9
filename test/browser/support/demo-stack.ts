// The example app and the embed emulator, each listening on its own loopback port (two origins, as with Pandium):
// what `npm start` runs, through the same zero-config start (src/emulator/dev-emulator.ts), with the test's
// capturing logger: the app signs for the emulator with its random secret, and the emulator posts its webhooks to
// the app's receiver (`/pandium/webhooks/<secret>`), which feeds the Activity panel.
import { startDevEmulator } from '../../../src/emulator/dev-emulator.js';
import type { DevEmulatorEnv } from '../../../src/emulator/dev-emulator.js';
import { capturingLogger } from '../../support/capturing.logger.js';
import { createExampleApp, TEST_ACCOUNT } from '../../support/example-app.js';
import { freePort } from '../../support/free-port.js';

/** The `X-API-KEY` of the emulator's REST API in the browser tests. */
export const BROWSER_API_KEY = 'browser-test-api-key';

/**
 * The random secrets (shared, webhook URL's) of every stack started in this file, for its log leak check: the
 * setup's check knows only the e2e tests' fixed secrets.
 */
export const stackSecrets: string[] = [];

export interface DemoStack {
  /** `http://localhost:<port>`: the example app and its demo page. */
  appOrigin: string;
  /** `http://localhost:<port>`: the emulator standing in for Pandium. */
  emulatorOrigin: string;
  close(): Promise<void>;
}

/**
 * Starts the emulator as `npm start` does and the app with the variables it hands over; `appSecret` makes the app
 * sign with another secret than the emulator's (the "tampered secret" case).
 */
export async function startDemoStack({
  appSecret,
}: { appSecret?: string } = {}): Promise<DemoStack> {
  const [appPort, emulatorPort] = [await freePort(), await freePort()];
  const appOrigin = `http://localhost:${appPort}`;
  const dev = await startDevEmulator(
    {
      PORT: String(appPort),
      PANDIUM_EMULATOR_PORT: String(emulatorPort),
      PANDIUM_ACCOUNT: TEST_ACCOUNT,
      PANDIUM_EMULATOR_API_KEY: BROWSER_API_KEY,
    },
    { logger: capturingLogger },
  );
  if (dev === undefined) {
    throw new Error('startDevEmulator started no emulator');
  }
  stackSecrets.push(
    dev.env.PANDIUM_SHARED_SECRET,
    dev.env.PANDIUM_WEBHOOK_SECRET,
  );
  const env: DevEmulatorEnv = {
    ...dev.env,
    PANDIUM_SHARED_SECRET: appSecret ?? dev.env.PANDIUM_SHARED_SECRET,
  };
  const started: { close(): Promise<void> }[] = [dev];
  try {
    // Statuses, Run now, Uninstall and the webhook receiver: the app as `npm start` sets it up.
    const app = await createExampleApp({ ...env });
    started.push(app);
    await app.listen(appPort, '127.0.0.1');
  } catch (error) {
    await Promise.all(started.map((app) => app.close()));
    throw error;
  }
  return {
    appOrigin,
    emulatorOrigin: dev.origin,
    close: async () => {
      await Promise.all(started.map((app) => app.close()));
    },
  };
}
