// The example app (src/app.module.ts) plus BenchModule, on Express or Fastify (src/http-adapter.ts, as
// src/main.ts uses it), listening on 127.0.0.1 and a free port. Forked by http.bench.ts: it reports { type: 'ready', port }, serves until it gets 'stop', then reports
// its RSS and ends. Logs at error and warn only, for every route alike.
import 'reflect-metadata';
import { ConsoleLogger } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
// An internal token (a string, so the source's value matches the package's), as the library's own specs import it.
import { PANDIUM_RATE_LIMIT_STORE } from '../libs/pandium-embed/src/pandium-embed.tokens.js';
import { AppModule } from '../src/app.module.js';
import { createHttpAdapter } from '../src/http-adapter.js';
import {
  BenchModule,
  NeverLimitingRateLimitStore,
} from './support/bench.module.js';
import {
  describeError,
  disconnectFromParent,
  sendToParent,
} from './support/ipc.js';
import type { AdapterName } from './support/results.js';
import { LOG_LEVELS } from './support/settings.js';

function adapterOf(value: string | undefined): AdapterName {
  if (value === 'express' || value === 'fastify') {
    return value;
  }
  throw new Error(`adapter must be express or fastify, not ${value}`);
}

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
  await app.listen(0, '127.0.0.1');
  if (adapter === 'fastify') {
    await (app as NestFastifyApplication)
      .getHttpAdapter()
      .getInstance()
      .ready();
  }
  return app;
}

async function main(): Promise<void> {
  const app = await createApp(adapterOf(process.argv[2]));
  const server = app.getHttpServer() as Server;
  const { port } = server.address() as AddressInfo;
  process.on('message', (message: unknown) => {
    if (message !== 'stop') {
      return;
    }
    app
      .close()
      .then(() =>
        sendToParent({
          type: 'result',
          result: { rssBytes: process.memoryUsage.rss() },
        }),
      )
      .catch((error: unknown) => {
        process.exitCode = 1;
        return sendToParent({ type: 'error', error: describeError(error) });
      })
      .finally(disconnectFromParent);
  });
  await sendToParent({ type: 'ready', port });
}

main().catch(async (error: unknown) => {
  process.exitCode = 1;
  await sendToParent({ type: 'error', error: describeError(error) });
  disconnectFromParent();
});
