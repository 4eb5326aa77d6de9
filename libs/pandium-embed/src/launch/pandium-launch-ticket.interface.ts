/**
 * A launch ticket issued by `PandiumLaunchTicketService.createLaunchTicket`: an opaque, single-use credential that
 * `redeemLaunchTicket` turns into a signed Pandium URL, within `launchTicketTtlSeconds`.
 *
 * @publicApi
 */
export interface PandiumLaunchTicket {
  /** The ticket: a bearer credential until it expires. Never log it. */
  ticket: string;
  /** When the ticket expires, as an ISO 8601 timestamp. */
  expiresAt: string;
  /** Seconds until the ticket expires. */
  expiresIn: number;
  /** The origin of the Pandium pages the ticket opens (the issuing instance's), for `postMessage` checks. */
  pandiumOrigin: string;
}

/**
 * The answer of `POST <prefix>/launch-tickets`: the path to give an iframe as its `src`.
 *
 * @internal
 */
export interface PandiumLaunchLink {
  /** `<prefix>/launch/<ticket>`, a path on this app: it needs no `Authorization` header and works once. */
  launchUrl: string;
  /** Seconds until the ticket expires. */
  expiresIn: number;
  /** When the ticket expires, as an ISO 8601 timestamp. */
  expiresAt: string;
  /** The origin of Pandium's pages, the only one to accept `postMessage` events from. */
  pandiumOrigin: string;
}
