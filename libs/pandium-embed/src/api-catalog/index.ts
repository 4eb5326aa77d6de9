// pandium-embed/api-catalog: the integrations catalog read from Pandium's REST API (`GET /v2/integrations`), for
// `integrationCatalog: PandiumApiIntegrationCatalog`. The static catalog is the main entry's `integrations` option.
export { PandiumApiIntegrationCatalog } from './pandium-api-integration.catalog.js';
export type {
  PandiumApiCatalogOptions,
  PandiumApiIntegration,
} from './pandium-api-catalog-options.interface.js';
export { PandiumApiError } from '../errors/pandium-api.error.js';
