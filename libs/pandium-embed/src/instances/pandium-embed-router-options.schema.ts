import { PandiumOptionsError } from '../errors/pandium-options.error.js';
import type { ResolvedControllerOptions } from '../http/pandium-embed-controller-options.interface.js';
import {
  findControllerOptionProblems,
  resolveControllerOptions,
} from '../http/pandium-embed-controller-options.schema.js';
import {
  IsWholeNumberFrom,
  OptionalOptions,
} from '../options/option-rules.validator.js';
import { PANDIUM_EMBED_DEFAULTS } from '../options/pandium-embed.defaults.js';
import { parseWith } from '../options/validation-problems.util.js';
import {
  checkWiring,
  LIST_RULE,
  REQUIRED_STRATEGY_RULE,
} from '../options/wiring-option.rules.js';
import { RATE_LIMIT_WIRING } from '../rate-limit/pandium-rate-limit-options.schema.js';
import type { PandiumEmbedRouterOptions } from './pandium-embed-router-options.interface.js';

/** The router's data options; `controller` has its own schema, the rest is wiring. */
@OptionalOptions({
  selectorTimeoutMs: IsWholeNumberFrom(100, 60000, 'milliseconds'),
})
class PandiumEmbedRouterOptionsSchema {}

const ROUTER_WIRING = {
  selector: REQUIRED_STRATEGY_RULE,
  ...RATE_LIMIT_WIRING,
  imports: LIST_RULE,
};

/**
 * `PandiumEmbedRouterModule.forRoot()`'s options after validation, with every default applied.
 *
 * @internal
 */
export interface ResolvedPandiumEmbedRouterOptions {
  readonly selectorTimeoutMs: number;
  readonly controller: ResolvedControllerOptions;
}

/**
 * Checks the options of `PandiumEmbedRouterModule.forRoot()` when the module is defined, and applies the defaults.
 *
 * @throws {PandiumOptionsError} listing every bad option.
 * @internal
 */
export function resolvePandiumEmbedRouterOptions(
  options: PandiumEmbedRouterOptions,
): ResolvedPandiumEmbedRouterOptions {
  const given: Partial<PandiumEmbedRouterOptions> = options ?? {};
  const { controller = {}, selectorTimeoutMs, rateLimitKey } = given;
  const data = selectorTimeoutMs === undefined ? {} : { selectorTimeoutMs };
  const problems = [
    ...checkWiring(given, ROUTER_WIRING),
    ...parseWith(PandiumEmbedRouterOptionsSchema, data).problems,
    ...findControllerOptionProblems(controller, {
      path: 'controller',
      allowFalse: false,
    }),
  ];
  if (problems.length > 0) {
    throw PandiumOptionsError.invalid(
      'PandiumEmbedRouterModule options',
      problems,
    );
  }
  return {
    selectorTimeoutMs:
      selectorTimeoutMs ?? PANDIUM_EMBED_DEFAULTS.strategyTimeoutMs,
    controller: resolveControllerOptions({
      controller,
      rateLimitKey,
    }) as ResolvedControllerOptions,
  };
}
