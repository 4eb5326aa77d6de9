export * from './interfaces/index.js';
export { InstallUrlParamsDto } from './dto/install-url-params.dto.js';
export { LaunchTicketRequestDto } from './dto/launch-ticket-request.dto.js';
export { PandiumAuthenticatedGuard } from './pandium-authenticated.guard.js';
export {
  loadPandiumEnvironment,
  pandiumConfig,
  PANDIUM_DEVELOPMENT_ACCOUNT,
  PANDIUM_ENV_VARIABLES,
} from './pandium-embed.config.js';
export {
  PANDIUM_CLAIMS_PROVIDER,
  PANDIUM_CLOCK,
  PANDIUM_EMBED_MODULE_OPTIONS,
  PANDIUM_INSTANCE_SELECTOR,
  PANDIUM_INTEGRATION_CATALOG,
  PANDIUM_LAUNCH_TICKET_STORE,
  PANDIUM_RATE_LIMIT_STORE,
  PANDIUM_TOKEN_PROVIDER,
  getPandiumEmbedServiceToken,
  getPandiumJwtSignerToken,
  getPandiumUrlBuilderToken,
} from './pandium-embed.constants.js';
export { PandiumEmbedController } from './pandium-embed.controller.js';
export { PandiumLaunchController } from './pandium-launch.controller.js';
export type { PandiumLaunchRedirect } from './pandium-launch.controller.js';
export { PandiumLaunchTicketController } from './pandium-launch-ticket.controller.js';
export { PandiumLaunchErrorFilter } from './pandium-launch-error.filter.js';
export * from './pandium-embed.decorators.js';
export {
  PandiumApiError,
  PandiumEmbedError,
  PandiumIntegrationNotFoundException,
  PandiumLaunchTicketGoneException,
  PandiumLaunchTicketNotFoundException,
  PandiumLaunchUnavailableException,
  PandiumOptionsError,
  PandiumRateLimitUnavailableException,
  PandiumStrategyError,
  PandiumStrategyFailedException,
  PandiumStrategyTimeoutException,
  PandiumTokenTooLargeError,
  PandiumUnauthenticatedException,
} from './pandium-embed.exceptions.js';
export { PandiumEmbedModule } from './pandium-embed.module.js';
export { PandiumEmbedRouterModule } from './pandium-embed-router.module.js';
export { PandiumInstanceRouter } from './pandium-instance.router.js';
export { PandiumNoInputGuard } from './pandium-no-input.guard.js';
export { PandiumRateLimitGuard } from './pandium-rate-limit.guard.js';
export { PandiumLaunchRateLimitGuard } from './pandium-launch-rate-limit.guard.js';
export { InMemoryRateLimitStore } from './in-memory-rate-limit.store.js';
export { InMemoryLaunchTicketStore } from './in-memory-launch-ticket.store.js';
export { redactTenantToken } from './utils/redact-tenant-token.util.js';
export { PandiumApiIntegrationCatalog } from './pandium-api-integration.catalog.js';
export { PandiumEmbedService } from './pandium-embed.service.js';
export { PandiumJwtSigner } from './pandium-jwt.signer.js';
export type {
  PandiumLaunchTicketCheck,
  PandiumSignedLaunchTicket,
  PandiumSignedToken,
  PandiumXtiBase,
} from './pandium-jwt.signer.js';
export { PandiumUrlBuilder } from './pandium-url.builder.js';
export { StaticIntegrationCatalog } from './static-integration.catalog.js';
