// The browser entry declares its own copies of the server's catalog types (its build sees only src/browser): these
// checks fail when the two drift apart, the states at run time and the shapes at type-check time.
import { PANDIUM_INTEGRATION_STATES } from '../core/pandium-integration-status.interface.js';
import type * as Server from '../core/pandium-integration-status.interface.js';
import type {
  PandiumCatalogEntry,
  PandiumIntegrationState,
  PandiumIntegrationStatus,
} from './pandium-catalog-entry.interface.js';

/** `true` when each type is assignable to the other, `false` otherwise. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

// `npm run typecheck` refuses a `true` where a shape drifted (Jest's transform does not type-check).
const SAME_SHAPES: [
  Same<PandiumIntegrationState, Server.PandiumIntegrationState>,
  Same<PandiumIntegrationStatus, Server.PandiumIntegrationStatus>,
  Same<PandiumCatalogEntry, Server.PandiumCatalogEntry>,
] = [true, true, true];

// A record over the browser's union, so a state added to it and not here is a compile error.
const BROWSER_STATES: Record<PandiumIntegrationState, true> = {
  'not-installed': true,
  installed: true,
  paused: true,
  disconnected: true,
  failing: true,
  unknown: true,
};

describe("the browser's catalog types", () => {
  it('should name the states the server sends, no more and no fewer', () => {
    expect(Object.keys(BROWSER_STATES).sort()).toEqual(
      [...PANDIUM_INTEGRATION_STATES].sort(),
    );
    expect(SAME_SHAPES).toEqual([true, true, true]);
  });
});
