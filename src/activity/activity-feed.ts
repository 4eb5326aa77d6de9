import { Injectable } from '@nestjs/common';
import type {
  PandiumRunFailedEvent,
  PandiumTenantArchivedEvent,
  PandiumTenantCreatedEvent,
} from 'pandium-embed';

/** The tenant events the feed shows. */
export type ActivityEvent =
  | PandiumTenantCreatedEvent
  | PandiumTenantArchivedEvent
  | PandiumRunFailedEvent;

/** One line of a user's activity feed, as `GET /demo/activity` answers it. */
export interface ActivityEntry {
  /** `tenant_created`, `tenant_archived` or `run_failed`. */
  type: ActivityEvent['type'];
  /** The catalog's integration id. */
  integrationId: string;
  integrationName?: string;
  tenantId: number;
  /** When Pandium says it happened (or when it arrived, if Pandium gave no time). */
  at: string;
  /** `run_failed` only: the run's status, as Pandium gave it. */
  runStatus?: string;
}

/** Entries kept per user: the newest. */
export const MAX_ENTRIES_PER_USER = 20;
/** Users with a feed: the least recently active is dropped first. */
export const MAX_USERS = 1000;
/** Events waiting for their user to be known: the oldest is dropped first. */
export const MAX_UNATTRIBUTED = 100;

/**
 * Each signed-in user's recent installs, uninstalls and failed runs, in memory, bounded. Pandium's notifications
 * name no user: an event comes with its `userKey` when the library already knew whose tenant it is; otherwise it
 * waits here until that user's own tenant list (read from Pandium with their `sub`) shows the tenant.
 */
@Injectable()
export class ActivityFeed {
  private readonly feeds = new Map<string, ActivityEntry[]>();

  private readonly unattributed: ActivityEvent[] = [];

  /** Records an event for its user, or keeps it until its user is known. */
  record(event: ActivityEvent): void {
    if (event.userKey === undefined) {
      this.unattributed.unshift(event);
      this.unattributed.length = Math.min(
        this.unattributed.length,
        MAX_UNATTRIBUTED,
      );
      return;
    }
    this.add(event.userKey, event);
  }

  /**
   * The user's feed, newest first, after claiming the waiting events whose tenant is one of `tenantIds` (the user's
   * tenants, as Pandium listed them for this user).
   */
  entriesOf(userKey: string, tenantIds: ReadonlySet<number>): ActivityEntry[] {
    for (const event of [...this.unattributed].reverse()) {
      if (tenantIds.has(event.tenantId)) {
        this.unattributed.splice(this.unattributed.indexOf(event), 1);
        this.add(userKey, event);
      }
    }
    return [...(this.feeds.get(userKey) ?? [])];
  }

  private add(userKey: string, event: ActivityEvent): void {
    const entries = this.feeds.get(userKey) ?? [];
    this.feeds.delete(userKey);
    this.feeds.set(userKey, entries);
    entries.unshift({
      type: event.type,
      integrationId: String(event.integrationId),
      ...(event.integrationName === undefined
        ? {}
        : { integrationName: event.integrationName }),
      tenantId: event.tenantId,
      at: event.timestamp ?? new Date().toISOString(),
      ...(event.type === 'run_failed' && event.runStatus !== undefined
        ? { runStatus: event.runStatus }
        : {}),
    });
    entries.sort((a, b) => b.at.localeCompare(a.at));
    entries.length = Math.min(entries.length, MAX_ENTRIES_PER_USER);
    if (this.feeds.size > MAX_USERS) {
      this.feeds.delete(this.feeds.keys().next().value as string);
    }
  }
}
