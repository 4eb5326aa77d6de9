import type { PandiumIntegrationStatus } from '../core/pandium-integration-status.interface.js';

/** A run phase that means the run failed. Pandium does not document the values: matched loosely. */
const FAILED_PHASE = /fail|error/i;

/** A run as Pandium's tenant status gives it (fields undocumented; every one is optional here). */
interface ApiRun {
  status?: { phase?: unknown; startTime?: unknown; completionTime?: unknown };
  started_date?: unknown;
  completed_date?: unknown;
}

/** The fields of a tenant this mapping reads. */
interface ApiTenant {
  id?: unknown;
  integration_id?: unknown;
  archived?: unknown;
  paused?: unknown;
  status?: {
    auth?: { connected?: unknown };
    last_run?: ApiRun | null;
    last_successful_run?: ApiRun | null;
  };
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** When a run completed, or started while it has not completed. */
function runTime(value: unknown): string | undefined {
  if (!isObject(value)) {
    return undefined;
  }
  const run = value as ApiRun;
  return (
    text(run.completed_date) ??
    text(run.status?.completionTime) ??
    text(run.started_date) ??
    text(run.status?.startTime)
  );
}

/** One live tenant's status: paused, then disconnected, then failing, then installed. */
function statusOf(tenant: ApiTenant): PandiumIntegrationStatus {
  const status: NonNullable<ApiTenant['status']> = isObject(tenant.status)
    ? tenant.status
    : {};
  const lastRun = isObject(status.last_run)
    ? (status.last_run as ApiRun)
    : undefined;
  const lastRunStatus = text(lastRun?.status?.phase);
  const state =
    tenant.paused === true
      ? 'paused'
      : status.auth?.connected === false
        ? 'disconnected'
        : lastRunStatus !== undefined && FAILED_PHASE.test(lastRunStatus)
          ? 'failing'
          : 'installed';
  const result: PandiumIntegrationStatus = {
    state,
    tenantId: tenant.id as number,
  };
  const lastRunAt = runTime(lastRun);
  const lastSuccessfulRunAt = runTime(status.last_successful_run);
  if (lastRunAt !== undefined) result.lastRunAt = lastRunAt;
  if (lastRunStatus !== undefined) result.lastRunStatus = lastRunStatus;
  if (lastSuccessfulRunAt !== undefined) {
    result.lastSuccessfulRunAt = lastSuccessfulRunAt;
  }
  return result;
}

/**
 * The user's statuses by integration id (as a string, the catalog's id), from their tenants as Pandium listed them.
 * Archived tenants and items without a numeric `id` and `integration_id` are skipped; of two live tenants for one
 * integration, the newer (higher id) counts.
 *
 * @internal
 */
export function mapTenantStatuses(
  tenants: readonly unknown[],
): Map<string, PandiumIntegrationStatus> {
  const newest = new Map<string, ApiTenant & { id: number }>();
  for (const item of tenants) {
    if (
      !isObject(item) ||
      typeof item.id !== 'number' ||
      typeof item.integration_id !== 'number' ||
      item.archived === true
    ) {
      continue;
    }
    const tenant = item as unknown as ApiTenant & { id: number };
    const key = String(item.integration_id);
    const seen = newest.get(key);
    if (seen === undefined || seen.id < tenant.id) {
      newest.set(key, tenant);
    }
  }
  return new Map(
    [...newest].map(([integrationId, tenant]) => [
      integrationId,
      statusOf(tenant),
    ]),
  );
}
