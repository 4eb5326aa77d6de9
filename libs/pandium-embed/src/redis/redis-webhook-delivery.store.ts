import type { PandiumWebhookDeliveryStore } from '../webhooks/pandium-webhook-delivery-store.interface.js';
import { DEADLINE_CHECK, PandiumRedisStore } from './pandium-redis.store.js';

/**
 * The default `keyPrefix` of {@link RedisWebhookDeliveryStore}.
 *
 * @internal
 */
export const DEFAULT_WEBHOOK_DELIVERY_KEY_PREFIX = 'pandium-embed:webhook:';

/** The one command the store calls, and its default prefix. */
const NEEDS = {
  commands: ['eval'],
  keyPrefix: DEFAULT_WEBHOOK_DELIVERY_KEY_PREFIX,
} as const;

/** Records the delivery for `ARGV[2]` milliseconds unless it is recorded already: 1 when it was not, else 0. */
const REMEMBER_SCRIPT = `${DEADLINE_CHECK}
if redis.call('SET', KEYS[1], '1', 'PX', ARGV[2], 'NX') then
  return 1
end
return 0
`;

/**
 * Webhook delivery ids in Redis, shared by every instance of the app: a delivery received twice, by two instances
 * behind a load balancer, is dispatched once. One atomic `SET … PX … NX` per delivery, behind the deadline check
 * the other Redis stores have; each key expires with the de-duplication window, so Redis holds at most the
 * deliveries of one window. A failing Redis lets the delivery through (logged): Pandium does not resend. The
 * client needs `eval`.
 *
 * @example
 * PandiumEmbedModule.forRoot({ …, webhooks: { deliveryStore: { useValue: new RedisWebhookDeliveryStore(redis) } } });
 * @publicApi
 */
export class RedisWebhookDeliveryStore
  extends PandiumRedisStore
  implements PandiumWebhookDeliveryStore
{
  async remember(deliveryId: string, ttlMs: number): Promise<boolean> {
    const windowMs = Math.max(1, Math.ceil(ttlMs));
    const reply = await this.command('EVAL', (redis, deadline) =>
      redis.eval(
        REMEMBER_SCRIPT,
        1,
        this.prefixed(deliveryId),
        deadline,
        windowMs,
      ),
    );
    if (reply !== 0 && reply !== 1) {
      throw new Error(
        'Redis answered the webhook delivery script with an unexpected reply',
      );
    }
    return reply === 1;
  }

  protected needs() {
    return NEEDS;
  }
}
