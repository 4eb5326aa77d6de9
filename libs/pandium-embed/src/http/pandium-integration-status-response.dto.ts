import type {
  PandiumIntegrationState,
  PandiumIntegrationStatus,
} from '../core/pandium-integration-status.interface.js';

/**
 * The `status` of an item of `GET <prefix>/integrations`, when the module has an `apiKey`. The class form of
 * {@link PandiumIntegrationStatus}, for the OpenAPI document.
 *
 * @publicApi
 */
export class PandiumIntegrationStatusResponseDto implements PandiumIntegrationStatus {
  /** Where the user stands with the integration. */
  state!: PandiumIntegrationState;
  /** Pandium's id of the user's tenant, when they have one. */
  tenantId?: number;
  /** When the last run completed (or started, while it runs). */
  lastRunAt?: string;
  /** The last run's phase, as Pandium gave it. */
  lastRunStatus?: string;
  /** When the last successful run completed. */
  lastSuccessfulRunAt?: string;
}
