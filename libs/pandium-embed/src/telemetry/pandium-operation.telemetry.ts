import { observe } from './pandium-span.util.js';

/** The span of each lifecycle operation the library traces. @internal */
export type PandiumOperationSpan =
  | 'pandium.integrations.list'
  | 'pandium.integration.run'
  | 'pandium.integration.uninstall'
  | 'pandium.statuses.refresh'
  | 'pandium.statuses.read';

/**
 * Runs a lifecycle operation (the catalog with statuses, a run, an uninstall, a status refresh or read) in its span,
 * with `pandium.integration.id` when it acts on one integration, `pandium.outcome` and, on a failure,
 * `pandium.error.code`; the Pandium API calls it makes are the span's children. Call it only when telemetry is on.
 *
 * @param integrationId the integration acted on, when there is one (an id of the catalog, no person's).
 * @internal
 */
export function observeOperation<T>(
  span: PandiumOperationSpan,
  integrationId: string | undefined,
  work: () => Promise<T>,
): Promise<T> {
  return observe(
    span,
    integrationId === undefined
      ? {}
      : { 'pandium.integration.id': integrationId },
    work,
    () => undefined,
  );
}
