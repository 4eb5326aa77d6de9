import { observe } from './pandium-span.util.js';
import { pandiumInstruments } from './pandium-telemetry.js';

/** What a URL is issued for: `pandium.url.kind`. @internal */
export type PandiumUrlKind =
  'install' | 'marketplace' | 'launch_ticket' | 'launch_redeem';

/** The span of each kind. */
const SPAN_OF: Record<PandiumUrlKind, string> = {
  install: 'pandium.install_url',
  marketplace: 'pandium.marketplace_url',
  launch_ticket: 'pandium.launch_ticket.issue',
  launch_redeem: 'pandium.launch_ticket.redeem',
};

/**
 * Issues a URL (or a launch ticket) in its span, counting it in `pandium.urls.issued` or `pandium.urls.refused`
 * and timing it in `pandium.url.issue.duration`. Call it only when telemetry is on.
 *
 * @param integrationId the integration asked for, when there is one (an id of the host's catalog, no person's).
 * @internal
 */
export function observeIssue<T>(
  kind: PandiumUrlKind,
  integrationId: string | undefined,
  work: () => Promise<T>,
): Promise<T> {
  const attributes =
    integrationId === undefined
      ? { 'pandium.url.kind': kind }
      : { 'pandium.url.kind': kind, 'pandium.integration.id': integrationId };
  return observe(SPAN_OF[kind], attributes, work, (ended) => {
    const meters = ended.instruments;
    if (meters === undefined) {
      return;
    }
    if (ended.errorCode === undefined) {
      meters.urlsIssued.add(1, { 'pandium.url.kind': kind });
    } else {
      meters.urlsRefused.add(1, {
        'pandium.url.kind': kind,
        'pandium.error.code': ended.errorCode,
      });
    }
    meters.urlIssueDuration.record(ended.seconds, {
      'pandium.url.kind': kind,
      'pandium.outcome': ended.outcome,
    });
  });
}

/**
 * Runs one host strategy call in a `pandium.strategy` span (`pandium.strategy.name`), timed in
 * `pandium.strategy.duration`. Call it only when telemetry is on.
 *
 * @internal
 */
export function observeStrategy<T>(
  strategy: string,
  work: () => Promise<T>,
): Promise<T> {
  return observe(
    'pandium.strategy',
    { 'pandium.strategy.name': strategy },
    work,
    (ended) => {
      ended.instruments?.strategyDuration.record(ended.seconds, {
        'pandium.strategy.name': strategy,
        'pandium.outcome': ended.outcome,
      });
    },
  );
}

/**
 * Counts a strategy's failure in `pandium.strategy.failures`, by strategy and failure (`timeout`, `error` or
 * `invalid_output`).
 *
 * @internal
 */
export function countStrategyFailure(
  strategy: string,
  failure: 'timeout' | 'error' | 'invalid_output',
): void {
  pandiumInstruments()?.strategyFailures.add(1, {
    'pandium.strategy.name': strategy,
    'pandium.strategy.failure': failure,
  });
}

/**
 * Signs in a `pandium.sign` span. Call it only when telemetry is on.
 *
 * @internal
 */
export function observeSigning<T>(work: () => T): Promise<T> {
  return observe(
    'pandium.sign',
    {},
    // A throw becomes the promise's rejection, which observe() records.
    () => new Promise<T>((resolve) => resolve(work())),
    () => undefined,
  );
}
