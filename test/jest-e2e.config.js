// End-to-end tests: each scenario boots an app and talks to it over HTTP with supertest.
import { swcJestTransform, sharedJestConfig } from '../jest.shared.js';

export default {
  ...sharedJestConfig,
  rootDir: '.',
  testRegex: '\\.e2e-spec\\.ts$',
  transform: swcJestTransform,
};
