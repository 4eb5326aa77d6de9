import { HttpException, Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
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
import type { ResolvedPandiumEmbedOptions } from './pandium-embed-options.validator.js';
import { PANDIUM_RESOLVED_OPTIONS } from './pandium-embed.constants.js';
import {
  PandiumEmbedError,
  PandiumIntegrationNotFoundException,
  PandiumStrategyError,
  PandiumStrategyFailedException,
  PandiumStrategyTimeoutException,
  PandiumTokenTooLargeError,
} from './pandium-embed.exceptions.js';
import { redactTenantToken } from './utils/redact-tenant-token.util.js';
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
 * Strategy failures are logged here, with the strategy's name, the cause and a correlation id, and surface
 * as {@link PandiumStrategyFailedException} (502) or, past `strategyTimeoutMs`,
 * {@link PandiumStrategyTimeoutException} (504), each carrying the same correlation id. A strategy may refuse a user on purpose by throwing an
 * `HttpException` with a 4xx status (e.g. `ForbiddenException`): that one passes through unchanged.
 *
 * @typeParam TUser the host app's authenticated user.
 * @publicApi
 */
@Injectable()
export class PandiumEmbedService<TUser = unknown> {
  private readonly logger = new Logger(PandiumEmbedService.name);

  private readonly timeoutMs: number;

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
    this.timeoutMs = options.strategyTimeoutMs;
  }

  /**
   * The integrations this user may install.
   *
   * @throws {PandiumStrategyFailedException} when the catalog fails or returns invalid entries.
   * @throws {PandiumStrategyTimeoutException} when the catalog does not answer in time.
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
   * @throws {PandiumStrategyFailedException} when a strategy fails or returns invalid output, or the token
   *   is over `maxTokenBytes`.
   * @throws {PandiumStrategyTimeoutException} when a strategy does not answer in time.
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
   * @throws {PandiumStrategyFailedException} when a strategy fails or returns invalid output, or the token
   *   is over `maxTokenBytes`.
   * @throws {PandiumStrategyTimeoutException} when a strategy does not answer in time.
   */
  async createMarketplaceUrl(user: TUser): Promise<PandiumEmbedUrl> {
    const signed = await this.signFor(user, { kind: 'marketplace' });
    const url = this.urls.marketplaceUrl(signed.token);
    this.logIssued('a marketplace URL', signed, url);
    return { url, ...expiry(signed) };
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
    try {
      return this.signer.sign(claims.value, xti);
    } catch (error) {
      throw error instanceof PandiumTokenTooLargeError
        ? this.fail(error)
        : error;
    }
  }

  /** Calls a strategy with the timeout; anything but a deliberate 4xx becomes a logged 502 or 504. */
  private async run<T>(
    strategy: string,
    call: () => T | Promise<T>,
  ): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
      timer = setTimeout(() => resolve(TIMED_OUT), this.timeoutMs);
    });
    let outcome: T | typeof TIMED_OUT;
    try {
      // `then` turns a synchronous throw into a rejection, handled like any other.
      outcome = await Promise.race([Promise.resolve().then(call), timeout]);
    } catch (cause) {
      if (cause instanceof HttpException && cause.getStatus() < 500) {
        throw cause;
      }
      throw this.fail(PandiumStrategyError.failed(strategy, cause));
    } finally {
      clearTimeout(timer);
    }
    if (outcome === TIMED_OUT) {
      throw this.fail(PandiumStrategyError.timedOut(strategy, this.timeoutMs));
    }
    return outcome;
  }

  /** Logs the failure under a fresh correlation id, and makes the answer that carries the same id. */
  private fail(error: PandiumEmbedError): HttpException {
    const correlationId = randomUUID();
    const stack = error.cause instanceof Error ? error.cause.stack : undefined;
    this.logger.error(
      `${error.message} [correlationId ${correlationId}]`,
      stack,
    );
    return error instanceof PandiumStrategyError && error.reason === 'timeout'
      ? new PandiumStrategyTimeoutException(correlationId)
      : new PandiumStrategyFailedException(correlationId);
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

/** What the timeout resolves to: apart from anything a strategy could answer. */
const TIMED_OUT = Symbol('timed out');

function expiry(
  signed: PandiumSignedToken,
): Pick<PandiumEmbedUrl, 'expiresAt' | 'expiresIn'> {
  return {
    expiresAt: new Date(signed.expiresAt * 1000).toISOString(),
    expiresIn: signed.expiresIn,
  };
}
