// The overhead benchmark's host (OverheadHostModule) on Express or Fastify, with a static catalog of N
// integrations: `overhead-server.js <express|fastify> <N>`. Forked by overhead.bench.ts (support/server-process.ts).
// Logs at error and warn only.
import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createHttpAdapter } from '../../src/http-adapter.js';
import type { AdapterName } from '../support/results.js';
import {
  adapterOf,
  listenOnLoopback,
  serveAsChild,
} from '../support/server-process.js';
import { LOG_LEVELS } from '../support/settings.js';
import { OverheadHostModule } from './overhead-host.module.js';

async function createApp(
  adapter: AdapterName,
  catalogSize: number,
): Promise<INestApplication> {
  if (!Number.isInteger(catalogSize) || catalogSize < 1) {
    throw new Error(`catalog size must be a positive integer`);
  }
  const app = await NestFactory.create(
    OverheadHostModule.forCatalog(catalogSize),
    createHttpAdapter(adapter),
    { logger: LOG_LEVELS },
  );
  await listenOnLoopback(app, adapter);
  return app;
}

serveAsChild(() =>
  createApp(adapterOf(process.argv[2]), Number(process.argv[3])),
);
