import { IsBoolean } from 'class-validator';
import { PandiumOptionsError } from '../errors/pandium-options.error.js';
import {
  IsRoutePath,
  IsWholeNumberFrom,
  OptionalOptions,
} from '../options/option-rules.validator.js';
import { parseWith } from '../options/validation-problems.util.js';
import type { ValidationProblem } from '../options/validation-problems.util.js';
import { prefixPaths } from '../options/validation-problems.util.js';
import {
  checkWiring,
  LIST_RULE,
  STRATEGY_RULE,
} from '../options/wiring-option.rules.js';
import type { PandiumWebhooksOptions } from './pandium-webhooks-options.interface.js';

/** The receiver's defaults, merged once. @internal */
export const PANDIUM_WEBHOOKS_DEFAULTS = {
  emitEvents: true,
  confirmTenantEvents: true,
  deduplicationWindowSeconds: 3600,
} as const;

/** The data settings of `webhooks`; the handlers and the store are wiring. */
@OptionalOptions({
  path: IsRoutePath(),
  emitEvents: IsBoolean({ message: 'must be true or false' }),
  confirmTenantEvents: IsBoolean({ message: 'must be true or false' }),
  deduplicationWindowSeconds: IsWholeNumberFrom(1, 86400, 'seconds'),
})
class PandiumWebhooksOptionsSchema {}

/**
 * The `webhooks` extra after validation, with its defaults; `path` without leading or trailing slashes.
 *
 * @internal
 */
export interface ResolvedPandiumWebhooksOptions {
  readonly path: string;
  readonly emitEvents: boolean;
  readonly confirmTenantEvents: boolean;
  readonly deduplicationWindowSeconds: number;
}

/**
 * Checks the `webhooks` extra when the module is defined, and applies its defaults; `undefined` or `false` is the
 * receiver turned off.
 *
 * @param fallbackPath the controller's path, the receiver's default prefix.
 * @throws {PandiumOptionsError} listing every bad setting.
 * @internal
 */
export function resolvePandiumWebhooksOptions(
  webhooks: PandiumWebhooksOptions | false | undefined,
  fallbackPath: string,
): ResolvedPandiumWebhooksOptions | undefined {
  if (webhooks === undefined || webhooks === false) {
    return undefined;
  }
  let problems: ValidationProblem[];
  if (typeof webhooks !== 'object' || webhooks === null) {
    problems = [{ path: 'webhooks', message: 'must be false or an object' }];
  } else {
    const { handlers, deliveryStore, ...data } = webhooks;
    problems = [
      ...prefixPaths(
        parseWith(
          PandiumWebhooksOptionsSchema,
          Object.fromEntries(
            Object.entries(data).filter(([, value]) => value !== undefined),
          ),
        ).problems,
        'webhooks.',
      ),
      ...checkWiring(
        { handlers, deliveryStore },
        { handlers: LIST_RULE, deliveryStore: STRATEGY_RULE },
        'webhooks.',
      ),
    ];
  }
  if (problems.length > 0) {
    throw PandiumOptionsError.invalid('PandiumEmbedModule options', problems);
  }
  return Object.freeze({
    ...PANDIUM_WEBHOOKS_DEFAULTS,
    ...Object.fromEntries(
      Object.entries(webhooks).filter(
        ([key, value]) =>
          value !== undefined && key in PANDIUM_WEBHOOKS_DEFAULTS,
      ),
    ),
    path: (webhooks.path ?? fallbackPath).replace(/^\/+|\/+$/g, ''),
  });
}
