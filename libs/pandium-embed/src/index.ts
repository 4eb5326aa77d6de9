export * from './core/claims-provider.interface.js';
export * from './core/integration-catalog.interface.js';
export * from './api-catalog/pandium-api-catalog-options.interface.js';
export * from './core/pandium-claims.interface.js';
export * from './core/pandium-clock.interface.js';
export * from './options/pandium-embed-module-options.interface.js';
export * from './instances/pandium-embed-router-options.interface.js';
export * from './core/pandium-embed-url.interface.js';
export * from './instances/pandium-instance-selector.interface.js';
export * from './core/pandium-integration.interface.js';
export * from './core/pandium-link-source.interface.js';
export * from './launch/pandium-launch-ticket-store.interface.js';
export * from './launch/pandium-launch-ticket.interface.js';
export * from './launch/pandium-launch-ticket-source.interface.js';
export * from './rate-limit/pandium-rate-limit-store.interface.js';
export * from './core/token-provider.interface.js';
export { InstallUrlParamsDto } from './http/install-url-params.dto.js';
export { LaunchTicketRequestDto } from './launch/launch-ticket-request.dto.js';
export { PandiumAuthenticatedGuard } from './http/pandium-authenticated.guard.js';
export {
  loadPandiumEnvironment,
  pandiumConfig,
  PANDIUM_DEVELOPMENT_ACCOUNT,
  PANDIUM_ENV_VARIABLES,
} from './options/pandium-embed.config.js';
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
  getPandiumLaunchTicketServiceToken,
  getPandiumUrlBuilderToken,
} from './pandium-embed.tokens.js';
export { PandiumEmbedController } from './http/pandium-embed.controller.js';
export { PandiumLaunchController } from './launch/pandium-launch.controller.js';
export type { PandiumLaunchRedirect } from './launch/pandium-launch.controller.js';
export { PandiumLaunchTicketController } from './launch/pandium-launch-ticket.controller.js';
export { PandiumLaunchErrorFilter } from './launch/pandium-launch-error.filter.js';
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
} from './errors/pandium-embed.exceptions.js';
export { PandiumEmbedModule } from './module/pandium-embed.module.js';
export { PandiumEmbedRouterModule } from './module/pandium-embed-router.module.js';
export { PandiumInstanceRouter } from './instances/pandium-instance.router.js';
export { PandiumNoInputGuard } from './http/pandium-no-input.guard.js';
export { PandiumRateLimitGuard } from './rate-limit/pandium-rate-limit.guard.js';
export { PandiumLaunchRateLimitGuard } from './rate-limit/pandium-launch-rate-limit.guard.js';
export { InMemoryRateLimitStore } from './rate-limit/in-memory-rate-limit.store.js';
export { InMemoryLaunchTicketStore } from './launch/in-memory-launch-ticket.store.js';
export { redactTenantToken } from './signing/redact-tenant-token.util.js';
export { PandiumApiIntegrationCatalog } from './api-catalog/pandium-api-integration.catalog.js';
export { PandiumEmbedService } from './core/pandium-embed.service.js';
export { PandiumLaunchTicketService } from './launch/pandium-launch-ticket.service.js';
export { PandiumJwtSigner } from './signing/pandium-jwt.signer.js';
export type {
  PandiumSignedToken,
  PandiumXtiBase,
} from './signing/pandium-jwt.signer.js';
export { PandiumUrlBuilder } from './signing/pandium-url.builder.js';
export { StaticIntegrationCatalog } from './core/static-integration.catalog.js';
