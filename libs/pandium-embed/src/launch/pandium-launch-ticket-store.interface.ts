/**
 * What a launch ticket opens: one integration's install flow, or the marketplace.
 *
 * @publicApi
 */
export type PandiumLaunchTarget =
  { kind: 'install'; integrationId: string } | { kind: 'marketplace' };

/**
 * Where launch tickets live between `POST <prefix>/launch-tickets` and `GET <prefix>/launch/:ticket`. The default
 * keeps them in this process's memory; behind a load balancer every instance must see the same tickets, so use a
 * shared store such as `RedisLaunchTicketStore` from `pandium-embed/redis`.
 *
 * A store keeps an opaque string per ticket id: the library writes it (the ticket's user and target as JSON, behind
 * an HMAC that binds them to the ticket) and must get exactly that string back. A value changed in the store, or
 * moved to another ticket, is refused (503). A store failure (it throws or rejects) answers 503, never a redirect.
 *
 * @publicApi
 */
export interface PandiumLaunchTicketStore {
  /**
   * Keeps a new ticket's value.
   *
   * @param id the ticket's random id (128 bits, base64url). A shared store should key on a hash of it, not the id.
   * @param value what the ticket is bound to, sealed: keep it byte for byte.
   * @param ttlMs how long to keep it, in milliseconds; after that it may be dropped.
   */
  save(id: string, value: string, ttlMs: number): Promise<void>;

  /**
   * Removes and returns a ticket's value in one atomic step, so that of concurrent calls for one id, across every
   * instance sharing the store, exactly one gets the value.
   *
   * @param id the ticket's random id.
   * @returns the value as saved, or `undefined` when the id is unknown, already taken or expired.
   */
  take(id: string): Promise<string | undefined>;
}
