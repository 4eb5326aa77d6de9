import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { PANDIUM_EMULATOR_OPTIONS } from './pandium-emulator.constants.js';
import type {
  EmulatorApiTenant,
  EmulatorTenantRecord,
} from './emulator-tenant.interface.js';
import type {
  EmulatorApiIntegration,
  ResolvedPandiumEmulatorOptions,
} from './pandium-emulator-options.interface.js';

/**
 * A stable tenant id per account, user (`sub`, which Pandium keys tenants on) and integration: the same user saving
 * the same integration gets the same tenant, as with Pandium's real tenants. 48 bits: a whole number JavaScript
 * holds exactly.
 *
 * @internal
 */
export function emulatorTenantId(
  account: string,
  sub: string,
  integrationId: string,
): number {
  const digest = createHash('sha256')
    .update(`${account}\n${sub}\n${integrationId}`)
    .digest('hex');
  return Number.parseInt(digest.slice(0, 12), 16);
}

/** The filters of `GET /v2/tenants`. @internal */
export interface EmulatorTenantFilter {
  userName?: string;
  /** 0 means any. */
  integrationId: number;
  archived: boolean;
  limit: number;
  skip: number;
}

/**
 * The emulator's tenants, in memory for as long as it runs: created (or re-connected) by a save of the install
 * page, archived by `DELETE /v2/tenants/{id}`.
 *
 * @internal
 */
@Injectable()
export class EmulatorTenantStore {
  private readonly tenants = new Map<number, EmulatorTenantRecord>();

  constructor(
    @Inject(PANDIUM_EMULATOR_OPTIONS)
    private readonly options: ResolvedPandiumEmulatorOptions,
  ) {}

  /**
   * The tenant of this user and integration, created, or re-connected when it was archived.
   *
   * @returns the tenant, and whether it is new or re-connected (false when it was already connected).
   */
  save(
    userName: string,
    integration: EmulatorApiIntegration,
    name: string,
  ): { tenant: EmulatorTenantRecord; connected: boolean } {
    const now = this.now();
    const id = emulatorTenantId(
      this.options.account,
      userName,
      String(integration.id),
    );
    const existing = this.tenants.get(id);
    if (existing !== undefined) {
      const connected = existing.archived;
      existing.archived = false;
      existing.name = name;
      existing.modifiedDate = now;
      if (connected) {
        existing.connectorChange = now;
      }
      return { tenant: existing, connected };
    }
    const tenant: EmulatorTenantRecord = {
      id,
      name,
      integrationId: integration.id,
      integrationName: integration.name,
      connectorName: integration.connectors[0].name,
      userName,
      archived: false,
      createdDate: now,
      modifiedDate: now,
      connectorChange: now,
      runs: [],
      failNextRun: false,
      pendingTriggers: [],
    };
    this.tenants.set(id, tenant);
    return { tenant, connected: true };
  }

  /** The tenant with this id, archived or not. */
  find(id: number): EmulatorTenantRecord | undefined {
    return this.tenants.get(id);
  }

  /** One page of the tenants that pass the filter, in id order. */
  list(filter: EmulatorTenantFilter): EmulatorTenantRecord[] {
    return [...this.tenants.values()]
      .filter(
        (tenant) =>
          tenant.archived === filter.archived &&
          (filter.integrationId === 0 ||
            tenant.integrationId === filter.integrationId) &&
          (filter.userName === undefined ||
            tenant.userName === filter.userName),
      )
      .sort((a, b) => a.id - b.id)
      .slice(filter.skip, filter.skip + filter.limit);
  }

  /** Every tenant, for the admin page. */
  all(): EmulatorTenantRecord[] {
    return [...this.tenants.values()].sort((a, b) => a.id - b.id);
  }

  /** Archives a tenant; false when it was archived already. */
  archive(tenant: EmulatorTenantRecord): boolean {
    if (tenant.archived) {
      return false;
    }
    tenant.archived = true;
    tenant.modifiedDate = this.now();
    tenant.connectorChange = tenant.modifiedDate;
    return true;
  }

  /** RFC 3339 UTC, on the emulator's clock. */
  now(): string {
    return new Date(this.options.clock.now()).toISOString();
  }
}

/** A tenant as Pandium's REST API answers it. @internal */
export function toApiTenant(tenant: EmulatorTenantRecord): EmulatorApiTenant {
  const runs = tenant.runs;
  const last = [...runs].reverse();
  const current = last.find(({ status }) => status.phase === 'Running');
  return {
    id: tenant.id,
    name: tenant.name,
    integration_id: tenant.integrationId,
    archived: tenant.archived,
    paused: false,
    created_date: tenant.createdDate,
    modified_date: tenant.modifiedDate,
    status: {
      auth: {
        connected: !tenant.archived,
        connectors: [
          {
            name: tenant.connectorName,
            status: tenant.archived ? 'disconnected' : 'connected',
            last_change: tenant.connectorChange,
          },
        ],
      },
      last_run: last.find(({ status }) => status.phase !== 'Running') ?? null,
      last_successful_run:
        last.find(({ status }) => status.phase === 'Succeeded') ?? null,
      current_run: current ?? null,
    },
  };
}
