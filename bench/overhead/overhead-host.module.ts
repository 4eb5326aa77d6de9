// A host built the way a user builds one: PandiumEmbedModule from the package entry, a static catalog, constant
// strategies and the host's guard; beside it, the hand-written routes with the same guard, strategies and catalog.
import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { PandiumEmbedModule } from 'pandium-embed';
import { BENCH_ACCOUNT, BENCH_PANDIUM_SECRET } from '../support/settings.js';
import {
  ConstantClaimsProvider,
  ConstantTokenProvider,
  ConstantUserGuard,
  benchCatalog,
} from './constant-strategies.js';
import {
  BENCH_CATALOG,
  HandWrittenController,
} from './hand-written.controller.js';

/**
 * The per-user budget of the library's routes: its default window (60 s) and store (in memory), with a limit one
 * user cannot reach in a run, so the guard counts every request and never answers 429 (the default 30 would at once).
 */
export const UNREACHED_RATE_LIMIT = 1_000_000_000;

export const LIBRARY_PATHS = {
  install: '/pandium/integrations/1042/install-url',
  marketplace: '/pandium/marketplace-url',
} as const;

export const HAND_WRITTEN_PATHS = {
  install: '/hand-written/integrations/1042/install-url',
  marketplace: '/hand-written/marketplace-url',
} as const;

@Module({})
export class OverheadHostModule {
  /** The host with a static catalog of `catalogSize` integrations (1042 in the middle). */
  static forCatalog(catalogSize: number): DynamicModule {
    const catalog = benchCatalog(catalogSize);
    return {
      module: OverheadHostModule,
      imports: [
        PandiumEmbedModule.forRoot({
          account: BENCH_ACCOUNT,
          sharedSecret: BENCH_PANDIUM_SECRET,
          integrations: catalog,
          claimsProvider: ConstantClaimsProvider,
          tokenProvider: ConstantTokenProvider,
          controller: {
            guards: [ConstantUserGuard],
            rateLimit: { limit: UNREACHED_RATE_LIMIT },
          },
        }),
      ],
      controllers: [HandWrittenController],
      providers: [
        ConstantClaimsProvider,
        ConstantTokenProvider,
        { provide: BENCH_CATALOG, useValue: catalog },
      ],
    };
  }
}
