import { Logger } from '@nestjs/common';
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
 * The first lines of every script the stores run, with the command's deadline (Unix milliseconds) as `ARGV[1]`:
 * a script that Redis gets to run only after its deadline (Redis was frozen, or ioredis sent it again after a
 * reconnection) answers an error and writes nothing, because the store has told its caller by then that it failed.
 * Redis 5+ replicates a script's effects, not the script, so reading `TIME` before writing is allowed.
 *
 * @internal
 */
export const DEADLINE_CHECK = `
local now = redis.call('TIME')
if tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000) > tonumber(ARGV[1]) then
  return redis.error_reply('PANDIUM_DEADLINE_PASSED the command reached Redis after its deadline and was not run')
end
`;

/**
 * How much earlier than the store's own timeout a command's deadline falls, in milliseconds: the time its reply
 * takes back to the app, and the skew between Redis's clock and the app's that the deadline absorbs.
 */
function deadlineMarginMs(timeoutMs: number): number {
  return Math.min(100, Math.floor(timeoutMs / 10));
}

/**
 * Whether `client` is an ioredis client that keeps every command while Redis is unreachable, however long
 * (`maxRetriesPerRequest: null` with the offline queue on): during an outage its memory grows with every request.
 */
function queuesWithoutBound(client: PandiumRedisClient): boolean {
  const { options } = client as { options?: Record<string, unknown> };
  return (
    typeof options === 'object' &&
    options !== null &&
    options.maxRetriesPerRequest === null &&
    options.enableOfflineQueue !== false
  );
}

/**
 * What the stores of `pandium-embed/redis` share: the host app's client, checked when a store is constructed, the
 * store's options applied, and every command run under `commandTimeoutMs` with a deadline that Redis checks.
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
    if (queuesWithoutBound(client)) {
      new Logger(new.target.name).warn(
        'The Redis client keeps every command until Redis answers (maxRetriesPerRequest: null): during an ' +
          'outage the store answers 503 after commandTimeoutMs, but each command stays in memory, and Redis ' +
          'refuses it when it comes back. Set maxRetriesPerRequest: 1.',
      );
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
   * Runs one script that starts with {@link DEADLINE_CHECK}, rejecting once it has taken `commandTimeoutMs`. The
   * script gets a deadline a little before that moment ({@link deadlineMarginMs}), so that a command this rejects
   * for lateness is one Redis refuses to run, however late it gets there.
   *
   * @param command what the script does, for the error.
   * @param call sends the script, with `deadline` (Unix milliseconds on the app's clock) as its `ARGV[1]`.
   */
  protected async command<T>(
    command: string,
    call: (client: PandiumRedisClient, deadline: number) => Promise<T>,
  ): Promise<T> {
    const deadline =
      Date.now() + this.#timeoutMs - deadlineMarginMs(this.#timeoutMs);
    let timer: NodeJS.Timeout | undefined;
    let late: NodeJS.Immediate | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        // A reply that arrived while the event loop was busy is read before the check phase: it wins, so a
        // command that ran in time is never reported as failed.
        late = setImmediate(() =>
          reject(
            new Error(
              `Redis did not answer ${command} within ${this.#timeoutMs} ms`,
            ),
          ),
        );
      }, this.#timeoutMs);
    });
    try {
      return await Promise.race([
        Promise.resolve().then(() => call(this.#client, deadline)),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
      clearImmediate(late);
    }
  }
}
