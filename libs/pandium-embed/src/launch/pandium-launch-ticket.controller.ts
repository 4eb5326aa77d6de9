import {
  Controller,
  Get,
  HttpStatus,
  Inject,
  Param,
  Req,
  Res,
} from '@nestjs/common';
import { PandiumHttpException } from '../errors/pandium-http.exception.js';
import { PandiumErrorCode } from '../errors/pandium-error.codes.js';
import { DEFAULT_ROUTE_PATH } from '../options/pandium-embed.defaults.js';
import { PANDIUM_LAUNCH_TICKET_SOURCE } from '../pandium-embed.tokens.js';
import type { PandiumLaunchTicketSource } from './pandium-launch-ticket-source.interface.js';
import type { PandiumLaunchRedirect } from './pandium-launch.controller.js';
import { RedirectsToPandium } from './pandium-launch.controller.js';
import { PandiumLaunchRateLimitGuard } from '../rate-limit/pandium-launch-rate-limit.guard.js';

/**
 * `GET <prefix>/launch/:ticket`: redeems a launch ticket from `POST <prefix>/launch-tickets`. It runs none of the
 * host app's guards and needs no `Authorization` header (an iframe cannot send one): the ticket is the credential,
 * single-use and short-lived. It answers `302` to a Pandium URL signed now for the user the ticket was issued to,
 * or an HTML page: 404 for a ticket this app did not issue, 410 for one used or expired, 503 when the ticket
 * store is down. Rate-limited per client IP (`controller.launch.redeemRateLimit`).
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

  /**
   * `GET <prefix>/launch/:ticket`: 302 to a fresh signed URL for the ticket's user and target.
   *
   * @throws {PandiumHttpException} `PANDIUM_LAUNCH_METHOD_NOT_ALLOWED` (405) for `HEAD` (which Express and Fastify
   *   route here), with `Allow: GET`: a link checker must not use up the ticket.
   */
  @Get('launch/:ticket')
  @RedirectsToPandium(PandiumLaunchRateLimitGuard)
  async redeem(
    @Req() request: { method?: string },
    @Param('ticket') ticket: string,
    @Res({ passthrough: true })
    response?: { header(name: string, value: string): unknown },
  ): Promise<PandiumLaunchRedirect> {
    if (request.method === 'HEAD') {
      // RFC 9110 §15.5.6: a 405 names the methods the resource does support.
      response?.header('Allow', 'GET');
      throw PandiumHttpException.of(PandiumErrorCode.LAUNCH_METHOD_NOT_ALLOWED);
    }
    const { url } = await this.tickets.redeemLaunchTicket(ticket);
    return { url, statusCode: HttpStatus.FOUND };
  }
}
