import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { ClaimsProvider } from './claims-provider.interface.js';
import type { IntegrationCatalog } from './integration-catalog.interface.js';
import type { PandiumIntegration } from './pandium-integration.interface.js';
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
import type {
  PandiumIntegrationActions,
  PandiumSyncResult,
} from './pandium-integration-actions.interface.js';
import type { ResolvedPandiumEmbedOptions } from '../options/pandium-embed-options.validator.js';
import {
  PANDIUM_INTEGRATION_ACTIONS,
  PANDIUM_RESOLVED_OPTIONS,
  PANDIUM_STATUS_SOURCE,
} from '../pandium-embed.tokens.js';
import { expiryOf, logIssuedUrl } from './issued-url.util.js';
import { PandiumStrategyCaller } from './strategy-caller.util.js';
import { PandiumStrategyOutputs } from './pandium-strategy.outputs.js';
import { PandiumJwtSigner } from '../signing/pandium-jwt.signer.js';
import { PandiumUrlBuilder } from '../signing/pandium-url.builder.js';
import type { PandiumTargetSigning } from './pandium-target-token.util.js';
import { signTarget } from './pandium-target-token.util.js';
import { pandiumTelemetryOn } from '../telemetry/pandium-span.util.js';
import { observeIssue } from '../telemetry/pandium-issue.telemetry.js';
import { observeOperation } from '../telemetry/pandium-operation.telemetry.js';
import { PandiumIntegrationLifecycle } from './pandium-integration.lifecycle.js';

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

  private readonly outputs: PandiumStrategyOutputs<TUser>;

  private readonly signing: PandiumTargetSigning<TUser>;

  private readonly lifecycle: PandiumIntegrationLifecycle<TUser>;

  constructor(
    @InjectClaimsProvider() claimsProvider: ClaimsProvider<TUser>,
    @InjectTokenProvider() tokenProvider: TokenProvider<TUser>,
    @InjectIntegrationCatalog() catalog: IntegrationCatalog<TUser>,
    signer: PandiumJwtSigner,
    private readonly urls: PandiumUrlBuilder,
    @Inject(PANDIUM_RESOLVED_OPTIONS) options: ResolvedPandiumEmbedOptions,
    @Optional()
    @Inject(PANDIUM_STATUS_SOURCE)
    statusSource: PandiumStatusSource | null = null,
    @Optional()
    @Inject(PANDIUM_INTEGRATION_ACTIONS)
    actions: PandiumIntegrationActions | null = null,
  ) {
    this.strategies = new PandiumStrategyCaller(
      this.logger,
      options.strategyTimeoutMs,
    );
    this.outputs = new PandiumStrategyOutputs(
      this.strategies,
      claimsProvider,
      tokenProvider,
      catalog,
    );
    this.signing = {
      outputs: this.outputs,
      strategies: this.strategies,
      signer,
    };
    this.lifecycle = new PandiumIntegrationLifecycle(
      this.logger,
      this.strategies,
      this.outputs,
      statusSource,
      actions,
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
  listIntegrations(user: TUser): Promise<PandiumCatalogEntry[]> {
    return pandiumTelemetryOn()
      ? observeOperation('pandium.integrations.list', undefined, () =>
          this.lifecycle.list(user),
        )
      : this.lifecycle.list(user);
  }

  /**
   * The integration with this id in the user's catalog, found as {@link createInstallUrl} finds it.
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
      this.outputs.findIntegration(user, integrationId, deadline),
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
  createInstallUrl(
    user: TUser,
    integrationId: string,
  ): Promise<PandiumInstallUrl> {
    return pandiumTelemetryOn()
      ? observeIssue('install', integrationId, () =>
          this.issueInstallUrl(user, integrationId),
        )
      : this.issueInstallUrl(user, integrationId);
  }

  private async issueInstallUrl(
    user: TUser,
    integrationId: string,
  ): Promise<PandiumInstallUrl> {
    const { integration, signed } = await this.strategies.withDeadline(
      async (deadline) => {
        const found = await this.outputs.findIntegration(
          user,
          integrationId,
          deadline,
        );
        // The next step's calls get the whole time limit again, as the catalog call did.
        deadline.restart();
        return {
          integration: found,
          signed: await signTarget(
            this.signing,
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
  createMarketplaceUrl(user: TUser): Promise<PandiumEmbedUrl> {
    return pandiumTelemetryOn()
      ? observeIssue('marketplace', undefined, () =>
          this.issueMarketplaceUrl(user),
        )
      : this.issueMarketplaceUrl(user);
  }

  private async issueMarketplaceUrl(user: TUser): Promise<PandiumEmbedUrl> {
    const signed = await this.strategies.withDeadline((deadline) =>
      signTarget(this.signing, user, { kind: 'marketplace' }, deadline),
    );
    const url = this.urls.marketplaceUrl(signed.token);
    logIssuedUrl(this.logger, 'a marketplace URL', signed, url);
    return { url, ...expiryOf(signed) };
  }

  /**
   * Starts a run of the user's live tenant of this integration, found through Pandium's tenant list for their `sub`
   * (the ClaimsProvider's, marketplace target), never through an id a client sends; the integration must be in the
   * user's catalog. Logs one audit line and drops the user's cached statuses.
   *
   * @throws {PandiumHttpException} `PANDIUM_API_KEY_MISSING` (501) without an `apiKey`; 404
   *   `PANDIUM_INTEGRATION_NOT_FOUND` (not in the catalog) or `PANDIUM_TENANT_NOT_FOUND` (no live tenant);
   *   `PANDIUM_API_FAILED` (502), `PANDIUM_API_BUSY` (503, `retryAfterSeconds`) or `PANDIUM_API_TIMEOUT` (504) from
   *   Pandium's API; `PANDIUM_STRATEGY_FAILED` (502) or `PANDIUM_STRATEGY_TIMEOUT` (504) as {@link listIntegrations}.
   */
  runIntegration(
    user: TUser,
    integrationId: string,
  ): Promise<PandiumSyncResult> {
    return pandiumTelemetryOn()
      ? observeOperation('pandium.integration.run', integrationId, () =>
          this.lifecycle.run(user, integrationId),
        )
      : this.lifecycle.run(user, integrationId);
  }

  /**
   * Archives the user's live tenant of this integration, found as {@link runIntegration} finds it, in their catalog
   * or not: a user may always remove their own tenant (after a downgrade, say). Logs one audit line.
   *
   * @throws {PandiumHttpException} what {@link runIntegration} throws, but `PANDIUM_INTEGRATION_NOT_FOUND`.
   */
  uninstallIntegration(user: TUser, integrationId: string): Promise<void> {
    return pandiumTelemetryOn()
      ? observeOperation('pandium.integration.uninstall', integrationId, () =>
          this.lifecycle.uninstall(user, integrationId),
        )
      : this.lifecycle.uninstall(user, integrationId);
  }

  /**
   * Makes the user's next {@link listIntegrations} read Pandium again (after `pandium-save-sync`), at most once per
   * user per 5 s, so a client cannot make us call Pandium at will. Without an `apiKey`, it does nothing.
   *
   * @throws {PandiumHttpException} 502 or 504 when the ClaimsProvider fails or does not answer in time.
   */
  refreshStatuses(user: TUser): Promise<void> {
    return pandiumTelemetryOn()
      ? observeOperation('pandium.statuses.refresh', undefined, () =>
          this.lifecycle.refresh(user),
        )
      : this.lifecycle.refresh(user);
  }
}
