/**
 * Picks which named instance (`PandiumEmbedModule.forRoot({ name })`) serves a user: their region, brand or
 * Pandium account. Used by `PandiumEmbedRouterModule` on every route for signed-in users.
 *
 * @typeParam TUser the host app's authenticated user.
 * @publicApi
 */
export interface PandiumInstanceSelector<TUser = unknown> {
  /**
   * The name of the instance for this user. Throw an `HttpException` with a 4xx status to refuse the user on
   * purpose; any other failure, or a name no instance has, answers a logged 502.
   *
   * @param user the authenticated user, as the host app's guard left it on the request.
   */
  selectInstance(user: TUser): string | Promise<string>;
}
