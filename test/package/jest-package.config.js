// Package test: packs the library and installs the tarball in a NestJS 12 (ESM) and a NestJS 11 (CommonJS) app
// outside the repo (test/package/hosts/), then calls them over HTTP. Installs take tens of seconds, hence the
// timeouts; one worker, so the two installs and hosts never compete.
import { swcJestTransform, sharedJestConfig } from '../../jest.shared.js';

export default {
  ...sharedJestConfig,
  rootDir: '.',
  testRegex: '\\.package-spec\\.ts$',
  transform: swcJestTransform,
  testPathIgnorePatterns: [
    ...sharedJestConfig.testPathIgnorePatterns,
    '<rootDir>/hosts/',
  ],
  // The host apps are plain JavaScript run by `node` in temp dirs, never by Jest.
  modulePathIgnorePatterns: ['<rootDir>/hosts/'],
  testTimeout: 60_000,
  maxWorkers: 1,
};
