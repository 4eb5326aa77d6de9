import type { OnApplicationShutdown } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { PandiumClock } from '../core/pandium-clock.interface.js';
import type {
  PandiumIntegrationStatus,
  PandiumStatusSource,
} from '../core/pandium-integration-status.interface.js';
import { PandiumApiError } from '../errors/pandium-api.error.js';
import { describeWithCause } from '../errors/describe-thrown.util.js';
import type { PandiumTenantsClient } from './pandium-tenants.client.js';
import { PandiumStatusCache } from './pandium-status.cache.js';
import { mapTenantStatuses } from './pandium-tenant-status.mapper.js';

type Statuses = ReadonlyMap<string, PandiumIntegrationStatus>;

/**
 * A user's integration statuses from their Pandium tenants, cached per user (`sub`). A failed read never rejects:
 * it gives the stale copy, or `undefined` (every status `unknown`), and logs one line with a correlation id: an
 * error naming `PANDIUM_API_KEY` when Pandium refuses the key (401/403), a warning otherwise. Never logs the key.
 *
 * @internal
 */
export class PandiumTenantStatusSource
  implements PandiumStatusSource, OnApplicationShutdown
{
  private readonly logger = new Logger('PandiumIntegrationStatus');

  private readonly cache: PandiumStatusCache<Statuses>;

  private readonly shutdown = new AbortController();

  /** The user name whose read last listed each tenant id; bounded like the cache. */
  private readonly owners = new Map<number, string>();

  /** When each user's last honoured refresh was, in the clock's milliseconds; bounded like the cache. */
  private readonly refreshedAt = new Map<string, number>();

  constructor(
    private readonly client: PandiumTenantsClient,
    private readonly clock: PandiumClock,
    ttlMs: number,
    private readonly maxUsers: number,
    private readonly refreshIntervalMs: number,
  ) {
    this.cache = new PandiumStatusCache(clock, ttlMs, maxUsers);
  }

  async statusesFor(userName: string): Promise<Statuses | undefined> {
    const { value, error } = await this.cache.read(userName, async () => {
      const statuses = mapTenantStatuses(
        await this.client.listTenants(userName, this.shutdown.signal),
      );
      this.recordOwner(userName, statuses);
      return statuses;
    });
    if (error !== undefined) {
      this.logFailure(error, value !== undefined);
    }
    return value;
  }

  forget(userName: string): Promise<void> {
    this.cache.forget(userName);
    return Promise.resolve();
  }

  refresh(userName: string): Promise<boolean> {
    const now = this.clock.now();
    const last = this.refreshedAt.get(userName);
    if (last !== undefined && now - last < this.refreshIntervalMs) {
      return Promise.resolve(false);
    }
    this.refreshedAt.delete(userName);
    this.refreshedAt.set(userName, now);
    if (this.refreshedAt.size > this.maxUsers) {
      this.refreshedAt.delete(this.refreshedAt.keys().next().value as string);
    }
    this.cache.forget(userName);
    return Promise.resolve(true);
  }

  userOfTenant(tenantId: number): Promise<string | undefined> {
    return Promise.resolve(this.owners.get(tenantId));
  }

  onApplicationShutdown(): void {
    this.shutdown.abort();
  }

  private recordOwner(userName: string, statuses: Statuses): void {
    for (const { tenantId } of statuses.values()) {
      if (tenantId !== undefined) {
        this.owners.delete(tenantId);
        this.owners.set(tenantId, userName);
      }
    }
    while (this.owners.size > this.maxUsers) {
      this.owners.delete(this.owners.keys().next().value as number);
    }
  }

  private logFailure(error: unknown, stale: boolean): void {
    const refused =
      error instanceof PandiumApiError &&
      (error.status === 401 || error.status === 403);
    const served = stale
      ? 'serving the last statuses read'
      : 'statuses are unknown';
    const advice = refused
      ? ' Pandium refused the API key: check PANDIUM_API_KEY (the apiKey option) and its environment.'
      : '';
    const line =
      `Reading integration statuses from Pandium failed (${describeWithCause(error)}); ${served}.${advice}` +
      ` [correlationId ${randomUUID()}]`;
    if (refused) {
      this.logger.error(line);
    } else {
      this.logger.warn(line);
    }
  }
}
