import type { Type } from '@nestjs/common';
import type { ApiPropertyOptions } from '@nestjs/swagger';
import { InstallUrlParamsDto } from '../http/install-url-params.dto.js';
import {
  LAUNCH_TICKET_KINDS,
  LaunchTicketRequestDto,
} from '../launch/launch-ticket-request.dto.js';
import { PandiumEmbedUrlResponseDto } from '../http/pandium-embed-url-response.dto.js';
import { PandiumErrorResponseDto } from '../http/pandium-error-response.dto.js';
import { PANDIUM_HTTP_ERROR_CODES } from '../errors/pandium-http.exception.js';
import { PandiumInstallUrlResponseDto } from '../http/pandium-install-url-response.dto.js';
import { PandiumIntegrationResponseDto } from '../http/pandium-integration-response.dto.js';
import { PandiumIntegrationStatusResponseDto } from '../http/pandium-integration-status-response.dto.js';
import { PandiumLaunchLinkResponseDto } from '../launch/pandium-launch-link-response.dto.js';
import { PandiumSyncResponseDto } from '../http/pandium-sync-response.dto.js';
import { PANDIUM_INTEGRATION_STATES } from '../core/pandium-integration-status.interface.js';
import { INTEGRATION_ID_PATTERN } from '../signing/pandium-jwt.constants.js';

/**
 * The OpenAPI description of one DTO class: every property it declares, no more (the mapped type makes the
 * compiler reject a missing or an unknown property).
 *
 * @internal
 */
export interface PandiumModelDoc {
  type: Type;
  properties: Record<string, ApiPropertyOptions>;
}

function describeModel<T>(
  type: Type<T>,
  properties: { [K in keyof Required<T>]: ApiPropertyOptions },
): PandiumModelDoc {
  return { type, properties };
}

const EXPIRES_AT: ApiPropertyOptions = {
  type: String,
  format: 'date-time',
  example: '2030-01-01T12:05:00.000Z',
};

const EXPIRES_IN: ApiPropertyOptions = {
  type: 'integer',
  minimum: 0,
  example: 300,
};

const INTEGRATION_ID: ApiPropertyOptions = {
  type: String,
  description:
    "Pandium's integration id, as `GET <prefix>/integrations` lists it.",
  pattern: INTEGRATION_ID_PATTERN.source,
  minLength: 1,
  maxLength: 128,
  example: '1042',
};

/**
 * The properties `documentPandiumEmbed()` describes, per class. A subclass lists only its own properties: swagger
 * reads the inherited ones from its parent.
 *
 * @internal
 */
