import { PandiumWebhookController } from '../webhooks/pandium-webhook.controller.js';
import { describeController } from './pandium-embed-openapi-route.doc.js';
import type { PandiumControllerDoc } from './pandium-embed-openapi-route.doc.js';

/** The OpenAPI description of the webhook receiver's route. @internal */
export const PANDIUM_WEBHOOK_CONTROLLER_DOC: PandiumControllerDoc =
  describeController(PandiumWebhookController, false, {
    receive: {
      summary: "Receive one of Pandium's notifications",
      description:
        "The URL to register in Pandium's Hub (Settings, Notifications), with the `webhookSecret` as its last segment; only with the `webhooks` option. Runs none of the host app's guards (the secret is the credential). Answers `202` as soon as the delivery is accepted; the handlers and `@nestjs/event-emitter` listeners run after. A delivery seen before (same body) within the window is acknowledged and not dispatched again; a tenant event is dispatched only once Pandium's API confirms it (unless `webhooks.confirmTenantEvents` is `false`).",
      success: {
        status: 202,
        description: 'Accepted (or a repeat, acknowledged).',
        schema: {
          type: 'object',
          required: ['accepted'],
          properties: { accepted: { type: 'boolean', enum: [true] } },
        },
      },
      params: [
        {
          name: 'secret',
          type: String,
          description:
            'The `webhookSecret` (either one during a rotation): a credential, never log it.',
        },
      ],
      body: {
        description:
          "Pandium's notification. Other fields are accepted and kept in the event's `payload`; an unknown `event_type` is dispatched as `pandium.unknown`.",
        schema: {
          type: 'object',
          required: ['event_type'],
          properties: {
            event_type: {
              type: 'string',
              example: 'tenant_created',
              description:
                '`integration_created` (or `new_integration_created`), `tenant_created`, `tenant_archived`, `partner_integration_updated`, `run_failed`, or another.',
            },
            environment: { type: 'string' },
            account_id: { type: 'integer' },
            account_name: { type: 'string' },
            timestamp: { type: 'string', format: 'date-time' },
            tenant_id: {
              type: 'integer',
              description: 'Required for tenant events.',
            },
            tenant_name: { type: 'string' },
            integration_id: {
              type: 'integer',
              description: 'Required for tenant events.',
            },
            integration_name: { type: 'string' },
          },
        },
      },
      errors: {
        400: 'Not JSON, not `application/json`, or not a Pandium notification (no string `event_type`; a tenant event without `tenant_id` and `integration_id`).',
        404: 'A wrong secret, answered as an unknown path.',
        413: 'A body over 64 KiB.',
      },
    },
  });
