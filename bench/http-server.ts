// The example app (src/app.module.ts) plus BenchModule, on Express or Fastify (src/http-adapter.ts, as
// src/main.ts uses it), listening on 127.0.0.1 and a free port. Forked by http.bench.ts (support/server-process.ts:
// it reports its port, serves until it gets 'stop', then reports its RSS and ends). Logs at error and warn only,
// for every route alike.
import 'reflect-metadata';
import { ConsoleLogger } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
// An internal token (a string, so the source's value matches the package's), as the library's own specs import it.
import { PANDIUM_RATE_LIMIT_STORE } from '../libs/pandium-embed/src/pandium-embed.tokens.js';
import { AppModule } from '../src/app.module.js';
import { createHttpAdapter } from '../src/http-adapter.js';
import {
  BenchModule,
  NeverLimitingRateLimitStore,
} from './support/bench.module.js';
import {
  adapterOf,
  listenOnLoopback,
  serveAsChild,
} from './support/server-process.js';
import type { AdapterName } from './support/results.js';
import { LOG_LEVELS } from './support/settings.js';

async function createApp(adapter: AdapterName): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule, BenchModule],
  })
    .setLogger(new ConsoleLogger({ logLevels: LOG_LEVELS }))
    .overrideProvider(PANDIUM_RATE_LIMIT_STORE)
    .useValue(new NeverLimitingRateLimitStore())
    .compile();
  // The adapter exactly as src/main.ts makes it (Fastify with its raised maxParamLength).
  const app = moduleRef.createNestApplication(createHttpAdapter(adapter), {
    logger: LOG_LEVELS,
  });
  await listenOnLoopback(app, adapter);
  return app;
}

serveAsChild(() => createApp(adapterOf(process.argv[2])));
