import { tenantsClientProvider } from '../tenants/pandium-tenants-client.provider.js';
import { apiBusyGateProvider } from '../core/pandium-api-busy-gate.provider.js';
import { statusSourceProvider } from '../tenants/pandium-tenant-status.provider.js';
import { integrationActionsProvider } from '../tenants/pandium-tenant-actions.provider.js';
import { Module } from '@nestjs/common';
import { ConfigurableModuleClass } from './pandium-embed.module-definition.js';
import {
  clockProvider,
  jwtServiceProvider,
  linkSourceProviders,
  resolvedOptionsProvider,
} from './pandium-embed.providers.js';
import { PandiumEmbedService } from '../core/pandium-embed.service.js';
import { PandiumLaunchTicketCodec } from '../launch/pandium-launch-ticket.codec.js';
import { PandiumLaunchTicketService } from '../launch/pandium-launch-ticket.service.js';
import { PandiumJwtSigner } from '../signing/pandium-jwt.signer.js';
import { PandiumUrlBuilder } from '../signing/pandium-url.builder.js';

/**
 * Embeds Pandium's integration install flow and marketplace: signs the tenant JWT for the signed-in user and
 * serves iframe URLs. Register with `forRoot(options)` or `forRootAsync({ imports, inject, useFactory })`.
 *
 * @example
 * PandiumEmbedModule.forRootAsync({
 *   ...pandiumConfig.asProvider(),
 *   claimsProvider: MyClaimsProvider,
 *   tokenProvider: MyTokenProvider,
 *   integrationCatalog: MyCatalog,
 *   controller: { guards: [JwtAuthGuard] },
 * })
 *
 * Several Pandium accounts: register one instance per account with `forRoot({ name, ... })` and serve them all with
 * `PandiumEmbedRouterModule`.
 * @publicApi
 */
@Module({
  providers: [
    resolvedOptionsProvider,
    clockProvider,
    apiBusyGateProvider,
    tenantsClientProvider,
    statusSourceProvider,
    integrationActionsProvider,
    jwtServiceProvider,
    PandiumJwtSigner,
    PandiumUrlBuilder,
    PandiumEmbedService,
    PandiumLaunchTicketCodec,
    PandiumLaunchTicketService,
    ...linkSourceProviders(PandiumEmbedService, PandiumLaunchTicketService),
  ],
  // No static exports: the unnamed instance exports the classes, a named one only its name-derived tokens
  // (see buildModuleDefinition).
})
export class PandiumEmbedModule extends ConfigurableModuleClass {}
