import { PANDIUM_INTEGRATION_STATES } from '../core/pandium-integration-status.interface.js';
import type { PandiumStatusRecord } from './pandium-status-store.interface.js';

const STATES: ReadonlySet<string> = new Set(PANDIUM_INTEGRATION_STATES);

const OPTIONAL_TEXT = ['lastRunAt', 'lastRunStatus', 'lastSuccessfulRunAt'];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStatus(value: unknown): boolean {
  return (
    isObject(value) &&
    typeof value.state === 'string' &&
    STATES.has(value.state) &&
    (value.tenantId === undefined || Number.isSafeInteger(value.tenantId)) &&
    OPTIONAL_TEXT.every(
      (field) => value[field] === undefined || typeof value[field] === 'string',
    )
  );
}

/**
 * Whether `value` is a status record as the library writes it: what a store hands back is checked before use, since
 * a shared store may hold anything (another version's records, a hand edit).
 *
 * @internal
 */
export function isPandiumStatusRecord(
  value: unknown,
): value is PandiumStatusRecord {
  return (
    isObject(value) &&
    typeof value.readAt === 'number' &&
    Number.isFinite(value.readAt) &&
    (value.statuses === null ||
      (isObject(value.statuses) &&
        Object.values(value.statuses).every(isStatus)))
  );
}
