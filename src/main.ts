import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';
import type { ConfigType } from '@nestjs/config';
import { appConfig } from './config/app.config.js';
import { startDevEmulator } from './emulator/dev-emulator.js';
import { createHttpAdapter, httpAdapterFromEnv } from './http-adapter.js';
import { setupOpenApi } from './openapi/openapi.document.js';
import { startTelemetry } from './telemetry/telemetry.starter.js';
import { TelemetryShutdownModule } from './telemetry/telemetry-shutdown.module.js';

async function bootstrap(): Promise<void> {
  // Only with OTEL_EXPORTER_OTLP_ENDPOINT (or a per-signal one) set: otherwise nothing of OpenTelemetry's SDK loads.
  const telemetry = await startTelemetry(process.env);
  // With no PANDIUM_* set (outside production), the Pandium embed emulator starts beside the app and the app
  // signs for it; with the real variables set, none starts and the app signs for Pandium.
  const emulator = await startDevEmulator(process.env);
  Object.assign(process.env, emulator?.env);
  try {
    const app = await NestFactory.create(
      TelemetryShutdownModule.around(AppModule, telemetry),
      createHttpAdapter(httpAdapterFromEnv()),
    );
    app.enableShutdownHooks();
    setupOpenApi(app);
    const { port } = app.get<ConfigType<typeof appConfig>>(appConfig.KEY);
    await app.listen(port);
    const url = (await app.getUrl()).replace('[::1]', 'localhost');
    new Logger('ExampleApp').log(
      emulator === undefined
        ? `Listening on ${url}: POST /auth/login, then GET /pandium/integrations`
        : `Open ${url}/ (Pandium embed emulator on ${emulator.origin}, shared dev secret made for this boot)`,
    );
  } catch (error) {
    await emulator?.close();
    await telemetry?.shutdown();
    throw error;
  }
}

await bootstrap();
