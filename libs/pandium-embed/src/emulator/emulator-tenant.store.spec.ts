import { describe, expect, it } from '@jest/globals';
import {
  emulatorTenantId,
  EmulatorTenantStore,
  toApiTenant,
} from './emulator-tenant.store.js';
import type { ResolvedPandiumEmulatorOptions } from './pandium-emulator-options.interface.js';

const NOW = Date.parse('2026-12-06T10:00:00.000Z');
const GWT = {
  id: 1042,
  name: 'gwt2hs',
  long_name: null,
  connectors: [{ name: 'gwt' }],
};
const SHOP = {
  id: 3107,
  name: 'shopify-sync',
  long_name: null,
  connectors: [{ name: 'shopify' }],
};

function store(): EmulatorTenantStore {
  return new EmulatorTenantStore({
    account: 'acme',
    clock: { now: () => NOW },
  } as ResolvedPandiumEmulatorOptions);
}

const page = { integrationId: 0, archived: false, limit: 100, skip: 0 };

describe('EmulatorTenantStore', () => {
  it('should create one tenant per user and integration, with the id the page showed', () => {
    const tenants = store();

    const first = tenants.save('usr_1', GWT, 'gwt2hs for Acme');
    const again = tenants.save('usr_1', GWT, 'gwt2hs for Acme');

    expect(first.connected).toBe(true);
    expect(again).toEqual({ tenant: first.tenant, connected: false });
    expect(first.tenant.id).toBe(emulatorTenantId('acme', 'usr_1', '1042'));
    expect(tenants.save('usr_2', GWT, 'x').tenant.id).not.toBe(first.tenant.id);
  });

  it('should filter by user_name, integration_id and archived, in id order, paged', () => {
    const tenants = store();
    const a = tenants.save('usr_1', GWT, 'a').tenant;
    const b = tenants.save('usr_1', SHOP, 'b').tenant;
    const c = tenants.save('usr_2', GWT, 'c').tenant;
    tenants.archive(c);
    const ids = (filter: Partial<typeof page> & { userName?: string }) =>
      tenants.list({ ...page, ...filter }).map(({ id }) => id);

    expect(ids({ userName: 'usr_1' })).toEqual(
      [a.id, b.id].sort((x, y) => x - y),
    );
    expect(ids({ integrationId: 3107 })).toEqual([b.id]);
    expect(ids({ archived: true })).toEqual([c.id]);
    expect(ids({ userName: 'usr_' })).toEqual([]);
    expect(ids({ limit: 1, skip: 1 })).toHaveLength(1);
  });

  it('should archive once, and re-connect an archived tenant on the next save', () => {
    const tenants = store();
    const { tenant } = tenants.save('usr_1', GWT, 'a');

    expect(tenants.archive(tenant)).toBe(true);
    expect(tenants.archive(tenant)).toBe(false);
    expect(tenants.save('usr_1', GWT, 'a')).toEqual({
      tenant,
      connected: true,
    });
    expect(tenant.archived).toBe(false);
  });
});

describe('toApiTenant', () => {
  it("should answer Pandium's tenant shape, with no user field", () => {
    const tenants = store();
    const { tenant } = tenants.save('usr_1', GWT, 'gwt2hs for Acme');
    const done = {
      id: 1,
      mode: 'init' as const,
      status: {
        phase: 'Succeeded' as const,
        startTime: 's',
        completionTime: 'c',
      },
      triggers: ['t1'],
      started_date: 's',
      completed_date: 'c',
    };
    const running = {
      ...done,
      id: 2,
      status: {
        phase: 'Running' as const,
        startTime: 's',
        completionTime: null,
      },
      completed_date: null,
    };
    tenant.runs.push(done, running);

    expect(toApiTenant(tenant)).toEqual({
      id: tenant.id,
      name: 'gwt2hs for Acme',
      integration_id: 1042,
      archived: false,
      paused: false,
      created_date: '2026-12-06T10:00:00.000Z',
      modified_date: '2026-12-06T10:00:00.000Z',
      status: {
        auth: {
          connected: true,
          connectors: [
            {
              name: 'gwt',
              status: 'connected',
              last_change: '2026-12-06T10:00:00.000Z',
            },
          ],
        },
        last_run: done,
        last_successful_run: done,
        current_run: running,
      },
    });
    expect(JSON.stringify(toApiTenant(tenant))).not.toContain('usr_1');
  });
});
