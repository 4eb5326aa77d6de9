/**
 * What a launch ticket keeps of its user (the `launchUserSerializer` option), as Passport's `serializeUser` and
 * `deserializeUser` do for a session: an id in the ticket store, the user loaded again when the ticket is redeemed.
 * Without one, a ticket keeps the whole user as JSON.
 *
 * Both methods are strategies: a throw or rejection is logged with a correlation id and answers 502 (504 after
 * `strategyTimeoutMs`), and nothing is signed.
 *
 * @example
 * ```ts
 * @Injectable()
 * class UserIdSerializer implements PandiumLaunchUserSerializer<User, string> {
 *   constructor(private readonly users: UsersService) {}
 *   serializeUser(user: User): string { return user.id; }
 *   deserializeUser(id: string): Promise<User | undefined> { return this.users.findActive(id); }
 * }
 * ```
 * @typeParam TUser the host app's authenticated user.
 * @typeParam TStored what a ticket keeps for the user.
 * @publicApi
 */
export interface PandiumLaunchUserSerializer<
  TUser = unknown,
  TStored = unknown,
> {
  /**
   * What a ticket keeps for this user, when it is issued: kept as JSON (a string, a number, a small object), so
   * keep it small and free of personal data. `undefined`, or a value JSON cannot hold, is refused (502).
   */
  serializeUser(user: TUser): TStored | Promise<TStored>;

  /**
   * The user for what {@link serializeUser} returned (as JSON gave it back), when the ticket is redeemed: the
   * strategies then sign for this user. `undefined` or `null` when the user no longer exists or may no longer open
   * Pandium: the redemption is refused with a 404 page, and nothing is signed.
   */
  deserializeUser(
    stored: TStored,
  ): TUser | null | undefined | Promise<TUser | null | undefined>;
}
