import { Inject, Injectable } from '@nestjs/common';
import type { IntegrationCatalog } from './integration-catalog.interface.js';
import type { PandiumIntegration } from './pandium-integration.interface.js';
import type { ResolvedPandiumEmbedOptions } from '../options/pandium-embed-options.validator.js';
import { PANDIUM_RESOLVED_OPTIONS } from '../pandium-embed.tokens.js';
import { PandiumOptionsError } from '../errors/pandium-options.error.js';

/**
 * The default catalog: the `integrations` option, the same for every user.
 *
 * @internal
 */
@Injectable()
export class StaticIntegrationCatalog implements IntegrationCatalog {
  private readonly integrations: PandiumIntegration[];

  /** @throws {PandiumOptionsError} when neither `integrations` nor an `integrationCatalog` was given. */
  constructor(
    @Inject(PANDIUM_RESOLVED_OPTIONS) options: ResolvedPandiumEmbedOptions,
  ) {
    if (options.integrations === undefined) {
      throw PandiumOptionsError.invalid('PandiumEmbedModule options', [
        {
          path: 'integrations',
          message: 'is required when no integrationCatalog strategy is given',
        },
      ]);
    }
    // Frozen, array and entries: the same array every call, so the service checks it once (see CheckedCatalogCache).
    this.integrations = Object.freeze(
      options.integrations.map((entry) => Object.freeze({ ...entry })),
    ) as PandiumIntegration[];
  }

  listIntegrations(): PandiumIntegration[] {
    return this.integrations;
  }
}
