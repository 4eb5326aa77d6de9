import type { PandiumJsonValue } from '../core/pandium-claims.interface.js';

/**
 * What a launch ticket opens: one integration's install flow, or the marketplace.
 *
 * @publicApi
 */
export type PandiumLaunchTarget =
  { kind: 'install'; integrationId: string } | { kind: 'marketplace' };

/**
 * What a launch ticket is bound to, kept in the {@link PandiumLaunchTicketStore} until it is redeemed or expires.
 *
 * @publicApi
 */
export interface PandiumLaunchTicketRecord {
  /** `install` or `marketplace`. */
  kind: PandiumLaunchTarget['kind'];
  /** The integration, for `install`. */
  integrationId?: string;
  /**
   * The request's user as the host app's guard left it, as JSON: at redemption the strategies get this value
   * (so a `Date` comes back as a string, a class instance as a plain object).
   */
  user: PandiumJsonValue;
  /** When the ticket expires, in seconds since the epoch. */
  expiresAt: number;
  /**
   * HMAC-SHA256 of the other fields and the ticket's id, under a key derived from the shared secret (base64url):
   * a record changed in the store, or moved to another ticket, is refused (503) instead of redeemed. Keep it as is.
   */
  mac: string;
}

/**
 * Where launch tickets live between `POST <prefix>/launch-tickets` and `GET <prefix>/launch/:ticket`. The default
 * keeps them in this process's memory; behind a load balancer every instance must see the same tickets, so use a
 * shared store such as `RedisLaunchTicketStore` from `pandium-embed/redis`.
 *
 * A store failure (it throws or rejects) answers 503, never a redirect.
 *
 * @publicApi
 */
export interface PandiumLaunchTicketStore {
  /**
   * Keeps a new ticket's record.
   *
   * @param id the ticket's random id (128 bits, base64url). A shared store should key on a hash of it, not the id.
   * @param record what the ticket is bound to.
   * @param ttlMs how long to keep it, in milliseconds; after that it may be dropped.
   */
  save(
    id: string,
    record: PandiumLaunchTicketRecord,
    ttlMs: number,
  ): Promise<void>;

  /**
   * Removes and returns a ticket's record in one atomic step, so that of concurrent calls for one id, across every
   * instance sharing the store, exactly one gets the record.
   *
   * @param id the ticket's random id.
   * @returns the record, or `undefined` when the id is unknown, already taken or expired.
   */
  take(id: string): Promise<PandiumLaunchTicketRecord | undefined>;
}
