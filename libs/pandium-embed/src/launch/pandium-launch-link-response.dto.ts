import type { PandiumLaunchLink } from './pandium-launch-ticket.interface.js';

/**
 * The body of `POST <prefix>/launch-tickets`: a single-use path to give an iframe as its `src`. The class form of
 * {@link PandiumLaunchLink}, for the OpenAPI document.
 *
 * @publicApi
 */
export class PandiumLaunchLinkResponseDto implements PandiumLaunchLink {
  /** `<prefix>/launch/<ticket>`, a path on this app: it needs no `Authorization` header and works once. */
  launchUrl!: string;
  /** Seconds until the ticket expires. */
  expiresIn!: number;
  /** When the ticket expires, as an ISO 8601 timestamp. */
  expiresAt!: string;
  /** The origin of Pandium's pages, the only one to accept `postMessage` events from. */
  pandiumOrigin!: string;
}
