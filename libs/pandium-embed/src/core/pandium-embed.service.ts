import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import {
  ConnectorTokenDto,
  PandiumUserClaimsDto,
} from '../signing/pandium-user-claims.dto.js';
import type { ClaimsProvider } from './claims-provider.interface.js';
import type { IntegrationCatalog } from './integration-catalog.interface.js';
import type {
  PandiumEmbedTarget,
  PandiumIntegration,
} from './pandium-integration.interface.js';
import type {
  PandiumEmbedUrl,
  PandiumInstallUrl,
} from './pandium-embed-url.interface.js';
import type { PandiumLinkSource } from './pandium-link-source.interface.js';
import type { TokenProvider } from './token-provider.interface.js';
import {
  InjectClaimsProvider,
  InjectIntegrationCatalog,
  InjectTokenProvider,
} from '../pandium-embed.decorators.js';
import type {
  PandiumCatalogEntry,
  PandiumStatusSource,
} from './pandium-integration-status.interface.js';
import { withStatuses } from './catalog-status.util.js';
import type { ResolvedPandiumEmbedOptions } from '../options/pandium-embed-options.validator.js';
import {
  PANDIUM_RESOLVED_OPTIONS,
  PANDIUM_STATUS_SOURCE,
} from '../pandium-embed.tokens.js';
import { PandiumHttpException } from '../errors/pandium-http.exception.js';
import { PandiumErrorCode } from '../errors/pandium-error.codes.js';
import { PandiumStrategyError } from '../errors/pandium-strategy.error.js';
import { PandiumTokenTooLargeError } from '../errors/pandium-token-too-large.error.js';
import { expiryOf, logIssuedUrl } from './issued-url.util.js';
import type { PandiumStrategyDeadline } from './strategy-caller.util.js';
import { PandiumStrategyCaller } from './strategy-caller.util.js';
import type { CheckedCatalog } from './checked-catalog.cache.js';
import { CheckedCatalogCache } from './checked-catalog.cache.js';
import type {
  PandiumSignedToken,
  PandiumXtiBase,
} from '../signing/pandium-jwt.signer.js';
import { PandiumJwtSigner } from '../signing/pandium-jwt.signer.js';
import { PandiumUrlBuilder } from '../signing/pandium-url.builder.js';
import { compileSchema } from '../options/compiled-schema.util.js';

// Compiled once: every strategy output is checked by these on every request, by the DTOs' rules.
const parseClaims = compileSchema(PandiumUserClaimsDto);
const parseConnectorToken = compileSchema(ConnectorTokenDto);

/**
 * Issues signed Pandium URLs for a user. Usable from any provider (server-rendered pages, redirects, jobs),
 * with or without the built-in controller.
 *
 * Strategy failures are logged here, with the strategy's name, the cause and a correlation id, and surface
 * as {@link PandiumHttpException} `PANDIUM_STRATEGY_FAILED` (502) or, past `strategyTimeoutMs`,
 * {@link PandiumHttpException} `PANDIUM_STRATEGY_TIMEOUT` (504), each carrying the same correlation id. A strategy may refuse a user on purpose by throwing an
 * `HttpException` with a 4xx status (e.g. `ForbiddenException`): that one passes through unchanged.
 *
 * Launch tickets, which defer the signing to the moment an iframe loads, are `PandiumLaunchTicketService`'s: it
 * calls this service when a ticket is redeemed.
 *
 * @typeParam TUser the host app's authenticated user.
 * @publicApi
 */
@Injectable()
export class PandiumEmbedService<
  TUser = unknown,
