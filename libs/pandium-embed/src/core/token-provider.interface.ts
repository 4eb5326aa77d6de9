import type { PandiumEmbedTarget } from './pandium-integration.interface.js';

/**
 * Gives Pandium a credential for the host app's own connector, signed as `ti.xti.token`, so the user's
 * integration can call the host app's API. Implemented by the host app. The token never reaches a log.
 *
 * @typeParam TUser the host app's authenticated user.
 * @publicApi
 */
export interface TokenProvider<TUser = unknown> {
  /**
   * Returns the connector token for this user (prefer a short-lived one, minted per call).
   *
   * @param user the authenticated user.
   * @param target the page being opened.
   * @returns the token (1–4096 printable characters), or a promise of it.
   */
  getToken(user: TUser, target: PandiumEmbedTarget): string | Promise<string>;
}
