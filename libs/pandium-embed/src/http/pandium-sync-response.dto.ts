import type { PandiumSyncResult } from '../core/pandium-integration-actions.interface.js';

/**
 * The body of `POST <prefix>/integrations/:integrationId/sync`: Pandium's trigger id of the run it started. The class
 * form of {@link PandiumSyncResult}, for the OpenAPI document.
 *
 * @publicApi
 */
export class PandiumSyncResponseDto implements PandiumSyncResult {
  /** Pandium's `trigger_id`, as a string. */
  triggerId!: string;
}
