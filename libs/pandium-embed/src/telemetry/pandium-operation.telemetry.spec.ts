import {
  afterAll,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
  jest,
} from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import request from 'supertest';
import type { App } from 'supertest/types.js';
import { PandiumEmbedService } from '../core/pandium-embed.service.js';
import { PandiumWebhookDispatcher } from '../webhooks/pandium-webhook.dispatcher.js';
import { InMemoryTelemetry } from './pandium-telemetry.spec-utils.js';
import {
  alice,
  BROKEN_INTEGRATION_ID,
  createTelemetryApp,
  FORBIDDEN,
  INTEGRATION_ID,
  notification,
  PickyHandler,
  startFakePandium,
} from './pandium-telemetry-app.spec-utils.js';
import type { AppUser } from './pandium-telemetry-app.spec-utils.js';

let telemetry: InMemoryTelemetry;
let pandium: Awaited<ReturnType<typeof startFakePandium>>;
let app: INestApplication<App>;
let service: PandiumEmbedService<AppUser>;

beforeAll(async () => {
  jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  telemetry = await InMemoryTelemetry.start();
  pandium = await startFakePandium();
  app = await createTelemetryApp(pandium.origin, {
    handler: new PickyHandler(),
  });
  service = app.get(PandiumEmbedService);
});

afterAll(async () => {
  await app.close();
  await pandium.close();
  await telemetry.stop();
  jest.restoreAllMocks();
});

beforeEach(() => {
  telemetry.spans.reset();
});

/** The finished spans whose parent is `parent`. */
function childrenOf(parent: ReadableSpan | undefined): ReadableSpan[] {
  return telemetry
    .finished()
    .filter(
      (span) => span.parentSpanContext?.spanId === parent?.spanContext().spanId,
    );
}

describe('lifecycle spans', () => {
  it('makes a pandium.integrations.list span, with the catalog and status reads under it, each marked as a cache miss then a hit', async () => {
    await service.listIntegrations(alice);
    const [first] = telemetry.named('pandium.integrations.list');
    expect(first?.attributes).toEqual({ 'pandium.outcome': 'ok' });
    const catalog = telemetry
      .named('pandium.strategy')
      .find(
        (span) =>
          span.attributes['pandium.strategy.name'] === 'IntegrationCatalog',
      );
    const [statuses] = telemetry.named('pandium.statuses.read');
    expect(catalog?.attributes['pandium.cache.hit']).toBe(false);
    expect(statuses?.attributes).toEqual({
      'pandium.cache.hit': false,
      'pandium.outcome': 'ok',
    });
    expect(
      childrenOf(catalog).map((span) => [
        span.kind,
        span.attributes['pandium.api.operation'],
      ]),
    ).toEqual([[SpanKind.CLIENT, 'GET /v2/integrations']]);
    expect(childrenOf(statuses).map((span) => span.name)).toEqual(['GET']);
    expect(
      childrenOf(first)
        .map((span) => span.name)
        .sort(),
    ).toEqual([
      'pandium.statuses.read',
      'pandium.strategy',
      'pandium.strategy',
    ]);

    telemetry.spans.reset();
    await service.listIntegrations(alice);
    expect(telemetry.named('GET')).toHaveLength(0);
    expect(
      telemetry
        .finished()
        .filter((span) => 'pandium.cache.hit' in span.attributes)
        .map((span) => [span.name, span.attributes['pandium.cache.hit']]),
    ).toEqual(
      expect.arrayContaining([
        ['pandium.strategy', true],
        ['pandium.statuses.read', true],
      ]),
    );
  });

  it('makes a pandium.integration.run span around the tenant lookup and the run, with the integration id', async () => {
    await service.runIntegration(alice, INTEGRATION_ID);

    const [run] = telemetry.named('pandium.integration.run');
    expect(run?.attributes).toEqual({
      'pandium.integration.id': INTEGRATION_ID,
      'pandium.outcome': 'ok',
    });
    expect(
      childrenOf(run)
        .filter((span) => span.kind === SpanKind.CLIENT)
        .map((span) => span.attributes['pandium.api.operation']),
    ).toEqual(['GET /v2/tenants', 'POST /v2/tenants/{id}/sync']);
  });

  it('makes a pandium.integration.uninstall span, refused with the error code when there is no tenant', async () => {
    await service.uninstallIntegration(alice, INTEGRATION_ID);
    await expect(
      service.uninstallIntegration(alice, '5000'),
    ).rejects.toMatchObject({ code: 'PANDIUM_TENANT_NOT_FOUND' });

    const [done, refused] = telemetry.named('pandium.integration.uninstall');
    expect(done?.attributes).toEqual({
      'pandium.integration.id': INTEGRATION_ID,
      'pandium.outcome': 'ok',
    });
    expect(
      childrenOf(done).map((span) => span.attributes['pandium.api.operation']),
    ).toContain('DELETE /v2/tenants/{id}');
    expect(refused?.attributes).toEqual({
      'pandium.integration.id': '5000',
      'pandium.outcome': 'refused',
      'pandium.error.code': 'PANDIUM_TENANT_NOT_FOUND',
    });
    expect(refused?.status.code).toBe(SpanStatusCode.ERROR);
  });

  it('makes a pandium.statuses.refresh span, after which the status read misses the cache', async () => {
    await service.refreshStatuses(alice);
    await service.listIntegrations(alice);

    expect(telemetry.named('pandium.statuses.refresh')[0]?.attributes).toEqual({
      'pandium.outcome': 'ok',
    });
    expect(
      telemetry.named('pandium.statuses.read')[0]?.attributes[
        'pandium.cache.hit'
      ],
    ).toBe(false);
  });
});

describe('pandium.webhooks.processed', () => {
  const deliver = (body: Record<string, unknown>) =>
    request(app.getHttpServer())
      .post(`/pandium/webhooks/${FORBIDDEN.webhookSecret}`)
      .send(body)
      .expect(202);
  const processed = (type: string, outcome: string) =>
    telemetry.value('pandium.webhooks.processed', {
      'pandium.webhook.type': type,
      'pandium.webhook.outcome': outcome,
    });

  it('counts each accepted delivery by what became of it: dispatched, contradicted, unconfirmed, handler_failed', async () => {
    await deliver(notification());
    await deliver(notification({ tenant_id: 99 }));
    await deliver(
      notification({
        tenant_id: 8,
        integration_id: BROKEN_INTEGRATION_ID,
      }),
    );
    await deliver(
      notification({
        event_type: 'run_failed',
        timestamp: '2026-12-06T09:01:00Z',
      }),
    );
    await app.get(PandiumWebhookDispatcher).whenIdle();

    expect(await processed('tenant_created', 'dispatched')).toBe(1);
    expect(await processed('tenant_created', 'contradicted')).toBe(1);
    expect(await processed('tenant_created', 'unconfirmed')).toBe(1);
    expect(await processed('run_failed', 'handler_failed')).toBe(1);
    expect(
      (await telemetry.points()).find(
        ({ name }) => name === 'pandium.webhooks.processed',
      )?.unit,
    ).toBe('{delivery}');
  });
});

describe('what is exported', () => {
  it('holds no secret, API key, connector token, e-mail address or raw sub', async () => {
    await service.listIntegrations(alice);
    await service.runIntegration(alice, INTEGRATION_ID);

    const exported = await telemetry.exportedText();
    expect(exported).toContain('pandium.integration.run');
    for (const forbidden of [...Object.values(FORBIDDEN), '@', 'alice']) {
      expect(exported).not.toContain(forbidden);
    }
  });
});
