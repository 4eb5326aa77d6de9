import type {
  PandiumEmbedUrl,
  PandiumInstallUrl,
} from '../core/pandium-embed-url.interface.js';
import type { PandiumLaunchTarget } from './pandium-launch-ticket-store.interface.js';
import type { PandiumLaunchTicket } from './pandium-launch-ticket.interface.js';

/**
 * Who redeems a launch ticket, as far as its binding to a browser goes.
 *
 * @internal
 */
export interface PandiumLaunchRedeemer {
  /** Whether a browser sent the request (it carries fetch metadata: `Sec-Fetch-Site` or `Sec-Fetch-Dest`). */
  browser: boolean;
  /** The browser-binding cookie the request carried, if any. */
  binding?: string;
}

/**
 * A source of launch tickets: what the launch controllers call to issue and redeem them, beside the
 * `PandiumLinkSource` they sign through. {@link PandiumLaunchTicketService} implements it for one Pandium account,
 * `PandiumInstanceRouter` for several (a ticket then names the instance that issued it).
 *
 * @typeParam TUser the host app's authenticated user.
 * @internal
 */
export interface PandiumLaunchTicketSource<TUser = unknown> {
  /**
   * Issues a single-use launch ticket bound to this user and target, valid for `launchTicketTtlSeconds`. Nothing is
   * signed for Pandium yet: {@link redeemLaunchTicket} does that when the iframe loads.
   *
   * @param binding the browser-binding cookie of the browser that asks (see `launch-browser-binding.util.ts`): a
   *   browser must show it to redeem the ticket. Without it, any client may redeem the ticket.
   * @throws {PandiumHttpException} `PANDIUM_INTEGRATION_NOT_FOUND` (404) when an install target's id is not in the user's catalog.
   * @throws {PandiumHttpException} `PANDIUM_LAUNCH_UNAVAILABLE` (503) when the ticket store fails.
   * @throws {PandiumHttpException} `PANDIUM_STRATEGY_FAILED` (502) when a strategy fails, or the user cannot be stored as JSON.
   * @throws {PandiumHttpException} `PANDIUM_STRATEGY_TIMEOUT` (504) when a strategy does not answer in time.
   */
  createLaunchTicket(
    user: TUser,
    target: PandiumLaunchTarget,
    binding?: string,
  ): Promise<PandiumLaunchTicket>;

  /**
   * Consumes a launch ticket and signs a fresh URL for the user and target it was issued for.
   *
   * @param redeemer whether a browser redeems it, and the binding cookie it showed; without it, no binding is checked.
   * @throws {PandiumHttpException} `PANDIUM_LAUNCH_TICKET_NOT_FOUND` (404) for a ticket this app did not issue (malformed, tampered).
   * @throws {PandiumHttpException} `PANDIUM_LAUNCH_TICKET_USED` / `_EXPIRED` (410) for a ticket that expired or was already used.
   * @throws {PandiumHttpException} `PANDIUM_LAUNCH_WRONG_BROWSER` (403) for a ticket bound to a browser, redeemed by
   *   a browser without its cookie.
   * @throws {PandiumHttpException} `PANDIUM_LAUNCH_USER_NOT_FOUND` (404) when `deserializeUser` finds no user.
   * @throws {PandiumHttpException} `PANDIUM_LAUNCH_UNAVAILABLE` (503) when the ticket store fails, or gives back a value that is not
   *   the one sealed for this ticket.
   * @throws what `createInstallUrl` and `createMarketplaceUrl` throw.
   */
  redeemLaunchTicket(
    ticket: string,
    redeemer?: PandiumLaunchRedeemer,
  ): Promise<PandiumEmbedUrl | PandiumInstallUrl>;
}
