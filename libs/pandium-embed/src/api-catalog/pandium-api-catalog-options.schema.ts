import { applyDecorators } from '@nestjs/common';
import { IsInt, Max, Min } from 'class-validator';
import { IsPandiumApiKey } from '../options/api-key.validator.js';
import type { PandiumClock } from '../core/pandium-clock.interface.js';
import { PANDIUM_SYSTEM_CLOCK } from '../core/pandium-system.clock.js';
import { PandiumOptionsError } from '../errors/pandium-options.error.js';
import { IsPandiumBaseUrl } from '../options/base-url.validator.js';
import {
  IsWholeNumberFrom,
  OptionalOptions,
} from '../options/option-rules.validator.js';
import { IsPandiumEnvironment } from '../options/pandium-embed-options.validator.js';
import { PANDIUM_EMBED_DEFAULTS } from '../options/pandium-embed.defaults.js';
import { PandiumSecret, revealedSecret } from '../options/pandium.secret.js';
import { parseWith, withoutKeys } from '../options/validation-problems.util.js';
import type { WiringRule } from '../options/wiring-option.rules.js';
import {
  checkWiring,
  CLOCK_RULE,
  functionRule,
} from '../options/wiring-option.rules.js';
import type { PandiumApiCatalogOptions } from './pandium-api-catalog-options.interface.js';
import { connectorNameOf } from './pandium-api-integration.dto.js';
import {
  API_CATALOG_RETRY_MS,
  DEFAULT_API_CATALOG,
  MAX_API_PAGE_SIZE,
  PANDIUM_API_HOSTS,
  PANDIUM_API_INTEGRATIONS_PATH,
} from './pandium-api.constants.js';
import { pandiumApiUrl } from '../core/pandium-api.request.js';

/**
 * {@link PandiumApiIntegrationCatalog}'s options after validation, with every default applied. `apiKey` is a
 * {@link PandiumSecret}, so logging or serialising this object never shows it.
 *
 * @internal
 */
export interface ResolvedPandiumApiCatalogOptions<TUser> {
  readonly apiKey: PandiumSecret;
  /** `<base>/v2/integrations`, without a query. */
  readonly integrationsUrl: string;
  readonly ttlMs: number;
  /** How long a stale copy is served after a failed refresh before the next try. */
  readonly retryMs: number;
  readonly requestTimeoutMs: number;
  readonly pageSize: number;
  readonly connectorName: PandiumApiCatalogOptions<TUser>['connectorName'];
  readonly filter: PandiumApiCatalogOptions<TUser>['filter'];
  readonly clock: PandiumClock;
}

/** The catalog's data options as class-validator checks them, the key revealed (messages never hold values). */
@OptionalOptions({
  environment: IsPandiumEnvironment(),
  apiBaseUrl: IsPandiumBaseUrl(),
  ttlSeconds: IsWholeNumberFrom(1, 86400, 'seconds'),
  requestTimeoutMs: IsWholeNumberFrom(100, 60000, 'milliseconds'),
  pageSize: applyDecorators(
    IsInt({ message: 'must be a whole number of integrations' }),
    Min(1, { message: `must be from 1 to ${MAX_API_PAGE_SIZE}` }),
    Max(MAX_API_PAGE_SIZE, {
      message: `must be from 1 to ${MAX_API_PAGE_SIZE}`,
    }),
  ),
})
class PandiumApiCatalogOptionsSchema {
  @IsPandiumApiKey()
  apiKey!: string;
}

/** One name for every integration, or the host app's function that picks it. */
const CONNECTOR_NAME_RULE: WiringRule = {
  problem: (value) =>
    typeof value === 'function' ||
    (typeof value === 'string' && connectorNameOf(value) === value)
      ? undefined
      : 'must be a connector name of 1–256 characters, or a function (integration) => name',
};

const CATALOG_WIRING = {
  connectorName: CONNECTOR_NAME_RULE,
  filter: functionRule('(integrations, user) => integrations'),
  clock: CLOCK_RULE,
};

/** `<base>/v2/integrations`, a base URL's own path (a proxy's prefix) kept in front of it. */
function integrationsUrlOf(
  options: Pick<PandiumApiCatalogOptions, 'environment' | 'apiBaseUrl'>,
): string {
  const environment = options.environment ?? PANDIUM_EMBED_DEFAULTS.environment;
  const base = options.apiBaseUrl ?? PANDIUM_API_HOSTS[environment];
  return pandiumApiUrl(base, PANDIUM_API_INTEGRATIONS_PATH).href;
}

/**
 * Checks {@link PandiumApiIntegrationCatalog}'s options once, when it is constructed, and applies the defaults.
 *
 * @throws {PandiumOptionsError} listing every bad option (never the API key's value).
 * @internal
 */
export function resolvePandiumApiCatalogOptions<TUser>(
  options: PandiumApiCatalogOptions<TUser>,
): ResolvedPandiumApiCatalogOptions<TUser> {
  const given: unknown = options;
  const problems =
    typeof given === 'object' && given !== null
      ? [
          ...parseWith(PandiumApiCatalogOptionsSchema, {
            ...withoutKeys(given, Object.keys(CATALOG_WIRING)),
            apiKey: revealedSecret(options.apiKey),
          }).problems,
          ...checkWiring(given, CATALOG_WIRING),
        ]
      : parseWith(PandiumApiCatalogOptionsSchema, given).problems;
  if (problems.length > 0) {
    throw PandiumOptionsError.invalid(
      'PandiumApiIntegrationCatalog options',
      problems,
    );
  }
  const ttlMs = (options.ttlSeconds ?? DEFAULT_API_CATALOG.ttlSeconds) * 1000;
  return Object.freeze({
    apiKey: PandiumSecret.from(options.apiKey),
    integrationsUrl: integrationsUrlOf(options),
    ttlMs,
    retryMs: Math.min(ttlMs, API_CATALOG_RETRY_MS),
    requestTimeoutMs:
      options.requestTimeoutMs ?? DEFAULT_API_CATALOG.requestTimeoutMs,
    pageSize: options.pageSize ?? DEFAULT_API_CATALOG.pageSize,
    connectorName: options.connectorName,
    filter: options.filter,
    clock: options.clock ?? PANDIUM_SYSTEM_CLOCK,
  });
}
