// The library on its own, as the signer and memory benchmarks use it: PandiumEmbedModule with the bench account,
// secret, fake strategies and one integration, no controller and no HTTP server.
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { PandiumEmbedModule } from 'pandium-embed';
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
