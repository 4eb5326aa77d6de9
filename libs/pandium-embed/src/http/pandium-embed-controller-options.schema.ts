import { applyDecorators } from '@nestjs/common';
import { IsIn, IsNotEmpty, IsString } from 'class-validator';
import {
  DEFAULT_ROUTE_PATH,
  DEFAULT_USER_PROPERTY,
} from '../options/pandium-embed.defaults.js';
import {
  IsFalseOr,
  IsRoutePath,
  OptionalOptions,
} from '../options/option-rules.validator.js';
import type { ValidationProblem } from '../options/validation-problems.util.js';
import {
  parseWith,
  prefixPaths,
  withoutKeys,
} from '../options/validation-problems.util.js';
import { checkWiring, LIST_RULE } from '../options/wiring-option.rules.js';
import {
  DEFAULT_RATE_LIMIT,
  PandiumRateLimitOptionsSchema,
  resolveRateLimit,
} from '../rate-limit/pandium-rate-limit-options.schema.js';
import type {
  PandiumEmbedControllerOptions,
  ResolvedControllerOptions,
} from './pandium-embed-controller-options.interface.js';

/**
 * The per-IP budget of `GET <prefix>/launch/:ticket`. Higher than the per-user one: many users may share an address
 * (an office behind NAT), and a bad ticket costs only a MAC check.
 *
 * @internal
 */
export const DEFAULT_LAUNCH_RATE_LIMIT = {
  limit: 300,
  windowSeconds: 60,
} as const;

const RATE_LIMIT_SHAPE = 'must be false or { limit, windowSeconds }';

@OptionalOptions({
  redeemRateLimit: IsFalseOr(
    () => PandiumRateLimitOptionsSchema,
    RATE_LIMIT_SHAPE,
  ),
  bindToBrowser: IsIn([true, false], { message: 'must be true or false' }),
})
class PandiumLaunchRouteOptionsSchema {}

/** The data settings; `guards` are the host app's instances, checked apart. */
@OptionalOptions({
  path: IsRoutePath(),
  userProperty: applyDecorators(IsString(), IsNotEmpty()),
  rateLimit: IsFalseOr(() => PandiumRateLimitOptionsSchema, RATE_LIMIT_SHAPE),
  launch: IsFalseOr(
    () => PandiumLaunchRouteOptionsSchema,
    'must be false or { redeemRateLimit, bindToBrowser }',
  ),
})
class PandiumEmbedControllerOptionsSchema {}

const CONTROLLER_WIRING = { guards: LIST_RULE };

/**
 * Lists what is wrong with the route settings under `path`: `PandiumEmbedModule`'s `controller` (which may be
 * `false`) or `PandiumEmbedRouterModule`'s (which may not).
 *
 * @internal
 */
export function findControllerOptionProblems(
  controller: unknown,
  { path, allowFalse }: { path: string; allowFalse: boolean },
): ValidationProblem[] {
  if (controller === undefined || (allowFalse && controller === false)) {
    return [];
  }
  if (
    typeof controller !== 'object' ||
    controller === null ||
    Array.isArray(controller)
  ) {
    const message = allowFalse
      ? 'must be false or an object of controller settings'
      : 'must be an object of controller settings';
    return [{ path, message }];
  }
  const data = withoutKeys(controller, Object.keys(CONTROLLER_WIRING));
  return [
    ...prefixPaths(
      parseWith(PandiumEmbedControllerOptionsSchema, data).problems,
      `${path}.`,
    ),
    ...checkWiring(controller, CONTROLLER_WIRING, `${path}.`),
  ];
}

/**
 * Validated route settings with their defaults, merged once; `undefined` for `controller: false`.
 *
 * @internal
 */
export function resolveControllerOptions(settings: {
  controller?: PandiumEmbedControllerOptions | false;
  rateLimitKey?: ResolvedControllerOptions['rateLimitKey'];
}): ResolvedControllerOptions | undefined {
  const { controller = {}, rateLimitKey } = settings;
  if (controller === false) {
    return undefined;
  }
  const { launch = {} } = controller;
  return {
    path: controller.path ?? DEFAULT_ROUTE_PATH,
    guards: controller.guards ?? [],
    userProperty: controller.userProperty ?? DEFAULT_USER_PROPERTY,
    rateLimit: resolveRateLimit(controller.rateLimit, DEFAULT_RATE_LIMIT),
    rateLimitKey,
    launch:
      launch === false
        ? undefined
        : {
            redeemRateLimit: resolveRateLimit(
              launch.redeemRateLimit,
              DEFAULT_LAUNCH_RATE_LIMIT,
            ),
            bindToBrowser: launch.bindToBrowser ?? true,
          },
  };
}
