import { HttpException, Injectable, Logger } from '@nestjs/common';
import { PandiumCatalogDto } from './dto/pandium-integration.dto.js';
import {
  ConnectorTokenDto,
  PandiumUserClaimsDto,
} from './dto/pandium-user-claims.dto.js';
import type {
  ClaimsProvider,
  IntegrationCatalog,
  PandiumEmbedTarget,
  PandiumEmbedUrl,
  PandiumInstallUrl,
  PandiumIntegration,
  TokenProvider,
} from './interfaces/index.js';
import {
  InjectClaimsProvider,
  InjectIntegrationCatalog,
  InjectTokenProvider,
} from './pandium-embed.decorators.js';
import {
  PandiumIntegrationNotFoundException,
  PandiumStrategyError,
  PandiumStrategyFailedException,
} from './pandium-embed.exceptions.js';
import type {
  PandiumSignedToken,
  PandiumXtiBase,
} from './pandium-jwt.signer.js';
import { PandiumJwtSigner } from './pandium-jwt.signer.js';
import { PandiumUrlBuilder } from './pandium-url.builder.js';
import { parseWith } from './utils/validation-problems.util.js';

/**
 * Issues signed Pandium URLs for a user. Usable from any provider (server-rendered pages, redirects, jobs),
 * with or without the built-in controller.
 *
 * Strategy failures are logged here, with the strategy's name and the cause, and surface as
 * {@link PandiumStrategyFailedException} (502). A strategy may refuse a user on purpose by throwing an
 * `HttpException` with a 4xx status (e.g. `ForbiddenException`): that one passes through unchanged.
 *
 * @typeParam TUser the host app's authenticated user.
 * @publicApi
 */
@Injectable()
export class PandiumEmbedService<TUser = unknown> {
  private readonly logger = new Logger(PandiumEmbedService.name);

  constructor(
    @InjectClaimsProvider()
    private readonly claimsProvider: ClaimsProvider<TUser>,
    @InjectTokenProvider() private readonly tokenProvider: TokenProvider<TUser>,
    @InjectIntegrationCatalog()
    private readonly catalog: IntegrationCatalog<TUser>,
    private readonly signer: PandiumJwtSigner,
    private readonly urls: PandiumUrlBuilder,
  ) {}

  /**
   * The integrations this user may install.
   *
   * @throws {PandiumStrategyFailedException} when the catalog fails or returns invalid entries.
   */
  async listIntegrations(user: TUser): Promise<PandiumIntegration[]> {
    const output = await this.run('IntegrationCatalog', () =>
      this.catalog.listIntegrations(user),
    );
    // Entries may carry the host app's own fields; only Pandium's are kept.
    const parsed = parseWith(
      PandiumCatalogDto,
      { integrations: output },
      { allowUnknownKeys: true },
    );
    if (parsed.value === undefined) {
      throw this.fail(
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
   * @throws {PandiumIntegrationNotFoundException} when the id is not in the user's catalog.
   * @throws {PandiumStrategyFailedException} when a strategy fails or returns invalid output.
   */
  async createInstallUrl(
    user: TUser,
    integrationId: string,
  ): Promise<PandiumInstallUrl> {
    const integration = (await this.listIntegrations(user)).find(
      ({ id }) => id === integrationId,
    );
    if (integration === undefined) {
      throw new PandiumIntegrationNotFoundException();
    }
    const signed = await this.signFor(user, { kind: 'install', integration });
    return {
      url: this.urls.installUrl(integration.id, signed.token),
      ...expiry(signed),
      integrationId: integration.id,
    };
  }

  /**
   * A signed URL that opens the in-app marketplace.
   *
   * @throws {PandiumStrategyFailedException} when a strategy fails or returns invalid output.
   */
  async createMarketplaceUrl(user: TUser): Promise<PandiumEmbedUrl> {
    const signed = await this.signFor(user, { kind: 'marketplace' });
    return { url: this.urls.marketplaceUrl(signed.token), ...expiry(signed) };
  }

  private async signFor(
    user: TUser,
    target: PandiumEmbedTarget,
  ): Promise<PandiumSignedToken> {
    const [claimsOutput, tokenOutput] = await Promise.all([
      this.run('ClaimsProvider', () =>
        this.claimsProvider.getClaims(user, target),
      ),
      this.run('TokenProvider', () =>
        this.tokenProvider.getToken(user, target),
      ),
    ]);
    const claims = parseWith(PandiumUserClaimsDto, claimsOutput);
    if (claims.value === undefined) {
      throw this.fail(
        PandiumStrategyError.invalidOutput('ClaimsProvider', claims.problems),
      );
    }
    const connector = parseWith(ConnectorTokenDto, { token: tokenOutput });
    if (connector.value === undefined) {
      throw this.fail(
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
    return this.signer.sign(claims.value, xti);
  }

  private async run<T>(
    strategy: string,
    call: () => T | Promise<T>,
  ): Promise<T> {
    try {
      return await call();
    } catch (cause) {
      if (cause instanceof HttpException && cause.getStatus() < 500) {
        throw cause;
      }
      throw this.fail(PandiumStrategyError.failed(strategy, cause));
    }
  }

  private fail(error: PandiumStrategyError): PandiumStrategyFailedException {
    const cause = error.cause instanceof Error ? error.cause.stack : undefined;
    this.logger.error(error.message, cause);
    return new PandiumStrategyFailedException();
  }
}

function expiry(
  signed: PandiumSignedToken,
): Pick<PandiumEmbedUrl, 'expiresAt' | 'expiresIn'> {
  return {
    expiresAt: new Date(signed.expiresAt * 1000).toISOString(),
    expiresIn: signed.expiresAt - signed.issuedAt,
  };
}
