import type { CanActivate, Type } from '@nestjs/common';
import {
  applyDecorators,
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  HttpStatus,
  Inject,
  Param,
  Post,
  Req,
  Res,
  UseFilters,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { InstallUrlParamsDto } from '../http/install-url-params.dto.js';
import { LaunchTicketRequestDto } from './launch-ticket-request.dto.js';
import type { PandiumLaunchLink } from './pandium-launch-ticket.interface.js';
import type { PandiumLaunchTarget } from './pandium-launch-ticket-store.interface.js';
import { requireUser } from '../http/pandium-authenticated.guard.js';
import {
  DEFAULT_ROUTE_PATH,
  DEFAULT_USER_PROPERTY,
} from '../options/pandium-embed.defaults.js';
import type { PandiumLinkSource } from '../core/pandium-link-source.interface.js';
import {
  PANDIUM_LAUNCH_TICKET_SOURCE,
  PANDIUM_LINK_SOURCE,
} from '../pandium-embed.tokens.js';
import type { PandiumLaunchTicketSource } from './pandium-launch-ticket-source.interface.js';
import { PandiumLaunchErrorFilter } from './pandium-launch-error.filter.js';
import { PandiumLaunchHeadGuard } from './pandium-launch-head.guard.js';
import {
  bindingCookieOf,
  newBindingValue,
  setBindingCookie,
} from './launch-browser-binding.util.js';
import type { PandiumLaunchRedirect } from './pandium-launch-redirect.interceptor.js';
import { PandiumLaunchRedirectInterceptor } from './pandium-launch-redirect.interceptor.js';
import { TakesBody } from '../http/pandium-no-input.guard.js';
import { PandiumRateLimitGuard } from '../rate-limit/pandium-rate-limit.guard.js';
import { PandiumValidationPipe } from '../http/pandium-validation.pipe.js';
import { IntegrationIdParamsPipe } from '../http/integration-id-params.pipe.js';

const inputPipe = new PandiumValidationPipe();
const paramsPipe = new IntegrationIdParamsPipe();

/**
 * A route an iframe loads: `HEAD` refused (405) before anything else, then `guards` (the rate limit), answered with a
 * body-less 302 to Pandium that is never cached nor sent on as a Referer, and with an HTML page on error.
 *
 * @internal
 */
export function RedirectsToPandium(
  ...guards: Type<CanActivate>[]
): MethodDecorator {
  return applyDecorators(
    UseGuards(PandiumLaunchHeadGuard, ...guards),
    UseFilters(PandiumLaunchErrorFilter),
    UseInterceptors(PandiumLaunchRedirectInterceptor),
    HttpCode(HttpStatus.FOUND),
    Header('Cache-Control', 'no-store'),
    Header('Referrer-Policy', 'no-referrer'),
  );
}

/**
 * The launch routes for signed-in users, beside the JSON ones of {@link PandiumEmbedController} and behind the same
 * guards (the host app's, then {@link PandiumAuthenticatedGuard}, then {@link PandiumNoInputGuard}, then the per-user
 * rate limit):
 *
 * - `GET <prefix>/integrations/:integrationId/launch` and `GET <prefix>/marketplace/launch`, for hosts whose session
 *   is a cookie: the iframe's `src` is the route itself, and it answers `302` to a freshly signed Pandium URL, so
 *   the token never passes through the page's JavaScript and cannot expire between fetch and load.
 * - `POST <prefix>/launch-tickets`, for front ends that authenticate with a header an iframe cannot send: it answers
 *   a single-use `launchUrl` (see {@link PandiumLaunchTicketController}) to use as the iframe's `src`.
 *
 * The module registers a subclass with the configured prefix and guards; `controller.launch: false` leaves it out.
 *
 * @internal
 */
@Controller(DEFAULT_ROUTE_PATH)
export class PandiumLaunchController<TUser = unknown> {
  /** The request property the host app's guard stores the user in. */
  protected readonly userProperty: string = DEFAULT_USER_PROPERTY;
  /** The route prefix, for a launch URL when the request's own path cannot give it. */
  protected readonly routePath: string = DEFAULT_ROUTE_PATH;
  /** Whether a ticket is bound to the browser that asked for it (`controller.launch.bindToBrowser`). */
  protected readonly bindsToBrowser: boolean = true;

  constructor(
    @Inject(PANDIUM_LINK_SOURCE)
    protected readonly pandium: PandiumLinkSource<TUser>,
    @Inject(PANDIUM_LAUNCH_TICKET_SOURCE)
    protected readonly tickets: PandiumLaunchTicketSource<TUser>,
  ) {}

  /** `GET <prefix>/integrations/:integrationId/launch`: 302 to a fresh signed install URL. */
  @Get('integrations/:integrationId/launch')
  @RedirectsToPandium(PandiumRateLimitGuard)
  async launchInstall(
    @Req() request: object,
    @Param(paramsPipe) { integrationId }: InstallUrlParamsDto,
  ): Promise<PandiumLaunchRedirect> {
    const { url } = await this.pandium.createInstallUrl(
      this.userOf(request),
      integrationId,
    );
    return { url, statusCode: HttpStatus.FOUND };
  }

  /** `GET <prefix>/marketplace/launch`: 302 to a fresh signed marketplace URL. */
  @Get('marketplace/launch')
  @RedirectsToPandium(PandiumRateLimitGuard)
  async launchMarketplace(
    @Req() request: object,
  ): Promise<PandiumLaunchRedirect> {
    const { url } = await this.pandium.createMarketplaceUrl(
      this.userOf(request),
    );
    return { url, statusCode: HttpStatus.FOUND };
  }

  /**
   * `POST <prefix>/launch-tickets` with `{ kind: 'install', integrationId }` or `{ kind: 'marketplace' }`: a
   * single-use launch URL for this user and target, valid for `launchTicketTtlSeconds`. Unless `bindToBrowser` is
   * off, the ticket is bound to this browser's binding cookie, set here when the browser has none yet.
   */
  @Post('launch-tickets')
  @TakesBody()
  @UseGuards(PandiumRateLimitGuard)
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  async createLaunchTicket(
    @Req() request: object,
    @Body(inputPipe) body: LaunchTicketRequestDto,
    @Res({ passthrough: true }) response: object,
  ): Promise<PandiumLaunchLink> {
    const user = this.userOf(request);
    // A browser keeps the binding it has, so tickets it asks for side by side all stay valid.
    const shown = bindingCookieOf(request);
    const binding = this.bindsToBrowser
      ? (shown ?? newBindingValue())
      : undefined;
    const { ticket, expiresAt, expiresIn, pandiumOrigin } =
      await this.tickets.createLaunchTicket(user, targetOf(body), binding);
    if (binding !== undefined && binding !== shown) {
      setBindingCookie(response, binding);
    }
    return {
      launchUrl: this.launchUrlOf(request, ticket),
      expiresIn,
      expiresAt,
      pandiumOrigin,
    };
  }

  /**
   * The path that redeems `ticket`: this request's own path with `launch-tickets` replaced by `launch/<ticket>`, so
   * a global prefix or a mount path is kept. Override when a proxy rewrites paths.
   */
  protected launchUrlOf(request: object, ticket: string): string {
    const { originalUrl, url } = request as {
      originalUrl?: unknown;
      url?: unknown;
    };
    const raw =
      typeof originalUrl === 'string'
        ? originalUrl
        : typeof url === 'string'
          ? url
          : '';
    // Only the parsed path: an absolute-form target (`POST http://evil.example/…`) must not put a host in the
    // answer, and neither may a path that starts with `//` (a protocol-relative URL).
    const path = URL.canParse(raw, 'http://localhost')
      ? new URL(raw, 'http://localhost').pathname
          .replace(/^\/+/, '/')
          .replace(/\/+$/, '')
      : '';
    return /\/launch-tickets$/i.test(path)
      ? `${path.slice(0, -'launch-tickets'.length)}launch/${ticket}`
      : `/${[...this.routePath.split('/'), 'launch', ticket].filter(Boolean).join('/')}`;
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

function targetOf({
  kind,
  integrationId,
}: LaunchTicketRequestDto): PandiumLaunchTarget {
  // The DTO made sure an install has an id and a marketplace none.
  return kind === 'install' && integrationId !== undefined
    ? { kind, integrationId }
    : { kind: 'marketplace' };
}