> implements PandiumLinkSource<TUser> {
  private readonly logger = new Logger(PandiumEmbedService.name);

  private readonly strategies: PandiumStrategyCaller;

  private readonly checkedCatalogs = new CheckedCatalogCache();

  constructor(
    @InjectClaimsProvider()
    private readonly claimsProvider: ClaimsProvider<TUser>,
    @InjectTokenProvider() private readonly tokenProvider: TokenProvider<TUser>,
    @InjectIntegrationCatalog()
    private readonly catalog: IntegrationCatalog<TUser>,
    private readonly signer: PandiumJwtSigner,
    private readonly urls: PandiumUrlBuilder,
    @Inject(PANDIUM_RESOLVED_OPTIONS) options: ResolvedPandiumEmbedOptions,
    @Optional()
    @Inject(PANDIUM_STATUS_SOURCE)
    private readonly statusSource: PandiumStatusSource | null = null,
  ) {
    this.strategies = new PandiumStrategyCaller(
      this.logger,
      options.strategyTimeoutMs,
    );
  }

  /**
   * The origin of the Pandium pages this instance's URLs open (`https://imp.sandbox.pandium.com`, or `baseUrl`'s):
   * what a host's CSP `frame-src` allows and the only origin to accept `postMessage` events from.
   */
  get pandiumOrigin(): string {
    return this.urls.origin;
  }

  /**
   * The integrations this user may install. With an `apiKey`, each has the user's `status`: the ClaimsProvider is
   * asked for the user's `sub` (with the marketplace target), and Pandium for that user's tenants (cached per user);
   * a Pandium failure gives `unknown` statuses (or the last ones read), never an error.
   *
   * @throws {PandiumHttpException} `PANDIUM_STRATEGY_FAILED` (502) when the catalog (or, with an `apiKey`, the
   *   ClaimsProvider) fails or returns invalid output.
   * @throws {PandiumHttpException} `PANDIUM_STRATEGY_TIMEOUT` (504) when one of them does not answer in time.
   */
  async listIntegrations(user: TUser): Promise<PandiumCatalogEntry[]> {
    const source = this.statusSource;
    const [{ integrations }, statuses] = await this.strategies.withDeadline(
      (deadline) =>
        Promise.all([
          this.checkedCatalog(user, deadline),
          source === null
            ? undefined
            : this.claimsFor(user, { kind: 'marketplace' }, deadline).then(
                ({ sub }) => source.statusesFor(sub),
              ),
        ]),
    );
    // Fresh copies: the checked entries are shared by every request for the same catalog array.
    return source === null
      ? integrations.map((integration) => ({ ...integration }))
      : withStatuses(integrations, statuses);
  }

  /**
   * The integration with this id in the user's catalog, found as {@link createInstallUrl} finds it (no copy of the
   * rest of the catalog).
   *
   * @throws {PandiumHttpException} `PANDIUM_INTEGRATION_NOT_FOUND` (404) when the id is not in the user's catalog.
   * @throws {PandiumHttpException} `PANDIUM_STRATEGY_FAILED` (502) when the catalog fails or returns invalid entries.
   * @throws {PandiumHttpException} `PANDIUM_STRATEGY_TIMEOUT` (504) when the catalog does not answer in time.
   */
  async getIntegration(
    user: TUser,
    integrationId: string,
  ): Promise<PandiumIntegration> {
    return this.strategies.withDeadline((deadline) =>
      this.findIntegration(user, integrationId, deadline),
    );
  }

  /**
   * A signed URL that opens one integration's install flow.
   *
   * @param integrationId Pandium's integration id; it must be in this user's catalog.
   * @throws {PandiumHttpException} `PANDIUM_INTEGRATION_NOT_FOUND` (404) when the id is not in the user's catalog.
   * @throws {PandiumHttpException} `PANDIUM_STRATEGY_FAILED` (502) when a strategy fails or returns invalid output, or the token
   *   is over `maxTokenBytes`.
   * @throws {PandiumHttpException} `PANDIUM_STRATEGY_TIMEOUT` (504) when a strategy does not answer in time.
   */
  async createInstallUrl(
    user: TUser,
    integrationId: string,
  ): Promise<PandiumInstallUrl> {
    const { integration, signed } = await this.strategies.withDeadline(
      async (deadline) => {
        const found = await this.findIntegration(user, integrationId, deadline);
        // The next step's calls get the whole time limit again, as the catalog call did.
        deadline.restart();
        return {
          integration: found,
          signed: await this.signFor(
            user,
            { kind: 'install', integration: found },
            deadline,
          ),
        };
      },
    );
    const url = this.urls.installUrl(integration.id, signed.token);
    logIssuedUrl(
      this.logger,
      `an install URL for integration ${integration.id}`,
      signed,
      url,
    );
    return { url, ...expiryOf(signed), integrationId: integration.id };
  }

  /**
   * A signed URL that opens the in-app marketplace.
   *
   * @throws {PandiumHttpException} `PANDIUM_STRATEGY_FAILED` (502) when a strategy fails or returns invalid output, or the token
   *   is over `maxTokenBytes`.
   * @throws {PandiumHttpException} `PANDIUM_STRATEGY_TIMEOUT` (504) when a strategy does not answer in time.
   */
  async createMarketplaceUrl(user: TUser): Promise<PandiumEmbedUrl> {
    const signed = await this.strategies.withDeadline((deadline) =>
      this.signFor(user, { kind: 'marketplace' }, deadline),
    );
    const url = this.urls.marketplaceUrl(signed.token);
    logIssuedUrl(this.logger, 'a marketplace URL', signed, url);
    return { url, ...expiryOf(signed) };
  }

  /** The user's catalog, checked (once per array when the catalog returns the same frozen one). */
  private async checkedCatalog(
    user: TUser,
    deadline: PandiumStrategyDeadline,
  ): Promise<CheckedCatalog> {
    const output = await this.strategies.run(
      'IntegrationCatalog',
      () => this.catalog.listIntegrations(user),
      deadline,
    );
    const checked = this.checkedCatalogs.check(output);
    if (checked.catalog === undefined) {
      throw this.strategies.fail(
        PandiumStrategyError.invalidOutput(
          'IntegrationCatalog',
          checked.problems,
        ),
      );
    }
    return checked.catalog;
  }

  /** The integration with this id in the user's catalog (a copy, as the strategies may keep or change it). */
  private async findIntegration(
    user: TUser,
    integrationId: string,
    deadline: PandiumStrategyDeadline,
  ): Promise<PandiumIntegration> {
    const { byId } = await this.checkedCatalog(user, deadline);
    const integration = byId.get(integrationId);
    if (integration === undefined) {
      throw PandiumHttpException.of(PandiumErrorCode.INTEGRATION_NOT_FOUND);
    }
    return { ...integration };
  }

  private async signFor(
    user: TUser,
    target: PandiumEmbedTarget,
    deadline: PandiumStrategyDeadline,
  ): Promise<PandiumSignedToken> {
    const [claims, tokenOutput] = await Promise.all([
      this.claimsFor(user, target, deadline),
      this.strategies.run(
        'TokenProvider',
        () => this.tokenProvider.getToken(user, target),
        deadline,
      ),
    ]);
    const connector = parseConnectorToken({ token: tokenOutput });
    if (connector.value === undefined) {
      throw this.strategies.fail(
        PandiumStrategyError.invalidOutput('TokenProvider', connector.problems),
      );
    }
    const xti: PandiumXtiBase =
      target.kind === 'install'
        ? {
            connector_name: target.integration.connectorName,
            integration_name: target.integration.name,
            token: connector.value.token,
          }
        : { token: connector.value.token };
    try {
      return this.signer.sign(claims, xti);
    } catch (error) {
      throw error instanceof PandiumTokenTooLargeError
        ? this.strategies.fail(error)
        : error;
    }
  }

  /** The user's claims from the ClaimsProvider, checked. */
  private async claimsFor(
    user: TUser,
    target: PandiumEmbedTarget,
    deadline: PandiumStrategyDeadline,
  ): Promise<PandiumUserClaimsDto> {
    const output = await this.strategies.run(
      'ClaimsProvider',
      () => this.claimsProvider.getClaims(user, target),
      deadline,
    );
    const claims = parseClaims(output);
    if (claims.value === undefined) {
      throw this.strategies.fail(
        PandiumStrategyError.invalidOutput('ClaimsProvider', claims.problems),
      );
    }
    return claims.value;
  }
}
