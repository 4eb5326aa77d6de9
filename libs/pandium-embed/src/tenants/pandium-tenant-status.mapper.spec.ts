import { describe, expect, it } from '@jest/globals';
import { mapTenantStatuses } from './pandium-tenant-status.mapper.js';

const run = (
  phase: string,
  completed: string | null = '2026-01-02T03:04:05Z',
) => ({
  id: 1,
  status: {
    phase,
    startTime: '2026-01-02T03:00:00Z',
    completionTime: completed,
  },
  started_date: '2026-01-02T03:00:00Z',
  completed_date: completed,
});

function tenant(
  overrides: Record<string, unknown> = {},
  status: Record<string, unknown> = {},
) {
  return {
    id: 7,
    integration_id: 1042,
    archived: false,
    paused: false,
    ...overrides,
    status: {
      auth: { connected: true },
      last_run: null,
      last_successful_run: null,
      ...status,
    },
  };
}

describe('mapTenantStatuses', () => {
  it('should give a live tenant without runs installed, keyed by its integration id as a string', () => {
    expect(mapTenantStatuses([tenant()])).toEqual(
      new Map([['1042', { state: 'installed', tenantId: 7 }]]),
    );
  });

  it('should give the run times and phase of a successful last run', () => {
    const ok = run('Succeeded');
    expect(
      mapTenantStatuses([
        tenant({}, { last_run: ok, last_successful_run: ok }),
      ]).get('1042'),
    ).toEqual({
      state: 'installed',
      tenantId: 7,
      lastRunAt: '2026-01-02T03:04:05Z',
      lastRunStatus: 'Succeeded',
      lastSuccessfulRunAt: '2026-01-02T03:04:05Z',
    });
  });

  it('should give failing when the last run failed, and the start time of a run not completed', () => {
    expect(
      mapTenantStatuses([tenant({}, { last_run: run('Failed') })]).get('1042')
        ?.state,
    ).toBe('failing');
    expect(
      mapTenantStatuses([tenant({}, { last_run: run('Running', null) })]).get(
        '1042',
      ),
    ).toMatchObject({ state: 'installed', lastRunAt: '2026-01-02T03:00:00Z' });
  });

  it('should rank paused over disconnected over failing', () => {
    const failed = { last_run: run('Failed') };
    expect(
      mapTenantStatuses([
        tenant({ paused: true }, { ...failed, auth: { connected: false } }),
      ]).get('1042')?.state,
    ).toBe('paused');
    expect(
      mapTenantStatuses([
        tenant({}, { ...failed, auth: { connected: false } }),
      ]).get('1042')?.state,
    ).toBe('disconnected');
  });

  it('should skip archived tenants and items without numeric ids, and keep the newer of two tenants', () => {
    const statuses = mapTenantStatuses([
      tenant({ id: 3, archived: true }),
      tenant({ id: 'x' }),
      null,
      'tenant',
      tenant({ id: 9, integration_id: 2318, paused: true }),
      tenant({ id: 8, integration_id: 2318 }),
    ]);

    expect([...statuses]).toEqual([['2318', { state: 'paused', tenantId: 9 }]]);
  });

  it('should read a tenant whose status is missing or malformed as installed', () => {
    expect(
      mapTenantStatuses([{ id: 7, integration_id: 1042, status: 'odd' }]).get(
        '1042',
      ),
    ).toEqual({ state: 'installed', tenantId: 7 });
  });
});
