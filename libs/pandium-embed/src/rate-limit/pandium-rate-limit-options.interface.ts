/**
 * A fixed-window request budget per user.
 *
 * @publicApi
 */
export interface PandiumRateLimitOptions {
  /** Requests allowed per window. @default 30 */
  limit?: number;
  /** Length of the window in seconds. @default 60 */
  windowSeconds?: number;
}

/** A fixed-window budget with its defaults applied. @internal */
export interface ResolvedRateLimit {
  readonly limit: number;
  readonly windowSeconds: number;
}

/**
 * The resolved route settings the rate-limit guards read (a part of the controller settings, under the same token).
 *
 * @internal
 */
export interface ResolvedRateLimitSettings {
  /** The request property the user is read from. */
  readonly userProperty: string;
  /** `undefined` when rate limiting is off. */
  readonly rateLimit: ResolvedRateLimit | undefined;
  /** The key a user's requests are counted under; `undefined` for the default. */
  readonly rateLimitKey:
    ((user: unknown) => string | number | undefined) | undefined;
  /** `undefined` when the launch routes are off. */
  readonly launch:
    | {
        /** Per client IP on `GET <prefix>/launch/:ticket`; `undefined` when off. */
        readonly redeemRateLimit: ResolvedRateLimit | undefined;
        /** Whether `POST <prefix>/launch-tickets` binds a ticket to the browser that asks for it. */
        readonly bindToBrowser: boolean;
      }
    | undefined;
}
