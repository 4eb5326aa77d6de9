// pandium-embed: the public API, what a host app writes against. Everything else in src/ is internal; the
// subpath entries (api-catalog, stores, testing, diagnosis, browser, redis, swagger) have their own index.ts. The whole surface is
// recorded in api/*.api.md (npm run api:update); `npm run api:check` fails when it changes without them.

// Module: registration (forRoot / forRootAsync), one set of routes for several named instances.
export { PandiumEmbedModule } from './module/pandium-embed.module.js';
export { PandiumEmbedRouterModule } from './module/pandium-embed-router.module.js';

// Services: signed URLs, launch tickets, their counterpart across named instances, and what they answer.
export { PandiumEmbedService } from './core/pandium-embed.service.js';
export { PandiumLaunchTicketService } from './launch/pandium-launch-ticket.service.js';
export { PandiumInstanceRouter } from './instances/pandium-instance.router.js';
export type {
  PandiumEmbedUrl,
  PandiumInstallUrl,
} from './core/pandium-embed-url.interface.js';
export type { PandiumLaunchTicket } from './launch/pandium-launch-ticket.interface.js';
export type { PandiumLaunchTarget } from './launch/pandium-launch-ticket-store.interface.js';
export type {
  PandiumCatalogEntry,
  PandiumIntegrationState,
  PandiumIntegrationStatus,
} from './core/pandium-integration-status.interface.js';
export type { PandiumSyncResult } from './core/pandium-integration-actions.interface.js';

// Strategies: the host app's code the library calls, and the types they take and return.
export type { ClaimsProvider } from './core/claims-provider.interface.js';
export type { TokenProvider } from './core/token-provider.interface.js';
export type { IntegrationCatalog } from './core/integration-catalog.interface.js';
export type { PandiumInstanceSelector } from './instances/pandium-instance-selector.interface.js';
export type {
  PandiumEmbedTarget,
  PandiumIntegration,
} from './core/pandium-integration.interface.js';
export type {
  PandiumJsonValue,
  PandiumTenantInfo,
  PandiumUserClaims,
  PandiumXtiExtras,
} from './core/pandium-claims.interface.js';
export type { PandiumClock } from './core/pandium-clock.interface.js';
export type { PandiumLaunchUserSerializer } from './launch/pandium-launch-user-serializer.interface.js';

// Options: what forRoot / forRootAsync and PandiumEmbedRouterModule.forRoot take, and the environment config.
export type {
  PandiumEmbedModuleOptions,
  PandiumEmbedOptionsFactory,
  PandiumEnvironment,
} from './options/pandium-embed-module-options.interface.js';
export type { PandiumEmbedModuleExtras } from './module/pandium-embed-module-extras.interface.js';
export type { PandiumStrategy } from './options/pandium-strategy.interface.js';
export type {
  PandiumEmbedControllerOptions,
  PandiumLaunchRouteOptions,
} from './http/pandium-embed-controller-options.interface.js';
export type { PandiumRateLimitOptions } from './rate-limit/pandium-rate-limit-options.interface.js';
export type { PandiumEmbedRouterOptions } from './instances/pandium-embed-router-options.interface.js';
export {
  loadPandiumEnvironment,
  pandiumConfig,
} from './options/pandium-embed.config.js';
export { PandiumSecret } from './options/pandium.secret.js';

// Webhooks: Pandium's notifications as typed events (the `webhooks` extra), their handlers and delivery store.
export { PANDIUM_WEBHOOK_EVENTS } from './webhooks/pandium-webhook-event.interface.js';
export type {
  PandiumIntegrationCreatedEvent,
  PandiumPartnerIntegrationUpdatedEvent,
  PandiumRunFailedEvent,
  PandiumTenantArchivedEvent,
  PandiumTenantCreatedEvent,
  PandiumTenantEventFields,
  PandiumUnknownWebhookEvent,
  PandiumWebhookEvent,
  PandiumWebhookEventBase,
} from './webhooks/pandium-webhook-event.interface.js';
export type { PandiumWebhookHandler } from './webhooks/pandium-webhook-handler.interface.js';
export type { PandiumWebhooksOptions } from './webhooks/pandium-webhooks-options.interface.js';

// Named instances: the service of the instance registered with forRoot({ name }), injected or by token.
export { InjectPandiumEmbedService } from './pandium-embed.decorators.js';
export { getPandiumEmbedServiceToken } from './pandium-embed.tokens.js';

// Errors: every failure has a stable code; the error base, the boot error, and the one HTTP exception class.
export { PandiumErrorCode } from './errors/pandium-error.codes.js';
export { PandiumEmbedError } from './errors/pandium-embed.error.js';
export { PandiumOptionsError } from './errors/pandium-options.error.js';
export { PandiumHttpException } from './errors/pandium-http.exception.js';

// For the host's own routes, guards and logs: the launch error page for its own redirecting routes, the ticket
// redemption's controller class (to let a global guard pass it), log redaction.
export { PandiumLaunchErrorFilter } from './launch/pandium-launch-error.filter.js';
export { PandiumLaunchTicketController } from './launch/pandium-launch-ticket.controller.js';
export { redactTenantToken } from './signing/redact-tenant-token.util.js';
export { redactWebhookSecret } from './webhooks/redact-webhook-secret.util.js';
