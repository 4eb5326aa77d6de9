import type { INestApplication, LoggerService, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AbstractHttpAdapter } from '@nestjs/core';
import type { EmulatorResponse } from './emulator-http.interface.js';
import { PANDIUM_EMULATOR_OPTIONS } from './pandium-emulator.constants.js';
import { PandiumEmulatorError } from './pandium-emulator.errors.js';
import { PandiumEmulatorModule } from './pandium-emulator.module.js';
import { PandiumEmulatorNotFoundFilter } from './pandium-emulator-not-found.filter.js';
import { refuseInProduction } from './pandium-emulator.options.js';
import type {
  PandiumEmulatorAppSettings,
  ResolvedPandiumEmulatorOptions,
} from './pandium-emulator-options.interface.js';

/**
 * How the emulator's Nest application is created.
 *
 * @internal
 */
export interface PandiumEmulatorAppOptions {
  /** Its logger, e.g. a test's capturing logger. @default Nest's (shared with the host app in the same process) */
  logger?: LoggerService | LogLevel[];
}

/** The HTTP platform the emulator runs on: an optional peer, loaded only when an emulator starts. */
const EXPRESS_PLATFORM = '@nestjs/platform-express';

/** An Express adapter, or an error saying what to install. */
async function expressAdapter(): Promise<AbstractHttpAdapter> {
  try {
    const platform = (await import(EXPRESS_PLATFORM)) as {
      ExpressAdapter: new () => AbstractHttpAdapter;
    };
    return new platform.ExpressAdapter();
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ERR_MODULE_NOT_FOUND') {
      throw PandiumEmulatorError.missingPlatform(EXPRESS_PLATFORM);
    }
    throw error;
  }
}

/**
 * The headers of every answer: only the host origin may frame the pages (Pandium's CORS allow-list does the
 * same for real accounts), nothing but this origin's script and stylesheet runs, forms post to this origin only,
 * and nothing is cached or sent on as a referrer (the URLs carry the token).
 *
 * @internal
 */
export function emulatorSecurityHeaders(
  hostOrigin: string,
): Record<string, string> {
  return {
    'Content-Security-Policy': [
      `frame-ancestors ${hostOrigin}`,
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      "base-uri 'none'",
      "form-action 'self'",
    ].join('; '),
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
  };
}

/**
 * The emulator as a Nest application of its own (Express), initialised but not listening: call `listen(port)`
 * (0 for a free port), or hand its HTTP server to supertest.
 *
 * @throws {PandiumEmulatorError} when `NODE_ENV=production`, naming every bad option, or when
 * `@nestjs/platform-express` is not installed.
 * @internal
 */
export async function createPandiumEmulatorApp(
  options: PandiumEmulatorAppSettings,
  { logger }: PandiumEmulatorAppOptions = {},
): Promise<INestApplication> {
  refuseInProduction();
  const module = PandiumEmulatorModule.forRoot(options);
  const app = await NestFactory.create(
    module,
    await expressAdapter(),
    logger === undefined ? {} : { logger },
  );
  const { hostOrigin } = app.get<ResolvedPandiumEmulatorOptions>(
    PANDIUM_EMULATOR_OPTIONS,
  );
  const headers = emulatorSecurityHeaders(hostOrigin);
  (
    app.getHttpAdapter().getInstance() as { disable(setting: string): void }
  ).disable('x-powered-by');
  // Before routing, so 404s and the API's answers carry them too.
  app.use((_request: unknown, response: EmulatorResponse, next: () => void) => {
    response.set(headers);
    next();
  });
  // Before init, which registers the not-found handler with the global filters of that time.
  app.useGlobalFilters(new PandiumEmulatorNotFoundFilter());
  await app.init();
  return app;
}
