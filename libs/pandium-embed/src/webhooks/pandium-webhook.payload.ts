import { applyDecorators } from '@nestjs/common';
import { IsInt, IsString, MaxLength, Min } from 'class-validator';
import { createHash } from 'node:crypto';
import { OptionalOptions } from '../options/option-rules.validator.js';
import {
  formatProblems,
  parseWith,
} from '../options/validation-problems.util.js';
import type { PandiumWebhookEvent } from './pandium-webhook-event.interface.js';
import { TENANT_EVENT_TYPES } from './pandium-webhook-event.interface.js';

/** A text field of a notification: a string of at most 1024 characters. */
const Text = (): PropertyDecorator =>
  applyDecorators(
    IsString({ message: 'must be a string' }),
    MaxLength(1024, { message: 'must be at most 1024 characters' }),
  );

/** A Pandium id: a whole number from 0. */
const Id = (): PropertyDecorator =>
  applyDecorators(
    IsInt({ message: 'must be a whole number' }),
    Min(0, { message: 'must not be negative' }),
  );

/** The fields every notification may carry; `event_type` is the one it must. */
@OptionalOptions({
  environment: Text(),
  account_id: Id(),
  account_name: Text(),
  timestamp: Text(),
  integration_id: Id(),
  integration_name: Text(),
  tenant_name: Text(),
  run_status: Text(),
})
class PandiumWebhookPayloadSchema {
  @IsString({ message: 'must be a string' })
  @MaxLength(128, { message: 'must be at most 128 characters' })
  event_type!: string;
}

/** What a tenant event must carry besides: the ids its confirmation and its user are found by. */
class PandiumTenantPayloadSchema extends PandiumWebhookPayloadSchema {
  @Id()
  tenant_id!: number;

  @Id()
  integration_id!: number;
}

/** The `event_type`s the library knows, with the spelling of Pandium's own example. */
const KNOWN_TYPES: Readonly<Record<string, PandiumWebhookEvent['type']>> = {
  integration_created: 'integration_created',
  new_integration_created: 'integration_created',
  tenant_created: 'tenant_created',
  tenant_archived: 'tenant_archived',
  partner_integration_updated: 'partner_integration_updated',
  run_failed: 'run_failed',
};

/** The outcome of reading a delivery: its event, or why it is refused (a 400). @internal */
export type ParsedWebhook =
  | { event: PandiumWebhookEvent; problem?: undefined }
  | { event?: undefined; problem: string };

/**
 * Reads one delivery's raw body into its typed event: JSON, an object with a string `event_type`, the common fields
 * typed when present, and for tenant events their `tenant_id` and `integration_id`. Other fields are kept in
 * `payload`. An `event_type` the library does not know gives an `unknown` event.
 *
 * @internal
 */
export function parsePandiumWebhook(raw: Buffer): ParsedWebhook {
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    return { problem: 'The body is not valid JSON.' };
  }
  const eventType = (json as { event_type?: unknown } | null)?.event_type;
  const type =
    typeof eventType === 'string' && Object.hasOwn(KNOWN_TYPES, eventType)
      ? KNOWN_TYPES[eventType]
      : 'unknown';
  const schema = TENANT_EVENT_TYPES.has(type)
    ? PandiumTenantPayloadSchema
    : PandiumWebhookPayloadSchema;
  const { problems } = parseWith(schema, json, { allowUnknownKeys: true });
  if (problems.length > 0) {
    return {
      problem: `Not a Pandium notification: ${formatProblems(problems).join('; ')}.`,
    };
  }
  return { event: toEvent(type, json as Record<string, unknown>, raw) };
}

/** The typed event of a valid payload. */
function toEvent(
  type: PandiumWebhookEvent['type'],
  payload: Record<string, unknown>,
  raw: Buffer,
): PandiumWebhookEvent {
  const field = <T>(name: string): T | undefined => payload[name] as T;
  const base = {
    deliveryId: createHash('sha256').update(raw).digest('hex'),
    environment: field<string>('environment'),
    accountId: field<number>('account_id'),
    accountName: field<string>('account_name'),
    timestamp: field<string>('timestamp'),
    payload: Object.freeze(payload),
  };
  const integration = {
    integrationId: field<number>('integration_id'),
    integrationName: field<string>('integration_name'),
  };
  switch (type) {
    case 'unknown':
      return { ...base, type, eventType: String(payload.event_type) };
    case 'integration_created':
    case 'partner_integration_updated':
      return { ...base, ...integration, type };
  }
  // A tenant event: the payload check required both ids.
  const tenant = {
    ...base,
    ...integration,
    integrationId: payload.integration_id as number,
    tenantId: payload.tenant_id as number,
    tenantName: field<string>('tenant_name'),
  };
  return type === 'run_failed'
    ? {
        ...tenant,
        type,
        runId: field<number | string>('run_id'),
        runStatus: field<string>('run_status'),
      }
    : { ...tenant, type };
}
