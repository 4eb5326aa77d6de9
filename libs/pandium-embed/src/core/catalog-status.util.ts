import type {
  PandiumCatalogEntry,
  PandiumIntegrationStatus,
} from './pandium-integration-status.interface.js';
import type { PandiumIntegration } from './pandium-integration.interface.js';

/**
 * Copies of the catalog's entries, each with the user's status: theirs from `statuses`, `not-installed` when they
 * have no live tenant for it, `unknown` for every entry when `statuses` could not be read.
 *
 * @internal
 */
export function withStatuses(
  integrations: readonly PandiumIntegration[],
  statuses: ReadonlyMap<string, PandiumIntegrationStatus> | undefined,
): PandiumCatalogEntry[] {
  return integrations.map((integration) => {
    const status: PandiumIntegrationStatus =
      statuses === undefined
        ? { state: 'unknown' }
        : (statuses.get(integration.id) ?? { state: 'not-installed' });
    return { ...integration, status: { ...status } };
  });
}
