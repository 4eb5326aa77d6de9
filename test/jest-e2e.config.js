// End-to-end tests: each scenario boots an app and talks to it over HTTP (supertest, or a raw client on port 0).
import { swcJestTransform, sharedJestConfig } from '../jest.shared.js';

export default {
  ...sharedJestConfig,
  rootDir: '.',
  testRegex: '\\.e2e-spec\\.ts$',
  transform: swcJestTransform,
  // Captures every app's logs and, after each file, checks that no secret or token was logged.
  setupFilesAfterEnv: ['<rootDir>/support/log-check.setup.ts'],
};
