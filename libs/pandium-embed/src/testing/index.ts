export { overridePandiumForTesting } from './pandium-embed-testing.js';
export type { PandiumTesting } from './pandium-embed-testing.js';
export { PandiumTestClock } from './pandium-test.clock.js';
export {
  PANDIUM_TEST_NOW,
  PANDIUM_TEST_SECRET,
} from './pandium-testing.constants.js';
export { claimsOf } from './pandium-url.verifier.js';
export type { PandiumUrlCheckOptions } from './pandium-url.verifier.js';
