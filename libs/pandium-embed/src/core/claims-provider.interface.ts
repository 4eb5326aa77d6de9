import type { PandiumUserClaims } from './pandium-claims.interface.js';
import type { PandiumEmbedTarget } from './pandium-integration.interface.js';

/**
 * Says who a user is to Pandium. Implemented by the host app; the only source of claims (nothing a client
 * sends becomes a claim). Its output is validated before signing.
 *
 * @typeParam TUser the host app's authenticated user, as its guard puts it on the request.
 * @publicApi
 */
export interface ClaimsProvider<TUser = unknown> {
  /**
   * Returns `sub` and the tenant information (`ti`) for this user.
   *
   * @param user the authenticated user.
   * @param target the page being opened: an integration's install flow or the marketplace.
   * @returns the claims, or a promise of them.
   */
  getClaims(
    user: TUser,
    target: PandiumEmbedTarget,
  ): PandiumUserClaims | Promise<PandiumUserClaims>;
}
