import { pandiumInstruments } from './pandium-telemetry.js';

/** How a webhook delivery was received: `pandium.webhook.outcome`. @internal */
export type PandiumWebhookOutcome =
  'accepted' | 'duplicate' | 'invalid' | 'rejected';

/**
 * What became of an accepted webhook delivery: `pandium.webhook.outcome` of `pandium.webhooks.processed`.
 * `dispatched` (every handler and listener ran), `handler_failed` (dispatched, but one threw), `contradicted` or
 * `unconfirmed` (a tenant event Pandium's API contradicts or could not confirm: not dispatched), `failed` (the
 * dispatch itself failed).
 *
 * @internal
 */
export type PandiumWebhookProcessedOutcome =
  'dispatched' | 'handler_failed' | 'contradicted' | 'unconfirmed' | 'failed';

/**
 * Counts a request refused by a rate limit in `pandium.rate_limit.refusals`, by budget (`pandium.rate_limit.budget`:
 * `pandium-embed` for the URL routes, `pandium-embed-launch` for forged launch tickets).
 *
 * @internal
 */
export function countRateLimitRefusal(budget: string): void {
  // The attributes are built only when a meter provider is registered.
  pandiumInstruments()?.rateLimitRefusals.add(1, {
    'pandium.rate_limit.budget': budget,
  });
}

/**
 * Counts a webhook delivery in `pandium.webhooks.received`, by type (`pandium.webhook.type`: the library's event
 * type, `unknown` for a type it does not know, `none` when the delivery was not read) and outcome.
 *
 * @internal
 */
export function countWebhookReceived(
  type: string | undefined,
  outcome: PandiumWebhookOutcome,
): void {
  pandiumInstruments()?.webhooksReceived.add(1, {
    'pandium.webhook.type': type ?? 'none',
    'pandium.webhook.outcome': outcome,
  });
}

/**
 * Counts an accepted webhook delivery in `pandium.webhooks.processed` once the dispatcher is done with it, by type
 * (as {@link countWebhookReceived} has it) and what became of it.
 *
 * @internal
 */
export function countWebhookProcessed(
  type: string,
  outcome: PandiumWebhookProcessedOutcome,
): void {
  pandiumInstruments()?.webhooksProcessed.add(1, {
    'pandium.webhook.type': type,
    'pandium.webhook.outcome': outcome,
  });
}
