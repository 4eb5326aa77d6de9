import { Logger } from '@nestjs/common';
import { registerAs } from '@nestjs/config';
import { Type } from 'class-transformer';
import {
  IsInt,
  IsOptional,
  IsString,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';
import { plainToInstance } from 'class-transformer';
import { randomBytes } from 'node:crypto';
import { pandiumVariableProblems } from './pandium-variables.check.js';

/** The example app's own settings (Pandium's are read by the library's `pandiumConfig`). */
export interface AppConfig {
  /** HMAC secret of the app's own login tokens; unrelated to Pandium's shared secret. */
  authSecret: string;
  port: number;
}

class AppEnvironment {
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'APP_AUTH_SECRET must be at least 32 characters' })
  APP_AUTH_SECRET?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'PORT must be a whole number' })
  @Min(0, { message: 'PORT must be from 0 to 65535' })
  @Max(65535, { message: 'PORT must be from 0 to 65535' })
  PORT?: number;
}

const logger = new Logger('AppConfig');

/**
 * Reads and checks the app's variables. In production `APP_AUTH_SECRET` is required, and the failure also lists
 * what is wrong with the `PANDIUM_*` variables, so one boot names every variable to set; in development a random
 * secret is made per boot (logins then last until a restart).
 */
export function loadAppConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const present = Object.fromEntries(
    (['APP_AUTH_SECRET', 'PORT'] as const)
      .filter((name) => env[name] !== undefined && env[name] !== '')
      .map((name) => [name, env[name]]),
  );
  const parsed = plainToInstance(AppEnvironment, present);
  const messages = validateSync(parsed).flatMap((error) =>
    Object.values(error.constraints ?? {}),
  );
  if (env.NODE_ENV === 'production' && parsed.APP_AUTH_SECRET === undefined) {
    messages.push('APP_AUTH_SECRET is required when NODE_ENV=production');
  }
  messages.push(...pandiumVariableProblems(env));
  if (messages.length > 0) {
    throw new Error(
      `Invalid environment variables:\n${messages.map((message) => `  - ${message}`).join('\n')}`,
    );
  }
  let authSecret = parsed.APP_AUTH_SECRET;
  if (authSecret === undefined) {
    authSecret = randomBytes(32).toString('base64url');
    logger.warn(
      'APP_AUTH_SECRET is not set: login tokens are signed with a random secret made for this boot.',
    );
  }
  return { authSecret, port: parsed.PORT ?? 3000 };
}

export const appConfig = registerAs('app', (): AppConfig => loadAppConfig());
