import {
  Controller,
  Get,
  HttpStatus,
  Inject,
  Param,
  Req,
  UseInterceptors,
} from '@nestjs/common';
import { DEFAULT_ROUTE_PATH } from '../options/pandium-embed.defaults.js';
import { PANDIUM_LAUNCH_TICKET_SOURCE } from '../pandium-embed.tokens.js';
import type { PandiumLaunchTicketSource } from './pandium-launch-ticket-source.interface.js';
import type { PandiumLaunchRedirect } from './pandium-launch-redirect.interceptor.js';
import { RedirectsToPandium } from './pandium-launch.controller.js';
import { PandiumLaunchRateLimitInterceptor } from '../rate-limit/pandium-launch-rate-limit.interceptor.js';
import {
  bindingCookieOf,
  isBrowserRequest,
} from './launch-browser-binding.util.js';

/**
 * `GET <prefix>/launch/:ticket`: redeems a launch ticket from `POST <prefix>/launch-tickets`. It runs none of the
 * host app's guards and needs no `Authorization` header (an iframe cannot send one): the ticket is the credential,
 * single-use and short-lived. It answers `302` to a Pandium URL signed now for the user the ticket was issued to,
 * or an HTML page: 404 for a ticket this app did not issue, 410 for one used or expired, 403 for one a browser
 * loads without the cookie of the browser that asked for it, 503 when the ticket store is down. `HEAD` gets a 405
 * (`Allow: GET`): a link checker must not use up the ticket. Tickets this app did not issue are limited per client
 * IP (`controller.launch.redeemRateLimit`); a ticket whose MAC holds never gets a 429.
 *
 * The module registers a subclass with the configured prefix; `controller.launch: false` leaves it out.
 *
 * @publicApi
 */
@Controller(DEFAULT_ROUTE_PATH)
export class PandiumLaunchTicketController<TUser = unknown> {
  constructor(
    @Inject(PANDIUM_LAUNCH_TICKET_SOURCE)
    protected readonly tickets: PandiumLaunchTicketSource<TUser>,
  ) {}

  /** `GET <prefix>/launch/:ticket`: 302 to a fresh signed URL for the ticket's user and target. */
  @Get('launch/:ticket')
  @RedirectsToPandium()
  @UseInterceptors(PandiumLaunchRateLimitInterceptor)
  async redeem(
    @Req() request: object,
    @Param('ticket') ticket: string,
  ): Promise<PandiumLaunchRedirect> {
    const { url } = await this.tickets.redeemLaunchTicket(ticket, {
      browser: isBrowserRequest(request),
      binding: bindingCookieOf(request),
    });
    return { url, statusCode: HttpStatus.FOUND };
  }
}
