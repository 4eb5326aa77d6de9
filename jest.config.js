// Unit tests: the library's specs beside its sources, and the example app's.
// Nest 12 is ESM-only, so Jest runs in ESM mode (NODE_OPTIONS=--experimental-vm-modules, set by the npm scripts).
import { swcJestTransform, sharedJestConfig } from './jest.shared.js';

export default {
  ...sharedJestConfig,
  rootDir: '.',
  roots: ['<rootDir>/libs/pandium-embed/src', '<rootDir>/src'],
  testRegex: '\\.spec\\.tsx?$',
  transform: swcJestTransform,
};
