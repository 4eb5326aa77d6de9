import { registerAs } from '@nestjs/config';

/**
 * Where the example app keeps launch tickets, rate-limit counters, integration statuses and webhook deliveries when it
 * runs as several instances.
 */
export interface RedisConfig {
  /** `REDIS_URL` (`redis://` or `rediss://`), or undefined to keep them all in this process's memory. */
  url: string | undefined;
}

/**
 * Reads `REDIS_URL`. Unset or empty: one instance, everything in memory (what `npm start` does). Set: every instance
 * given the same URL shares launch tickets, rate-limit budgets, integration statuses and webhook deliveries.
 */
export function loadRedisConfig(
  env: NodeJS.ProcessEnv = process.env,
): RedisConfig {
  const url = env.REDIS_URL || undefined;
  if (url !== undefined) {
    let protocol: string | undefined;
    try {
      protocol = new URL(url).protocol;
    } catch {
      protocol = undefined;
    }
    if (protocol !== 'redis:' && protocol !== 'rediss:') {
      // The value may hold a password: the message does not repeat it.
      throw new Error(
        'Invalid environment variables:\n  - REDIS_URL must be a redis:// or rediss:// URL',
      );
    }
  }
  return { url };
}

export const redisConfig = registerAs('redis', (): RedisConfig =>
  loadRedisConfig(),
);
