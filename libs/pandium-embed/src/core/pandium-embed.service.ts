import { Inject, Injectable, Logger } from '@nestjs/common';
import { logCorrelatedError } from '../errors/correlated-error.util.js';
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
import type { PandiumJsonValue } from './pandium-claims.interface.js';
import type {
  PandiumLaunchTarget,
  PandiumLaunchTicketRecord,
  PandiumLaunchTicketStore,
} from '../launch/pandium-launch-ticket-store.interface.js';
import type { PandiumLaunchTicket } from '../launch/pandium-launch-ticket.interface.js';
import type { TokenProvider } from './token-provider.interface.js';
import {
  InjectClaimsProvider,
  InjectIntegrationCatalog,
  InjectLaunchTicketStore,
  InjectTokenProvider,
} from '../pandium-embed.decorators.js';
import type { ResolvedPandiumEmbedOptions } from '../options/pandium-embed-options.validator.js';
import { INTEGRATION_ID_PATTERN } from '../signing/pandium-jwt.constants.js';
import { PANDIUM_RESOLVED_OPTIONS } from '../pandium-embed.tokens.js';
import { describeThrown } from '../errors/describe-thrown.util.js';
import { PandiumEmbedError } from '../errors/pandium-embed.error.js';
import { PandiumErrorCode } from '../errors/pandium-error.codes.js';
import { PandiumHttpException } from '../errors/pandium-http.exception.js';
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
 * as a {@link PandiumHttpException} `PANDIUM_STRATEGY_FAILED` (502) or, past `strategyTimeoutMs`,
 * `PANDIUM_STRATEGY_TIMEOUT` (504), each carrying the same correlation id. A strategy may refuse a user on purpose by throwing an
 * `HttpException` with a 4xx status (e.g. `ForbiddenException`): that one passes through unchanged.
 *
 * Launch tickets ({@link createLaunchTicket}, {@link redeemLaunchTicket}) defer the signing to the moment an iframe
 * loads: the ticket is kept in the {@link PandiumLaunchTicketStore}, and redeeming it runs the same path as
 * {@link createInstallUrl} / {@link createMarketplaceUrl} for the user it was issued to.
 *
 * @typeParam TUser the host app's authenticated user.
 * @publicApi
 */
@Injectable()
export class PandiumEmbedService<TUser = unknown> {
  private readonly logger = new Logger(PandiumEmbedService.name);

  private readonly strategies: PandiumStrategyCaller;

  constructor(
    @InjectClaimsProvider()
    private readonly claimsProvider: ClaimsProvider<TUser>,
    @InjectTokenProvider() private readonly tokenProvider: TokenProvider<TUser>,
    @InjectIntegrationCatalog()
    private readonly catalog: IntegrationCatalog<TUser>,
    @InjectLaunchTicketStore()
    private readonly tickets: PandiumLaunchTicketStore,
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

  /**
   * Issues a single-use launch ticket bound to this user and target, valid for `launchTicketTtlSeconds`. Nothing is
   * signed for Pandium yet: {@link redeemLaunchTicket} does that when the iframe loads. The user is stored as JSON.
   *
   * @throws {PandiumHttpException} `PANDIUM_INTEGRATION_NOT_FOUND` (404) when an install target's id is not in the user's catalog.
   * @throws {PandiumHttpException} `PANDIUM_LAUNCH_UNAVAILABLE` (503) when the ticket store fails.
   * @throws {PandiumHttpException} `PANDIUM_STRATEGY_FAILED` (502) when the catalog fails, or the user cannot be stored as JSON.
   * @throws {PandiumHttpException} `PANDIUM_STRATEGY_TIMEOUT` (504) when the catalog does not answer in time.
   */
  async createLaunchTicket(
    user: TUser,
    target: PandiumLaunchTarget,
  ): Promise<PandiumLaunchTicket> {
    if (target.kind === 'install') {
      // Checked now as well as at redemption, so a wrong id fails where the app can still show it.
      await this.findIntegration(user, target.integrationId);
    }
    const stored = this.storableUser(user);
    const signed = this.signer.signLaunchTicket();
    const fields: Omit<PandiumLaunchTicketRecord, 'mac'> =
      target.kind === 'install'
        ? {
            kind: 'install',
            integrationId: target.integrationId,
            user: stored,
            expiresAt: signed.expiresAt,
          }
        : { kind: 'marketplace', user: stored, expiresAt: signed.expiresAt };
    // Sealed, so that whoever can write to a shared store cannot put another user or target on a ticket they hold.
    const record: PandiumLaunchTicketRecord = {
      ...fields,
      mac: this.signer.sealLaunchTicketRecord(signed.id, fields),
    };
    await this.useTicketStore('save', () =>
      this.tickets.save(signed.id, record, signed.expiresIn * 1000),
    );
    this.logger.debug(
      `Issued a launch ticket for ${describeTarget(record)} (expires in ${signed.expiresIn} s)`,
    );
    return {
      ticket: signed.ticket,
      expiresAt: new Date(signed.expiresAt * 1000).toISOString(),
      expiresIn: signed.expiresIn,
      pandiumOrigin: this.urls.origin,
    };
  }

  /**
   * Consumes a launch ticket and signs a fresh URL for the user and target it was issued for: the catalog and the
   * strategies run again now, so a user who lost access in between gets their refusal, not a URL.
   *
   * @throws {PandiumHttpException} `PANDIUM_LAUNCH_TICKET_NOT_FOUND` (404) for a ticket this app did not issue (malformed, tampered).
   * @throws {PandiumHttpException} `PANDIUM_LAUNCH_TICKET_USED` / `_EXPIRED` (410) for a ticket that expired or was already used.
   * @throws {PandiumHttpException} `PANDIUM_LAUNCH_UNAVAILABLE` (503) when the ticket store fails, or gives back a record that is
   *   malformed or not the one sealed for this ticket.
   * @throws what {@link createInstallUrl} and {@link createMarketplaceUrl} throw.
   */
  async redeemLaunchTicket(
    ticket: string,
  ): Promise<PandiumEmbedUrl | PandiumInstallUrl> {
    const check = this.signer.verifyLaunchTicket(ticket);
    if (check.status === 'invalid') {
      this.logger.debug('Refused a launch ticket this app did not issue');
      throw PandiumHttpException.launchTicketNotFound();
    }
    if (check.status === 'expired') {
      this.logger.debug('Refused an expired launch ticket');
      throw PandiumHttpException.launchTicketGone('expired');
    }
    const record = await this.useTicketStore('take', () =>
      this.tickets.take(check.id),
    );
    if (record === undefined) {
      this.logger.debug(
        'Refused a launch ticket that is not in the store: used already, or issued by an instance that does not ' +
          'share this store',
      );
      throw PandiumHttpException.launchTicketGone('used');
    }
    if (!isLaunchTicketRecord(record)) {
      throw this.ticketStoreFailed(
        'take',
        new Error('the store returned a malformed record'),
      );
    }
    if (!this.signer.launchTicketRecordMatches(check.id, record)) {
      throw this.ticketStoreFailed(
        'take',
        new Error(
          'the store returned a record whose MAC does not match: it was changed in the store, or moved there from ' +
            'another ticket',
        ),
      );
    }
    const user = record.user as TUser;
    this.logger.debug(`Redeemed a launch ticket for ${describeTarget(record)}`);
    return record.kind === 'install' && record.integrationId !== undefined
      ? this.createInstallUrl(user, record.integrationId)
      : this.createMarketplaceUrl(user);
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
      throw PandiumHttpException.integrationNotFound();
    }
    return integration;
  }

