import {
  applyDecorators,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Inject,
  Param,
  Post,
  Req,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { InstallUrlParamsDto } from './install-url-params.dto.js';
import type {
  PandiumEmbedUrl,
  PandiumInstallUrl,
} from '../core/pandium-embed-url.interface.js';
import type { PandiumCatalogEntry } from '../core/pandium-integration-status.interface.js';
import { requireUser } from './pandium-authenticated.guard.js';
import {
  DEFAULT_ROUTE_PATH,
  DEFAULT_USER_PROPERTY,
} from '../options/pandium-embed.defaults.js';
import type { PandiumLinkSource } from '../core/pandium-link-source.interface.js';
import { PANDIUM_LINK_SOURCE } from '../pandium-embed.tokens.js';
import { PandiumRateLimitGuard } from '../rate-limit/pandium-rate-limit.guard.js';
import { IntegrationIdParamsPipe } from './integration-id-params.pipe.js';
import { ChangesState } from './pandium-same-site.guard.js';
import { PandiumRetryAfterInterceptor } from './pandium-retry-after.interceptor.js';
import type { PandiumSyncResult } from '../core/pandium-integration-actions.interface.js';

const paramsPipe = new IntegrationIdParamsPipe();

/**
 * A route that answers a signed token: rate-limited per user, never cached, never sent on as a Referer.
 *
 * @internal
 */
function SignsToken(): MethodDecorator {
  return applyDecorators(
    UseGuards(PandiumRateLimitGuard),
    Header('Cache-Control', 'no-store'),
    Header('Referrer-Policy', 'no-referrer'),
  );
}

/**
 * A route that changes state for the signed-in user: refused from another site ({@link PandiumSameSiteGuard}),
 * rate-limited per user, never cached, a busy Pandium's wait passed on as `Retry-After`.
 *
 * @internal
 */
function Acts(status: number): MethodDecorator {
  return applyDecorators(
    ChangesState(),
    UseGuards(PandiumRateLimitGuard),
    UseInterceptors(PandiumRetryAfterInterceptor),
    HttpCode(status),
    Header('Cache-Control', 'no-store'),
  );
}

/**
 * The REST routes the host app's front end calls. The module registers a subclass with the configured route
 * prefix and guards (the host app's, then {@link PandiumAuthenticatedGuard}, then {@link PandiumNoInputGuard}:
 * no route takes a query string or a body, since claims come from the server-side strategies only); this class
 * holds the routes.
 *
 * @internal
 */
@Controller(DEFAULT_ROUTE_PATH)
export class PandiumEmbedController<TUser = unknown> {
  /** The request property the host app's guard stores the user in. */
  protected readonly userProperty: string = DEFAULT_USER_PROPERTY;

  constructor(
    @Inject(PANDIUM_LINK_SOURCE)
    protected readonly pandium: PandiumLinkSource<TUser>,
  ) {}

  /** `GET <prefix>/integrations`: the integrations this user may install. */
  @Get('integrations')
  listIntegrations(@Req() request: object): Promise<PandiumCatalogEntry[]> {
    return this.pandium.listIntegrations(this.userOf(request));
  }

  /** `GET <prefix>/integrations/:integrationId/install-url`: a fresh signed install URL. */
  @Get('integrations/:integrationId/install-url')
  @SignsToken()
  createInstallUrl(
    @Req() request: object,
    @Param(paramsPipe) { integrationId }: InstallUrlParamsDto,
  ): Promise<PandiumInstallUrl> {
    return this.pandium.createInstallUrl(this.userOf(request), integrationId);
  }

  /**
   * `POST <prefix>/integrations/refresh`: the user's next catalog read asks Pandium again (after
   * `pandium-save-sync`), at most once per user per 5 s. Declared before the `:integrationId` routes.
   */
  @Post('integrations/refresh')
  @Acts(204)
  async refreshStatuses(@Req() request: object): Promise<void> {
    await this.pandium.refreshStatuses(this.userOf(request));
  }

  /** `POST <prefix>/integrations/:integrationId/sync`: starts a run of the user's own tenant (202). */
  @Post('integrations/:integrationId/sync')
  @Acts(202)
  runIntegration(
    @Req() request: object,
    @Param(paramsPipe) { integrationId }: InstallUrlParamsDto,
  ): Promise<PandiumSyncResult> {
    return this.pandium.runIntegration(this.userOf(request), integrationId);
  }

  /** `DELETE <prefix>/integrations/:integrationId/tenant`: archives the user's own tenant (204). */
  @Delete('integrations/:integrationId/tenant')
  @Acts(204)
  async uninstallIntegration(
    @Req() request: object,
    @Param(paramsPipe) { integrationId }: InstallUrlParamsDto,
  ): Promise<void> {
    await this.pandium.uninstallIntegration(
      this.userOf(request),
      integrationId,
    );
  }

  /** `GET <prefix>/marketplace-url`: a fresh signed marketplace URL. */
  @Get('marketplace-url')
  @SignsToken()
  createMarketplaceUrl(@Req() request: object): Promise<PandiumEmbedUrl> {
    return this.pandium.createMarketplaceUrl(this.userOf(request));
  }

  /**
   * The authenticated user of this request. Override to read it from elsewhere.
   *
   * @throws {PandiumHttpException} `PANDIUM_UNAUTHENTICATED` (401) when there is none.
   */
  protected userOf(request: object): TUser {
    return requireUser(request, this.userProperty) as TUser;
  }
}
