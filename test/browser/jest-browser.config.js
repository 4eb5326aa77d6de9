// The real-browser test: the example app, the embed emulator and headless Chromium (Debian's, via playwright-core).
import { swcJestTransform, sharedJestConfig } from '../../jest.shared.js';

export default {
  ...sharedJestConfig,
  rootDir: '.',
  testRegex: '\\.browser-spec\\.ts$',
  transform: swcJestTransform,
  // Browsers start slowly on a cold machine; each step still waits on a condition, never on a fixed delay.
  testTimeout: 60_000,
  // The same log capture and leak check as the e2e tests: nothing the browser flow signs may reach a log line.
  setupFilesAfterEnv: ['<rootDir>/../support/log-check.setup.ts'],
};
