// pandium-embed/testing: the kit for a host app's own e2e tests. Needs @nestjs/testing (an optional peer); the main
// entry never loads this file.

// Overrides: sign with a known secret and a clock that stands still.
export { overridePandiumForTesting } from './pandium-embed-testing.js';
export type { PandiumTesting } from './pandium-embed-testing.js';
export { PandiumTestClock } from './pandium-test.clock.js';
export {
  PANDIUM_TEST_NOW,
  PANDIUM_TEST_SECRET,
} from './pandium-testing.constants.js';
// The strategies' tokens, to replace one strategy in a test (`overrideProvider(PANDIUM_TOKEN_PROVIDER)`).
export {
  PANDIUM_CLAIMS_PROVIDER,
  PANDIUM_INTEGRATION_CATALOG,
  PANDIUM_TOKEN_PROVIDER,
} from '../pandium-embed.tokens.js';

// Checks: what Pandium checks of a signed URL, and the claims it carries.
export { claimsOf } from './pandium-url.verifier.js';
export type { PandiumUrlCheckOptions } from './pandium-url.verifier.js';
export type { PandiumJwtPayload } from '../core/pandium-claims.interface.js';
