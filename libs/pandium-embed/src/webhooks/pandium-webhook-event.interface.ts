// The events the webhook receiver dispatches: one payload type per Pandium notification, the union of them all, and
// the event names they are emitted under through `@nestjs/event-emitter`.

/**
 * The event names the receiver emits through `@nestjs/event-emitter` (`@OnEvent(PANDIUM_WEBHOOK_EVENTS.tenantCreated)`),
 * one per notification type, and `pandium.unknown` for a type the library does not know yet.
 *
 * @publicApi
 */
export const PANDIUM_WEBHOOK_EVENTS = {
  integrationCreated: 'pandium.integration_created',
  tenantCreated: 'pandium.tenant_created',
  tenantArchived: 'pandium.tenant_archived',
  partnerIntegrationUpdated: 'pandium.partner_integration_updated',
  runFailed: 'pandium.run_failed',
  unknown: 'pandium.unknown',
} as const;

/**
 * What every event carries, from the fields every Pandium notification has.
 *
 * @publicApi
 */
export interface PandiumWebhookEventBase {
  /** The SHA-256 (hex) of the delivery's raw body: the same delivery always has the same id. */
  deliveryId: string;
  /** Pandium's `environment`, as sent. */
  environment?: string;
  /** Pandium's `account_id`. */
  accountId?: number;
  /** Pandium's `account_name`. */
  accountName?: string;
  /** Pandium's `timestamp` (RFC 3339, UTC), as sent. */
  timestamp?: string;
  /** The notification as Pandium sent it, every field included. */
  payload: Readonly<Record<string, unknown>>;
}

/**
 * What the events about one tenant carry besides the common fields. Unless `webhooks.confirmTenantEvents` is
 * `false`, Pandium's API confirmed the tenant (its integration, its archived state) before the event was dispatched.
 *
 * @publicApi
 */
export interface PandiumTenantEventFields {
  /** Pandium's tenant id. */
  tenantId: number;
  tenantName?: string;
  /** Pandium's numeric integration id (the catalog's `id`, as a number). */
  integrationId: number;
  integrationName?: string;
  /**
   * The user the tenant belongs to (the `sub` your `ClaimsProvider` gave), when the library has seen that tenant in
   * the user's statuses; Pandium's notification itself names no user.
   */
  userKey?: string;
}

/** `tenant_created`: a user installed an integration. @publicApi */
export interface PandiumTenantCreatedEvent
  extends PandiumWebhookEventBase, PandiumTenantEventFields {
  type: 'tenant_created';
}

/** `tenant_archived`: a tenant was uninstalled (archived). @publicApi */
export interface PandiumTenantArchivedEvent
  extends PandiumWebhookEventBase, PandiumTenantEventFields {
  type: 'tenant_archived';
}

/** `run_failed`: a tenant's run failed. @publicApi */
export interface PandiumRunFailedEvent
  extends PandiumWebhookEventBase, PandiumTenantEventFields {
  type: 'run_failed';
  /** Pandium's `run_id`, when sent. */
  runId?: number | string;
  /** Pandium's `run_status`, when sent. */
  runStatus?: string;
}

/** `integration_created` (also sent as `new_integration_created`): an integration was added to the account. @publicApi */
export interface PandiumIntegrationCreatedEvent extends PandiumWebhookEventBase {
  type: 'integration_created';
  integrationId?: number;
  integrationName?: string;
}

/** `partner_integration_updated`: a partner changed an integration. @publicApi */
export interface PandiumPartnerIntegrationUpdatedEvent extends PandiumWebhookEventBase {
  type: 'partner_integration_updated';
  integrationId?: number;
  integrationName?: string;
}

/** A notification whose `event_type` the library does not know: accepted, and dispatched as it came. @publicApi */
export interface PandiumUnknownWebhookEvent extends PandiumWebhookEventBase {
  type: 'unknown';
  /** The `event_type` Pandium sent. */
  eventType: string;
}

/**
 * Every event the receiver dispatches; switch on `type`.
 *
 * @publicApi
 */
export type PandiumWebhookEvent =
  | PandiumIntegrationCreatedEvent
  | PandiumTenantCreatedEvent
  | PandiumTenantArchivedEvent
  | PandiumPartnerIntegrationUpdatedEvent
  | PandiumRunFailedEvent
  | PandiumUnknownWebhookEvent;

/** The events about one tenant: confirmed against Pandium's API, their user resolved. @internal */
export type PandiumTenantWebhookEvent =
  | PandiumTenantCreatedEvent
  | PandiumTenantArchivedEvent
  | PandiumRunFailedEvent;

/** The types of the events about one tenant: the payload must name its tenant and integration. @internal */
export const TENANT_EVENT_TYPES: ReadonlySet<string> = new Set<
  PandiumTenantWebhookEvent['type']
>(['tenant_created', 'tenant_archived', 'run_failed']);

/** Whether `event` is about one tenant. @internal */
export const isTenantEvent = (
  event: PandiumWebhookEvent,
): event is PandiumTenantWebhookEvent => TENANT_EVENT_TYPES.has(event.type);

/** The event name each type is emitted under. @internal */
export const WEBHOOK_EVENT_NAMES: Readonly<
  Record<PandiumWebhookEvent['type'], string>
> = {
  integration_created: PANDIUM_WEBHOOK_EVENTS.integrationCreated,
  tenant_created: PANDIUM_WEBHOOK_EVENTS.tenantCreated,
  tenant_archived: PANDIUM_WEBHOOK_EVENTS.tenantArchived,
  partner_integration_updated: PANDIUM_WEBHOOK_EVENTS.partnerIntegrationUpdated,
  run_failed: PANDIUM_WEBHOOK_EVENTS.runFailed,
  unknown: PANDIUM_WEBHOOK_EVENTS.unknown,
};
