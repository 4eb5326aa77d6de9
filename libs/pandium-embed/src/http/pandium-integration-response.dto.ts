import type { PandiumCatalogEntry } from '../core/pandium-integration-status.interface.js';
import type { PandiumIntegrationStatusResponseDto } from './pandium-integration-status-response.dto.js';

/**
 * One item of `GET <prefix>/integrations`: an integration this user may install. The class form of
 * {@link PandiumCatalogEntry}, for the OpenAPI document.
 *
 * @publicApi
 */
export class PandiumIntegrationResponseDto implements PandiumCatalogEntry {
  /** Pandium's integration id (numeric in Pandium's API), the `<integration_id>` of the install URL. */
  id!: string;
  /** The integration's programmatic name. */
  name!: string;
  /** The programmatic name of the integration's connector. */
  connectorName!: string;
  /** A name to show people, when it differs from `name`. */
  displayName?: string;
  /** The user's status for the integration, when the module has an `apiKey`. */
  status?: PandiumIntegrationStatusResponseDto;
}
