/**
 * Remembers the deliveries the receiver has seen, so a delivery received twice within the window is dispatched
 * once. The default keeps them in this process's memory; behind a load balancer, give a shared store
 * (`RedisWebhookDeliveryStore` from `pandium-embed/redis`).
 *
 * @publicApi
 */
export interface PandiumWebhookDeliveryStore {
  /**
   * Records `deliveryId` for `ttlMs` milliseconds, atomically: resolves `true` when it was not recorded yet (a first
   * delivery, to dispatch), `false` when it already was (a repeat, acknowledged and not dispatched). Rejects when the
   * store cannot answer (the delivery is then dispatched, and the failure logged).
   */
  remember(deliveryId: string, ttlMs: number): Promise<boolean>;
}
