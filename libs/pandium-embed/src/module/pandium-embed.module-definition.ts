import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { PandiumEmbedModuleOptions } from '../options/pandium-embed-module-options.interface.js';
import { PANDIUM_EMBED_MODULE_OPTIONS } from '../pandium-embed.tokens.js';
import type { PandiumEmbedModuleExtras } from './pandium-embed-module-extras.interface.js';
import { PANDIUM_EMBED_EXTRAS_DEFAULTS } from './pandium-embed-module-extras.interface.js';
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
  // Named in the tokens file, so that file never imports this one (which imports the providers, which import it).
  optionsInjectionToken: PANDIUM_EMBED_MODULE_OPTIONS,
})
  .setClassMethodName('forRoot')
  .setFactoryMethodName('createPandiumEmbedOptions')
  .setExtras<PandiumEmbedModuleExtras>(
    // The builder needs a default for each required strategy too; the extras check reports a missing one.
    PANDIUM_EMBED_EXTRAS_DEFAULTS as unknown as PandiumEmbedModuleExtras,
    buildModuleDefinition,
  )
  .build();
