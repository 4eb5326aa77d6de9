import type { INestApplication, LoggerService, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { PANDIUM_EMULATOR_OPTIONS } from './pandium-emulator.constants.js';
import { PandiumEmulatorModule } from './pandium-emulator.module.js';
import { PandiumEmulatorNotFoundFilter } from './pandium-emulator-not-found.filter.js';
import { refuseInProduction } from './pandium-emulator.options.js';
import type {
  PandiumEmulatorOptions,
  ResolvedPandiumEmulatorOptions,
} from './pandium-emulator-options.interface.js';

/** How the emulator's Nest application is created. */
export interface PandiumEmulatorAppOptions {
  /** Its logger, e.g. a test's capturing logger. @default Nest's (shared with the host app in the same process) */
  logger?: LoggerService | LogLevel[];
}

/**
 * The headers of every answer: only the host origin may frame the pages (Pandium's CORS allow-list does the
 * same for real accounts), nothing but this origin's script and stylesheet runs, and nothing is cached or sent
 * on as a referrer (the URLs carry the token).
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
      "form-action 'none'",
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
 * @throws {PandiumEmulatorError} when `NODE_ENV=production`, or naming every bad option.
 */
export async function createPandiumEmulatorApp(
  options: PandiumEmulatorOptions,
  { logger }: PandiumEmulatorAppOptions = {},
): Promise<INestApplication> {
  refuseInProduction();
  const app = await NestFactory.create<NestExpressApplication>(
    PandiumEmulatorModule.forRoot(options),
    new ExpressAdapter(),
    logger === undefined ? {} : { logger },
  );
  const { hostOrigin } = app.get<ResolvedPandiumEmulatorOptions>(
    PANDIUM_EMULATOR_OPTIONS,
  );
  const headers = emulatorSecurityHeaders(hostOrigin);
  app.disable('x-powered-by');
  // Before routing, so 404s and the API's answers carry them too.
  app.use((_request: Request, response: Response, next: NextFunction) => {
    response.set(headers);
    next();
  });
  // Before init, which registers the not-found handler with the global filters of that time.
  app.useGlobalFilters(new PandiumEmulatorNotFoundFilter());
  await app.init();
  return app;
}
