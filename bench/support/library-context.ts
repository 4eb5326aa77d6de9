// The library on its own, as the signer and memory benchmarks use it: PandiumEmbedModule with the bench account,
// secret, fake strategies and one integration, no controller and no HTTP server.
//
// The library comes from its source, compiled with the bench, not from the package: the signer benchmark takes
// PandiumJwtSigner (internal, so not exported) out of this context, and Nest finds a class only by the very class
// it registered. Every import of library code in these two processes (here, signer.bench.ts, memory.bench.ts) uses
// the same source files, so there is one copy of each class.
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { PandiumEmbedModule } from '../../libs/pandium-embed/src/index.js';
import {
  BENCH_INTEGRATION,
  fakeClaimsProvider,
  fakeTokenProvider,
} from './payload.js';
import { BENCH_ACCOUNT, BENCH_PANDIUM_SECRET, LOG_LEVELS } from './settings.js';

export function createLibraryContext(): Promise<INestApplicationContext> {
  return NestFactory.createApplicationContext(
    PandiumEmbedModule.forRoot({
      account: BENCH_ACCOUNT,
      sharedSecret: BENCH_PANDIUM_SECRET,
      claimsProvider: { useValue: fakeClaimsProvider },
      tokenProvider: { useValue: fakeTokenProvider },
      integrations: [BENCH_INTEGRATION],
      controller: false,
    }),
    { logger: LOG_LEVELS },
  );
}
