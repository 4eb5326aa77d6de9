import { Module } from '@nestjs/common';
import {
  PANDIUM_CLAIMS_PROVIDER,
  PANDIUM_CLOCK,
  PANDIUM_INTEGRATION_CATALOG,
  PANDIUM_LAUNCH_TICKET_STORE,
  PANDIUM_RATE_LIMIT_STORE,
  PANDIUM_TOKEN_PROVIDER,
} from './pandium-embed.constants.js';
import { ConfigurableModuleClass } from './pandium-embed.module-definition.js';
import {
  clockProvider,
  resolvedOptionsProvider,
} from './pandium-embed.providers.js';
import { PandiumEmbedService } from './pandium-embed.service.js';
import { PandiumJwtSigner } from './pandium-jwt.signer.js';
import { PandiumUrlBuilder } from './pandium-url.builder.js';

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
 * @publicApi
 */
@Module({
  providers: [
    resolvedOptionsProvider,
    clockProvider,
    PandiumJwtSigner,
    PandiumUrlBuilder,
    PandiumEmbedService,
  ],
  exports: [
    PandiumEmbedService,
    PandiumJwtSigner,
    PandiumUrlBuilder,
    PANDIUM_CLAIMS_PROVIDER,
    PANDIUM_TOKEN_PROVIDER,
    PANDIUM_INTEGRATION_CATALOG,
    PANDIUM_CLOCK,
    PANDIUM_RATE_LIMIT_STORE,
    PANDIUM_LAUNCH_TICKET_STORE,
  ],
})
export class PandiumEmbedModule extends ConfigurableModuleClass {}
