import { Inject, Injectable, Logger } from '@nestjs/common';
import { PandiumCatalogDto } from './pandium-integration.dto.js';
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
import type { ResolvedPandiumEmbedOptions } from '../options/pandium-embed-options.validator.js';
import { PANDIUM_RESOLVED_OPTIONS } from '../pandium-embed.tokens.js';
import { PandiumHttpException } from '../errors/pandium-http.exception.js';
import { PandiumErrorCode } from '../errors/pandium-error.codes.js';
import { PandiumStrategyError } from '../errors/pandium-strategy.error.js';
import { PandiumTokenTooLargeError } from '../errors/pandium-token-too-large.error.js';
import { redactTenantToken } from '../signing/redact-tenant-token.util.js';
import { PandiumStrategyCaller } from './strategy-caller.util.js';
import type {
  PandiumSignedToken,
  PandiumXtiBase,
} from '../signing/pandium-jwt.signer.js';
import { PandiumJwtSigner } from '../signing/pandium-jwt.signer.js';
import { PandiumUrlBuilder } from '../signing/pandium-url.builder.js';
import { parseWith } from '../options/validation-problems.util.js';

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

  constructor(
    @InjectClaimsProvider()
    private readonly claimsProvider: ClaimsProvider<TUser>,
    @InjectTokenProvider() private readonly tokenProvider: TokenProvider<TUser>,
    @InjectIntegrationCatalog()
    private readonly catalog: IntegrationCatalog<TUser>,
    private readonly signer: PandiumJwtSigner,
    private readonly urls: PandiumUrlBuilder,
    @Inject(PANDIUM_RESOLVED_OPTIONS) options: ResolvedPandiumEmbedOptions,
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
   * The integrations this user may install.
   *
   * @throws {PandiumHttpException} `PANDIUM_STRATEGY_FAILED` (502) when the catalog fails or returns invalid entries.
   * @throws {PandiumHttpException} `PANDIUM_STRATEGY_TIMEOUT` (504) when the catalog does not answer in time.
   */
  async listIntegrations(user: TUser): Promise<PandiumIntegration[]> {
    const output = await this.strategies.run('IntegrationCatalog', () =>
      this.catalog.listIntegrations(user),
    );
    // Entries may carry the host app's own fields; only Pandium's are kept.
    const parsed = parseWith(
      PandiumCatalogDto,
      { integrations: output },
      { allowUnknownKeys: true },
    );
    if (parsed.value === undefined) {
      throw this.strategies.fail(
        PandiumStrategyError.invalidOutput(
          'IntegrationCatalog',
          parsed.problems,
        ),
      );
    }
    // A null displayName (a nullable column) passed @IsOptional like an absent one: omit it alike.
    return parsed.value.integrations.map(
      ({ id, name, connectorName, displayName }) =>
        displayName === undefined || displayName === null
          ? { id, name, connectorName }
          : { id, name, connectorName, displayName },
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
    const integration = await this.findIntegration(user, integrationId);
    const signed = await this.signFor(user, { kind: 'install', integration });
    const url = this.urls.installUrl(integration.id, signed.token);
    this.logIssued(
      `an install URL for integration ${integration.id}`,
      signed,
      url,
    );
    return { url, ...expiry(signed), integrationId: integration.id };
  }

  /**
   * A signed URL that opens the in-app marketplace.
   *
   * @throws {PandiumHttpException} `PANDIUM_STRATEGY_FAILED` (502) when a strategy fails or returns invalid output, or the token
   *   is over `maxTokenBytes`.
   * @throws {PandiumHttpException} `PANDIUM_STRATEGY_TIMEOUT` (504) when a strategy does not answer in time.
   */
  async createMarketplaceUrl(user: TUser): Promise<PandiumEmbedUrl> {
    const signed = await this.signFor(user, { kind: 'marketplace' });
    const url = this.urls.marketplaceUrl(signed.token);
    this.logIssued('a marketplace URL', signed, url);
    return { url, ...expiry(signed) };
  }

  /** The integration with this id in the user's catalog. */
  private async findIntegration(
    user: TUser,
    integrationId: string,
  ): Promise<PandiumIntegration> {
    const integration = (await this.listIntegrations(user)).find(
      ({ id }) => id === integrationId,
    );
    if (integration === undefined) {
      throw PandiumHttpException.of(PandiumErrorCode.INTEGRATION_NOT_FOUND);
    }
    return integration;
  }

  private async signFor(
    user: TUser,
    target: PandiumEmbedTarget,
  ): Promise<PandiumSignedToken> {
    const [claimsOutput, tokenOutput] = await Promise.all([
      this.strategies.run('ClaimsProvider', () =>
        this.claimsProvider.getClaims(user, target),
      ),
      this.strategies.run('TokenProvider', () =>
        this.tokenProvider.getToken(user, target),
      ),
    ]);
    const claims = parseWith(PandiumUserClaimsDto, claimsOutput);
    if (claims.value === undefined) {
      throw this.strategies.fail(
        PandiumStrategyError.invalidOutput('ClaimsProvider', claims.problems),
      );
    }
    const connector = parseWith(ConnectorTokenDto, { token: tokenOutput });
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
      return this.signer.sign(claims.value, xti);
    } catch (error) {
      throw error instanceof PandiumTokenTooLargeError
        ? this.strategies.fail(error)
        : error;
    }
  }

  private logIssued(
    what: string,
    signed: PandiumSignedToken,
    url: string,
  ): void {
    this.logger.debug(
      `Signed ${what} (jti ${signed.jti}, expires in ${signed.expiresIn} s): ${redactTenantToken(url)}`,
    );
  }
}

function expiry(
  signed: PandiumSignedToken,
): Pick<PandiumEmbedUrl, 'expiresAt' | 'expiresIn'> {
  return {
    expiresAt: new Date(signed.expiresAt * 1000).toISOString(),
    expiresIn: signed.expiresIn,
  };
}
