import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { PANDIUM_WEBHOOK_EVENTS } from 'pandium-embed';
import type {
  PandiumRunFailedEvent,
  PandiumTenantArchivedEvent,
  PandiumTenantCreatedEvent,
} from 'pandium-embed';
import { ActivityFeed } from './activity-feed.js';

/** Feeds the activity feed from the library's webhook events, through `@nestjs/event-emitter`. */
@Injectable()
export class ActivityFeedListener {
  constructor(private readonly feed: ActivityFeed) {}

  @OnEvent(PANDIUM_WEBHOOK_EVENTS.tenantCreated)
  onInstall(event: PandiumTenantCreatedEvent): void {
    this.feed.record(event);
  }

  @OnEvent(PANDIUM_WEBHOOK_EVENTS.tenantArchived)
  onUninstall(event: PandiumTenantArchivedEvent): void {
    this.feed.record(event);
  }

  @OnEvent(PANDIUM_WEBHOOK_EVENTS.runFailed)
  onRunFailed(event: PandiumRunFailedEvent): void {
    this.feed.record(event);
  }
}
