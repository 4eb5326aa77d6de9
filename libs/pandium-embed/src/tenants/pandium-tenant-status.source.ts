import type { OnApplicationShutdown } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { PandiumClock } from '../core/pandium-clock.interface.js';
import type { PandiumStatusSource } from '../core/pandium-integration-status.interface.js';
import { describeWithCause } from '../errors/describe-thrown.util.js';
import { apiKeyRefusedAdvice } from './api-key-refused.util.js';
import type { PandiumTenantsClient } from './pandium-tenants.client.js';
import type { PandiumStatusStore } from './pandium-status-store.interface.js';
import type { CachedRead, Statuses } from './pandium-status.cache.js';
import { PandiumStatusCache } from './pandium-status.cache.js';
import { mapTenantStatuses } from './pandium-tenant-status.mapper.js';
import {
  markCacheHit,
  pandiumTelemetryOn,
} from '../telemetry/pandium-span.util.js';
import { observeOperation } from '../telemetry/pandium-operation.telemetry.js';

/** How the source caches and how long a read may wait. @internal */
export interface PandiumTenantStatusSettings {
  /** How long a user's statuses are fresh (`statusCacheTtlSeconds`), in milliseconds. */
  readonly ttlMs: number;
  /** A client's refresh drops a user's statuses at most this often, across the instances sharing the store. */
  readonly refreshIntervalMs: number;
  /**
   * How long a read waits for the store and Pandium before it answers with the stale copy or nothing (the load goes
   * on, for the next read); `undefined` waits for the load to end.
   */
  readonly waitMs?: number;
}

/**
 * A user's integration statuses from their Pandium tenants, cached per user (`sub`) in a {@link PandiumStatusStore}.
 * A failed read never rejects: it gives the stale copy, or `undefined` (every status `unknown`). Each read of a user
 * (however many requests joined it) logs at most one line per kind of trouble, each with a correlation id and never
 * the key: an error naming `PANDIUM_API_KEY` when Pandium refuses the key (401/403), a warning for any other Pandium
 * failure, a warning when the store fails, a warning when a request stopped waiting after `waitMs`.
 *
 * @internal
 */
export class PandiumTenantStatusSource
  implements PandiumStatusSource, OnApplicationShutdown
{
  private readonly logger = new Logger('PandiumIntegrationStatus');

  private readonly cache: PandiumStatusCache;

  private readonly shutdown = new AbortController();

  constructor(
    private readonly client: PandiumTenantsClient,
    private readonly store: PandiumStatusStore,
    clock: PandiumClock,
    private readonly settings: PandiumTenantStatusSettings,
  ) {
    this.cache = new PandiumStatusCache(
      store,
      clock,
      settings.ttlMs,
      settings.waitMs,
      (read) => this.report(read),
    );
  }

  statusesFor(userName: string): Promise<Statuses | undefined> {
    return pandiumTelemetryOn()
      ? observeOperation('pandium.statuses.read', undefined, () =>
          this.read(userName),
        )
      : this.read(userName);
  }

  private async read(userName: string): Promise<Statuses | undefined> {
    const { value, cached } = await this.cache.read(userName, async () =>
      mapTenantStatuses(
        await this.client.listTenants(userName, this.shutdown.signal),
      ),
    );
    markCacheHit(cached === true);
    return value;
  }

  async forget(userName: string): Promise<void> {
    this.cache.abandon(userName);
    try {
      await this.store.delete(userName);
    } catch (error) {
      this.warnOfStore(error, 'the next read may serve the cached statuses');
    }
  }

  async refresh(userName: string): Promise<boolean> {
    try {
      if (
        !(await this.store.markRefresh(
          userName,
          this.settings.refreshIntervalMs,
        ))
      ) {
        return false;
      }
    } catch (error) {
      this.warnOfStore(error, 'the refresh is not done');
      return false;
    }
    await this.forget(userName);
    return true;
  }

  async userOfTenant(tenantId: number): Promise<string | undefined> {
    try {
      return await this.store.userOfTenant(tenantId);
    } catch (error) {
      this.warnOfStore(error, "the tenant's user is unknown");
      return undefined;
    }
  }

  onApplicationShutdown(): void {
    this.shutdown.abort();
  }

  private report({ value, error, storeError, late }: CachedRead): void {
    const stale = value !== undefined;
    if (storeError !== undefined) {
      this.warnOfStore(
        storeError,
        'statuses are read from Pandium as if nothing were cached',
      );
    }
    if (late === true) {
      this.logger.warn(
        `Reading integration statuses took longer than ${this.settings.waitMs} ms; ` +
          `${served(stale)} meanwhile, and the read goes on for the next request.` +
          correlation(),
      );
    }
    if (error !== undefined) {
      this.logFailure(error, stale);
    }
  }

  private warnOfStore(error: unknown, outcome: string): void {
    this.logger.warn(
      `The integration status store failed (${describeWithCause(error)}); ${outcome}.${correlation()}`,
    );
  }

  private logFailure(error: unknown, stale: boolean): void {
    const advice = apiKeyRefusedAdvice(error);
    const line =
      `Reading integration statuses from Pandium failed (${describeWithCause(error)}); ${served(stale)}.${advice}` +
      correlation();
    if (advice !== '') {
      this.logger.error(line);
    } else {
      this.logger.warn(line);
    }
  }
}

function served(stale: boolean): string {
  return stale ? 'serving the last statuses read' : 'statuses are unknown';
}

function correlation(): string {
  return ` [correlationId ${randomUUID()}]`;
}
