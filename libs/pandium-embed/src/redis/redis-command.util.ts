import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PandiumOptionsError } from '../errors/pandium-options.error.js';
import { IsWholeNumberFrom } from '../options/option-rules.validator.js';
import type { ValidationProblem } from '../options/validation-problems.util.js';
import { parseWith } from '../options/validation-problems.util.js';
import type { PandiumRedisStoreOptions } from './pandium-redis-client.interface.js';

/** @internal */
export const DEFAULT_REDIS_COMMAND_TIMEOUT_MS = 1000;

/** The checked options of a Redis store. @internal */
export interface ResolvedRedisStoreOptions {
  readonly keyPrefix: string;
  readonly commandTimeoutMs: number;
}

class RedisStoreOptionsSchema implements PandiumRedisStoreOptions {
  @IsOptional()
  @IsString({ message: 'must be a string' })
  @MaxLength(256, { message: 'must be at most 256 characters' })
  keyPrefix?: string;

  @IsOptional()
  @IsWholeNumberFrom(10, 60000, 'milliseconds')
  commandTimeoutMs?: number;
}

/**
 * Checks a Redis store's client and options when it is constructed, and applies the defaults.
 *
 * @param store the store's class name, for the message.
 * @param commands the client methods the store calls.
 * @throws {PandiumOptionsError} naming every bad option.
 * @internal
 */
export function resolveRedisStoreOptions(
  store: string,
  client: unknown,
  commands: readonly string[],
  options: PandiumRedisStoreOptions,
  defaultPrefix: string,
): ResolvedRedisStoreOptions {
  const problems: ValidationProblem[] = [];
  const methods = (
    typeof client === 'object' && client !== null ? client : {}
  ) as Record<string, unknown>;
  if (commands.some((command) => typeof methods[command] !== 'function')) {
    problems.push({
      path: 'client',
      message: `must be a Redis client with ${commands.join(', ')} (an ioredis 5+ Redis or Cluster)`,
    });
  }
  problems.push(...parseWith(RedisStoreOptionsSchema, options).problems);
  if (problems.length > 0) {
    throw PandiumOptionsError.invalid(`${store} options`, problems);
  }
  return {
    keyPrefix: options.keyPrefix ?? defaultPrefix,
    commandTimeoutMs:
      options.commandTimeoutMs ?? DEFAULT_REDIS_COMMAND_TIMEOUT_MS,
  };
}

/**
 * Runs one Redis command, rejecting once it has taken `timeoutMs` (the command may still run on the server).
 *
 * @internal
 */
export async function withCommandTimeout<T>(
  command: string,
  timeoutMs: number,
  run: () => Promise<T>,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Error(`Redis did not answer ${command} within ${timeoutMs} ms`),
        ),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([Promise.resolve().then(run), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