  /** The user as JSON, as every ticket store keeps it. */
  private storableUser(user: TUser): PandiumJsonValue {
    let text: string | undefined;
    try {
      text = JSON.stringify(user);
    } catch (cause) {
      throw this.strategies.fail(
        new PandiumEmbedError(
          PandiumErrorCode.USER_NOT_STORABLE,
          `The request's user cannot be stored in a launch ticket: JSON.stringify failed (${describeThrown(cause)}). ` +
            'Keep the user your guard sets a plain object, or use the URL routes.',
          { cause },
        ),
      );
    }
    if (text === undefined) {
      throw this.strategies.fail(
        new PandiumEmbedError(
          PandiumErrorCode.USER_NOT_STORABLE,
          "The request's user cannot be stored in a launch ticket: it has no JSON form.",
        ),
      );
    }
    return JSON.parse(text) as PandiumJsonValue;
  }

  /** Calls the ticket store; a failure is logged with a correlation id and answers 503. */
  private async useTicketStore<T>(
    operation: 'save' | 'take',
    call: () => Promise<T>,
  ): Promise<T> {
    try {
      return await call();
    } catch (cause) {
      throw this.ticketStoreFailed(operation, cause);
    }
  }

  private ticketStoreFailed(
    operation: 'save' | 'take',
    cause: unknown,
  ): PandiumHttpException {
    return PandiumHttpException.launchUnavailable(
      logCorrelatedError(
        this.logger,
        `The launch ticket store failed to ${operation} a ticket (${describeThrown(cause)})`,
      ),
    );
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

/** What a ticket is for, for a log line. */
function describeTarget(record: PandiumLaunchTicketRecord): string {
  return record.kind === 'install'
    ? `an install of integration ${record.integrationId}`
    : 'the marketplace';
}

/** What a store gave back has the fields redemption reads (a shared store might hold anything). */
function isLaunchTicketRecord(
  value: unknown,
): value is PandiumLaunchTicketRecord {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const { kind, integrationId, user, mac } = value as Record<string, unknown>;
  return (
    typeof mac === 'string' &&
    user !== undefined &&
    user !== null &&
    (kind === 'marketplace' ||
      (kind === 'install' &&
        typeof integrationId === 'string' &&
        INTEGRATION_ID_PATTERN.test(integrationId)))
  );
}

function expiry(
  signed: PandiumSignedToken,
): Pick<PandiumEmbedUrl, 'expiresAt' | 'expiresIn'> {
  return {
    expiresAt: new Date(signed.expiresAt * 1000).toISOString(),
    expiresIn: signed.expiresIn,
  };
}
