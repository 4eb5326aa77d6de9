import { applyDecorators } from '@nestjs/common';
import { IsInt, Max, Min } from 'class-validator';
import { OptionalOptions } from '../options/option-rules.validator.js';
import { functionRule, STRATEGY_RULE } from '../options/wiring-option.rules.js';
import type {
  PandiumRateLimitOptions,
  ResolvedRateLimit,
} from './pandium-rate-limit-options.interface.js';

/** The per-user budget of the routes that sign (`controller.rateLimit`). @internal */
export const DEFAULT_RATE_LIMIT = { limit: 30, windowSeconds: 60 } as const;

/**
 * A {@link PandiumRateLimitOptions} as class-validator checks it.
 *
 * @internal
 */
@OptionalOptions({
  limit: applyDecorators(
    IsInt({ message: 'must be a whole number of requests' }),
    Min(1, { message: 'must be at least 1' }),
  ),
  windowSeconds: applyDecorators(
    IsInt({ message: 'must be a whole number of seconds' }),
    Min(1, { message: 'must be at least 1 second' }),
    Max(86400, { message: 'must be at most 86400 seconds' }),
  ),
})
export class PandiumRateLimitOptionsSchema {}

/**
 * How the rate-limit wiring options are checked, wherever routes are registered (`PandiumEmbedModule`,
 * `PandiumEmbedRouterModule`): where counters live, and what a user's requests are counted under.
 *
 * @internal
 */
export const RATE_LIMIT_WIRING = {
  rateLimitStore: STRATEGY_RULE,
  rateLimitKey: functionRule('(user) => key'),
};

/**
 * A validated budget with `defaults` filled in, or `undefined` for `false` (no limit).
 *
 * @internal
 */
export function resolveRateLimit(
  given: PandiumRateLimitOptions | false | undefined,
  defaults: ResolvedRateLimit,
): ResolvedRateLimit | undefined {
  return given === false
    ? undefined
    : {
        limit: given?.limit ?? defaults.limit,
        windowSeconds: given?.windowSeconds ?? defaults.windowSeconds,
      };
}
