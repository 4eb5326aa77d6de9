import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';
import type { ConfigType } from '@nestjs/config';
import { appConfig } from './config/app.config.js';
import { createHttpAdapter, httpAdapterFromEnv } from './http-adapter.js';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create(
    AppModule,
    createHttpAdapter(httpAdapterFromEnv()),
  );
  app.enableShutdownHooks();
  const { port } = app.get<ConfigType<typeof appConfig>>(appConfig.KEY);
  await app.listen(port);
  const url = await app.getUrl();
  new Logger('ExampleApp').log(
    `Listening on ${url.replace('[::1]', 'localhost')}: POST /auth/login, then GET /pandium/integrations`,
  );
}

await bootstrap();
