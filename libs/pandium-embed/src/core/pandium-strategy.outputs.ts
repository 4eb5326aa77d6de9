import {
  ConnectorTokenDto,
  PandiumUserClaimsDto,
} from '../signing/pandium-user-claims.dto.js';
import { compileSchema } from '../options/compiled-schema.util.js';
import { PandiumHttpException } from '../errors/pandium-http.exception.js';
import { PandiumErrorCode } from '../errors/pandium-error.codes.js';
import { PandiumStrategyError } from '../errors/pandium-strategy.error.js';
import type { ClaimsProvider } from './claims-provider.interface.js';
import type { IntegrationCatalog } from './integration-catalog.interface.js';
import type {
  PandiumEmbedTarget,
  PandiumIntegration,
} from './pandium-integration.interface.js';
import type { TokenProvider } from './token-provider.interface.js';
import type {
  PandiumStrategyCaller,
  PandiumStrategyDeadline,
} from './strategy-caller.util.js';
import type { CheckedCatalog } from './checked-catalog.cache.js';
import { CheckedCatalogCache } from './checked-catalog.cache.js';

// Compiled once: every strategy output is checked by these on every request, by the DTOs' rules.
const parseClaims = compileSchema(PandiumUserClaimsDto);
const parseConnectorToken = compileSchema(ConnectorTokenDto);

/**
 * The host app's strategies called under a request's deadline, their output checked: the catalog (checked once per
 * array when it returns the same frozen one), one integration of it, the user's claims and `sub`, and what a token is signed from. A
 * failure is the caller's logged 502/504 ({@link PandiumStrategyCaller.fail}).
 *
 * @typeParam TUser the host app's authenticated user.
 * @internal
 */
export class PandiumStrategyOutputs<TUser> {
  private readonly checkedCatalogs = new CheckedCatalogCache();

  constructor(
    private readonly strategies: PandiumStrategyCaller,
    private readonly claimsProvider: ClaimsProvider<TUser>,
    private readonly tokenProvider: TokenProvider<TUser>,
    private readonly catalog: IntegrationCatalog<TUser>,
  ) {}

  /** The user's catalog, checked (once per array when the catalog returns the same frozen one). */
  async checkedCatalog(
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

  /**
   * The integration with this id in the user's catalog (a copy, as the strategies may keep or change it).
   *
   * @throws {PandiumHttpException} `PANDIUM_INTEGRATION_NOT_FOUND` (404) when the id is not in the user's catalog.
   */
  async findIntegration(
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

  /** The user's claims from the ClaimsProvider, checked. */
  async claimsFor(
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

  /** The user's `sub`: the tenants' user name at Pandium (the claims of the marketplace target, checked). */
  async subOf(user: TUser, deadline: PandiumStrategyDeadline): Promise<string> {
    return (await this.claimsFor(user, { kind: 'marketplace' }, deadline)).sub;
  }

  /** The user's `sub`, under a deadline of its own. */
  subWithin(user: TUser): Promise<string> {
    return this.strategies.withDeadline((deadline) =>
      this.subOf(user, deadline),
    );
  }

  /** What a token is signed from: the user's claims and the connector token, asked together, each checked. */
  async signingInputs(
    user: TUser,
    target: PandiumEmbedTarget,
    deadline: PandiumStrategyDeadline,
  ): Promise<{ claims: PandiumUserClaimsDto; token: string }> {
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
    return { claims, token: connector.value.token };
  }
}