export const PANDIUM_MODEL_DOCS: readonly PandiumModelDoc[] = [
  describeModel(InstallUrlParamsDto, { integrationId: INTEGRATION_ID }),
  describeModel(PandiumIntegrationResponseDto, {
    id: { ...INTEGRATION_ID, description: "Pandium's integration id." },
    name: {
      type: String,
      description: "The integration's programmatic name.",
      example: 'acme-crm-sync',
    },
    connectorName: {
      type: String,
      description: "The programmatic name of the integration's connector.",
      example: 'acme-crm',
    },
    displayName: {
      type: String,
      required: false,
      description: 'A name to show people, when it differs from `name`.',
      example: 'Acme CRM',
    },
    status: {
      type: () => PandiumIntegrationStatusResponseDto,
      required: false,
      description:
        "The signed-in user's status for this integration, from their Pandium tenants: present only when the module has an `apiKey`.",
    },
  }),
  describeModel(PandiumIntegrationStatusResponseDto, {
    state: {
      enum: [...PANDIUM_INTEGRATION_STATES],
      description:
        'paused > disconnected > failing > installed when several apply; unknown when Pandium did not answer and nothing was cached.',
      example: 'installed',
    },
    tenantId: {
      type: 'integer',
      required: false,
      description: "Pandium's id of the user's tenant.",
      example: 7,
    },
    lastRunAt: {
      type: String,
      required: false,
      description: 'When the last run completed (or started, while it runs).',
    },
    lastRunStatus: {
      type: String,
      required: false,
      description: "The last run's phase, as Pandium gave it.",
      example: 'Succeeded',
    },
    lastSuccessfulRunAt: {
      type: String,
      required: false,
      description: 'When the last successful run completed.',
    },
  }),
  describeModel(PandiumEmbedUrlResponseDto, {
    url: {
      type: String,
      format: 'uri',
      description:
        "The Pandium page for an iframe's `src`, signed token included. Use it once, right away; never log or store it.",
      example:
        'https://imp.sandbox.pandium.com/acme-saas/tenants/create/1042?tenant=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9…',
    },
    expiresAt: {
      ...EXPIRES_AT,
      description: 'When the token expires (ISO 8601).',
    },
    expiresIn: {
      ...EXPIRES_IN,
      description:
        'Seconds until the token expires, so a browser need not trust its own clock.',
    },
  }),
  describeModel<Pick<PandiumInstallUrlResponseDto, 'integrationId'>>(
    PandiumInstallUrlResponseDto,
    {
      integrationId: {
        ...INTEGRATION_ID,
        description: 'The integration the URL opens.',
      },
    },
  ),
  describeModel(PandiumSyncResponseDto, {
    triggerId: {
      type: String,
      description:
        "Pandium's `trigger_id` of the run (a string even when Pandium sends a number).",
      example: '8812',
    },
  }),
  describeModel(LaunchTicketRequestDto, {
    kind: {
      type: String,
      enum: [...LAUNCH_TICKET_KINDS],
      description:
        "What the ticket opens: one integration's install flow, or the marketplace.",
      example: 'install',
    },
    integrationId: {
      ...INTEGRATION_ID,
      required: false,
      description:
        'Required for `install`, refused for `marketplace`: the integration to install.',
    },
  }),
  describeModel(PandiumLaunchLinkResponseDto, {
    launchUrl: {
      type: String,
      description:
        "`<prefix>/launch/<ticket>`, a path on this app, for the iframe's `src`: it needs no `Authorization` header and works once. Never log it.",
      example: '/pandium/launch/eyJhbGciOiJIUzI1NiJ9…',
    },
    expiresIn: {
      ...EXPIRES_IN,
      description: 'Seconds until the ticket expires.',
      example: 30,
    },
    expiresAt: {
      ...EXPIRES_AT,
      description: 'When the ticket expires (ISO 8601).',
      example: '2030-01-01T12:00:30.000Z',
    },
    pandiumOrigin: {
      type: String,
      format: 'uri',
      description:
        "The origin of Pandium's pages: accept `postMessage` events from it only.",
      example: 'https://imp.sandbox.pandium.com',
    },
  }),
  describeModel(PandiumErrorResponseDto, {
    statusCode: {
      type: 'integer',
      description: 'The HTTP status, repeated.',
      example: 404,
    },
    error: {
      type: String,
      description: "The status's reason phrase.",
      example: 'Not Found',
    },
    message: {
      // With a schema combinator, swagger leaves `type` out for Array (and only for it).
      type: Array,
      oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
      description:
        'What went wrong, for people; a list when parameter validation found several problems.',
      example: 'No integration with this id is available to you.',
    },
    code: {
      type: String,
      enum: PANDIUM_HTTP_ERROR_CODES,
      description:
        'The stable code of the failure: switch on it, never on `message`. The library README lists each one.',
      example: 'PANDIUM_INTEGRATION_NOT_FOUND',
    },
    correlationId: {
      type: String,
      required: false,
      format: 'uuid',
      description:
        '5xx answers only: the id of the server log line that holds the details.',
      example: '0b8e5a3c-5f0e-4c5e-9d7a-2f1c3e4b5a6d',
    },
  }),
];
