import { applyDecorators } from '@nestjs/common';
import { IsIn, IsString, Matches } from 'class-validator';
import { OptionalOptions } from '../options/option-rules.validator.js';
import type { ResolvedControllerOptions } from '../http/pandium-embed-controller-options.interface.js';
import {
  findControllerOptionProblems,
  resolveControllerOptions,
} from '../http/pandium-embed-controller-options.schema.js';
import { PandiumOptionsError } from '../errors/pandium-options.error.js';
import { PANDIUM_INSTANCE_NAME_PATTERN } from '../options/pandium-embed.defaults.js';
import { parseWith } from '../options/validation-problems.util.js';
import {
  checkWiring,
  LIST_RULE,
  REQUIRED_STRATEGY_RULE,
  STRATEGY_RULE,
} from '../options/wiring-option.rules.js';
import { RATE_LIMIT_WIRING } from '../rate-limit/pandium-rate-limit-options.schema.js';
import type { PandiumEmbedModuleExtras } from './pandium-embed-module-extras.interface.js';

/** The extras that are data; the others are wiring, and `controller` has its own schema. */
@OptionalOptions({
  isGlobal: IsIn([true, false], { message: 'must be true or false' }),
  name: applyDecorators(
    IsString({ message: 'must be a string' }),
    Matches(PANDIUM_INSTANCE_NAME_PATTERN, {
      message:
        'must be an instance name: a letter, then up to 23 letters, digits, "-" or "_"',
    }),
  ),
})
class PandiumEmbedExtrasSchema {}

const EXTRAS_WIRING = {
  claimsProvider: REQUIRED_STRATEGY_RULE,
  tokenProvider: REQUIRED_STRATEGY_RULE,
  integrationCatalog: STRATEGY_RULE,
  launchTicketStore: STRATEGY_RULE,
  statusStore: STRATEGY_RULE,
  launchUserSerializer: STRATEGY_RULE,
  ...RATE_LIMIT_WIRING,
  imports: LIST_RULE,
};

/**
 * The extras after validation: what shapes the module besides the strategies.
 *
 * @internal
 */
export interface ResolvedPandiumEmbedExtras {
  /** The route settings; `undefined` when the module registers no controller. */
  readonly controller: ResolvedControllerOptions | undefined;
}

/**
 * Checks the module-shaping extras (strategies, controller settings) when the module is defined, and resolves the
 * route settings. `forRoot` passes the run-time options along with the extras: only the extras' own keys are read.
 *
 * @throws {PandiumOptionsError} listing every bad extra.
 * @internal
 */
export function resolvePandiumEmbedExtras(
  extras: PandiumEmbedModuleExtras,
): ResolvedPandiumEmbedExtras {
  const { isGlobal, name, controller, rateLimitKey } = extras;
  const data = Object.fromEntries(
    Object.entries({ isGlobal, name }).filter(([, v]) => v !== undefined),
  );
  const problems = [
    ...parseWith(PandiumEmbedExtrasSchema, data).problems,
    ...checkWiring(extras, EXTRAS_WIRING),
    ...findControllerOptionProblems(controller, {
      path: 'controller',
      allowFalse: true,
    }),
  ];
  if (problems.length > 0) {
    throw PandiumOptionsError.invalid('PandiumEmbedModule options', problems);
  }
  return {
    // A named instance has no routes of its own unless asked: two instances must never claim the same paths.
    controller: resolveControllerOptions({
      controller:
        name !== undefined && controller === undefined ? false : controller,
      rateLimitKey,
    }),
  };
}
