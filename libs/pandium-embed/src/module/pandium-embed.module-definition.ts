import { ConfigurableModuleBuilder } from '@nestjs/common';
import type {
  PandiumEmbedModuleExtras,
  PandiumEmbedModuleOptions,
} from '../options/pandium-embed-module-options.interface.js';
import { PANDIUM_EMBED_MODULE_OPTIONS } from '../pandium-embed.tokens.js';
import { buildModuleDefinition } from './pandium-embed.providers.js';

/**
 * Builds `PandiumEmbedModule.forRoot()` / `forRootAsync()`. The strategies, the controller settings and
 * `isGlobal` are extras: they shape the module's providers, so they are known when the module is defined,
 * also in `forRootAsync`.
 *
 * @internal
 */
export const {
  ConfigurableModuleClass,
  MODULE_OPTIONS_TOKEN,
  OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<PandiumEmbedModuleOptions>({
  moduleName: 'PandiumEmbed',
  // Named in the constants file, so that file never imports this one (which imports the providers, which import it).
  optionsInjectionToken: PANDIUM_EMBED_MODULE_OPTIONS,
})
  .setClassMethodName('forRoot')
  .setFactoryMethodName('createPandiumEmbedOptions')
  .setExtras<PandiumEmbedModuleExtras>(
    {
      isGlobal: false,
      name: undefined,
      claimsProvider: undefined,
      tokenProvider: undefined,
      integrationCatalog: undefined,
      // Every extra must be listed: the builder leaves unlisted keys in the run-time options, which refuse them.
      rateLimitStore: undefined,
      launchTicketStore: undefined,
      rateLimitKey: undefined,
      controller: undefined,
      imports: undefined,
    } as unknown as PandiumEmbedModuleExtras,
    buildModuleDefinition,
  )
  .build();
