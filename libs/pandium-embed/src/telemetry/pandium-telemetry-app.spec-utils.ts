// The whole module on a fake Pandium API, for the specs that assert what the library exports end to end: the API
// catalog, statuses, run and uninstall, the webhook receiver with tenant confirmation, and the rate limit.
import { Injectable } from '@nestjs/common';
import type {
  CanActivate,
  ExecutionContext,
  INestApplication,
} from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { createServer } from 'node:http';
import type { ServerResponse } from 'node:http';
import type { App } from 'supertest/types.js';
import { PandiumApiIntegrationCatalog } from '../api-catalog/pandium-api-integration.catalog.js';
import type { ClaimsProvider } from '../core/claims-provider.interface.js';
import type { PandiumUserClaims } from '../core/pandium-claims.interface.js';
import type { TokenProvider } from '../core/token-provider.interface.js';
import { listenOnLoopback } from '../core/loopback-server.spec-utils.js';
import { PandiumEmbedModule } from '../module/pandium-embed.module.js';
import type { PandiumWebhookEvent } from '../webhooks/pandium-webhook-event.interface.js';
import type { PandiumWebhookHandler } from '../webhooks/pandium-webhook-handler.interface.js';

/** What must never reach an exported byte. */
export const FORBIDDEN = {
  sharedSecret: 'telemetry-app-shared-secret-0123456789abcdef',
  apiKey: 'telemetry-app-api-key-5c1e',
  webhookSecret: 'telemetry-app-webhook-secret-0123456789',
  connectorToken: 'conn-token-telemetry-app-9b2d',
  email: 'alice@acme.test',
} as const;

/** The integration Pandium's API lists, and alice's live tenant of it. */
export const INTEGRATION_ID = '1042';
export const TENANT_ID = 7;
/** An integration whose tenants the fake API cannot list (500): a tenant event of it cannot be confirmed. */
export const BROKEN_INTEGRATION_ID = 666;

/** The authenticated user, as the host app's guard leaves it. */
export interface AppUser {
  id: string;
  email: string;
}

export const alice: AppUser = { id: 'alice', email: FORBIDDEN.email };

/** Claims whose `sub` is the user's e-mail address (neither may reach an attribute); `fail` makes it throw. */
export class EmailClaims implements ClaimsProvider<AppUser> {
  fail = false;

  getClaims(user: AppUser): PandiumUserClaims {
    if (this.fail) {
      throw new Error('ldap://10.0.0.7 refused the bind');
    }
    return {
      sub: user.email,
      ti: { udn: 'Acme Corp', ufn: 'Alice Example', uem: user.email },
    };
  }
}

/** The connector token; `huge` makes it one no URL fits (over `maxTokenBytes`: the signing fails). */
export class Tokens implements TokenProvider<AppUser> {
  huge = false;

  getToken(): string {
    return this.huge ? 'x'.repeat(3000) : FORBIDDEN.connectorToken;
  }
}

/** Stands in for the host app's auth guard: every request is alice's. */
@Injectable()
class AliceGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    context.switchToHttp().getRequest<{ user?: AppUser }>().user = alice;
    return true;
  }
}

/** Throws on `run_failed`, so a delivery can end as `handler_failed`. */
export class PickyHandler implements PandiumWebhookHandler {
  readonly handled: PandiumWebhookEvent[] = [];
  handle(event: PandiumWebhookEvent): void {
    if (event.type === 'run_failed') {
      throw new Error('the handler failed on purpose');
    }
    this.handled.push(event);
  }
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

/** The fake API; `failActions` makes runs and archives answer 500. */
export interface FakePandium {
  readonly origin: string;
  failActions: boolean;
  close(): Promise<void>;
}

/** A fake of Pandium's REST API: one integration, alice's one live tenant of it, runs and archives. */
export async function startFakePandium(): Promise<FakePandium> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const tenant = {
      id: TENANT_ID,
      integration_id: Number(INTEGRATION_ID),
      archived: false,
      status: { auth: { connected: true } },
    };
    if (request.headers['x-api-key'] !== FORBIDDEN.apiKey) {
      send(response, 401, { message: 'no' });
    } else if (url.pathname === '/v2/integrations') {
      send(response, 200, [
        {
          id: Number(INTEGRATION_ID),
          name: 'gwt2hs',
          long_name: 'GWT to HubSpot',
          connectors: [{ name: 'hubspot' }],
        },
      ]);
    } else if (
      url.pathname === '/v2/tenants' &&
      url.searchParams.get('integration_id') === String(BROKEN_INTEGRATION_ID)
    ) {
      send(response, 500, { message: 'down' });
    } else if (url.pathname === '/v2/tenants') {
      send(
        response,
        200,
        url.searchParams.get('archived') === 'true' ? [] : [tenant],
      );
    } else if (fake.failActions) {
      send(response, 500, { message: 'down' });
    } else if (request.method === 'POST') {
      send(response, 200, { trigger_id: 'trigger-1' });
    } else {
      send(response, request.method === 'DELETE' ? 200 : 404, {});
    }
  });
  const { origin, close } = await listenOnLoopback(server);
  const fake: FakePandium = { origin, failActions: false, close };
  return fake;
}

/** The strategies and limits of {@link createTelemetryApp}. */
export interface TelemetryAppOptions {
  handler: PandiumWebhookHandler;
  claims?: EmailClaims;
  tokens?: Tokens;
  /** Signed URLs per user per minute. @default 100 */
  rateLimit?: number;
}

/**
 * `PandiumEmbedModule` with every telemetry source on: the API catalog and statuses read from `apiOrigin`, the
 * controller (with a rate limit), launch tickets, and the webhook receiver; tokens up to 1024 bytes.
 */
export async function createTelemetryApp(
  apiOrigin: string,
  {
    handler,
    claims = new EmailClaims(),
    tokens = new Tokens(),
    rateLimit = 100,
  }: TelemetryAppOptions,
): Promise<INestApplication<App>> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      PandiumEmbedModule.forRoot({
        account: 'acme',
        sharedSecret: FORBIDDEN.sharedSecret,
        apiKey: FORBIDDEN.apiKey,
        apiBaseUrl: apiOrigin,
        webhookSecret: FORBIDDEN.webhookSecret,
        claimsProvider: { useValue: claims },
        tokenProvider: { useValue: tokens },
        maxTokenBytes: 1024,
        integrationCatalog: {
          useValue: new PandiumApiIntegrationCatalog<AppUser>({
            apiKey: FORBIDDEN.apiKey,
            apiBaseUrl: apiOrigin,
          }),
        },
        controller: {
          guards: [AliceGuard],
          rateLimit: { limit: rateLimit, windowSeconds: 60 },
        },
        webhooks: { handlers: [{ useValue: handler }], emitEvents: false },
      }),
    ],
  }).compile();
  const app = moduleRef.createNestApplication<INestApplication<App>>({
    logger: false,
  });
  await app.init();
  return app;
}

/** A notification as Pandium sends one, for alice's tenant unless `fields` say otherwise. */
export function notification(
  fields: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    event_type: 'tenant_created',
    environment: 'sandbox',
    account_id: 7,
    account_name: 'acme',
    timestamp: '2026-12-06T09:00:00Z',
    tenant_id: TENANT_ID,
    tenant_name: 'alice-gwt2hs',
    integration_id: Number(INTEGRATION_ID),
    integration_name: 'gwt2hs',
    ...fields,
  };
}
