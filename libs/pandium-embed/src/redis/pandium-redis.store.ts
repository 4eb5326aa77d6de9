import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PandiumOptionsError } from '../errors/pandium-options.error.js';
import { IsWholeNumberFrom } from '../options/option-rules.validator.js';
import type { ValidationProblem } from '../options/validation-problems.util.js';
import { parseWith } from '../options/validation-problems.util.js';
import type {
  PandiumRedisClient,
  PandiumRedisStoreOptions,
} from './pandium-redis-client.interface.js';

/** @internal */
export const DEFAULT_REDIS_COMMAND_TIMEOUT_MS = 1000;

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
 * What the stores of `pandium-embed/redis` share: the host app's client, checked when a store is constructed, the
 * store's options applied, and every command run under `commandTimeoutMs`.
 *
 * @internal
 */
export abstract class PandiumRedisStore {
  readonly #client: PandiumRedisClient;
  readonly #keyPrefix: string;
  readonly #timeoutMs: number;

  /**
   * @param client an ioredis 5+ client (or anything with the commands the store calls); the host app opens and
   *   closes it.
   * @throws {PandiumOptionsError} for a client without those commands, or bad options.
   */
  constructor(
    client: PandiumRedisClient,
    options: PandiumRedisStoreOptions = {},
  ) {
    const { commands, keyPrefix } = this.needs();
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
      throw PandiumOptionsError.invalid(`${new.target.name} options`, problems);
    }
    this.#client = client;
    this.#keyPrefix = options.keyPrefix ?? keyPrefix;
    this.#timeoutMs =
      options.commandTimeoutMs ?? DEFAULT_REDIS_COMMAND_TIMEOUT_MS;
  }

  /**
   * The client methods the store calls, and its default `keyPrefix`. The constructor reads them before the
   * subclass's own fields exist: answer constants.
   */
  protected abstract needs(): {
    commands: readonly (keyof PandiumRedisClient)[];
    keyPrefix: string;
  };

  /** `key` behind the store's `keyPrefix`. */
  protected prefixed(key: string): string {
    return `${this.#keyPrefix}${key}`;
  }

  /**
   * Runs one Redis command, rejecting once it has taken `commandTimeoutMs` (the command may still run on the server).
   *
   * @param command the command's name, for the error.
   */
  protected async command<T>(
    command: string,
    call: (client: PandiumRedisClient) => Promise<T>,
  ): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(
              `Redis did not answer ${command} within ${this.#timeoutMs} ms`,
            ),
          ),
        this.#timeoutMs,
      );
    });
    try {
      return await Promise.race([
        Promise.resolve().then(() => call(this.#client)),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }
}
