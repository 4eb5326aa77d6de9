// The README's telemetry tables against what the library exports: a scenario through the real module (every span,
// metric and attribute the tables name, and every failure they describe) in the in-memory SDK; then each table
// row must have been emitted as written, and nothing may have been emitted that the tables do not name.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import request from 'supertest';
import type { App } from 'supertest/types.js';
import { PandiumEmbedService } from '../core/pandium-embed.service.js';
import { PandiumLaunchTicketService } from '../launch/pandium-launch-ticket.service.js';
import { PandiumWebhookDispatcher } from '../webhooks/pandium-webhook.dispatcher.js';
import { InMemoryTelemetry } from './pandium-telemetry.spec-utils.js';
import type { ExportedPoint } from './pandium-telemetry.spec-utils.js';
import {
  alice,
  BROKEN_INTEGRATION_ID,
  createTelemetryApp,
  EmailClaims,
  FORBIDDEN,
  INTEGRATION_ID,
  notification,
  PickyHandler,
  startFakePandium,
  Tokens,
} from './pandium-telemetry-app.spec-utils.js';
import type {
  AppUser,
  FakePandium,
} from './pandium-telemetry-app.spec-utils.js';

/** One row of a README table: its cells. */
type Row = string[];

/** The rows of the first table after `heading` in the README's Telemetry section. */
function tableAfter(readme: string, heading: string): Row[] {
  const section = readme.slice(readme.indexOf('## Telemetry'));
  const lines = section.slice(section.indexOf(heading)).split('\n');
  const start = lines.findIndex((line) => line.startsWith('|'));
  const end = lines.findIndex((line, i) => i > start && !line.startsWith('|'));
  // The header and the separator are not rows.
  return lines.slice(start + 2, end).map((line) =>
    line
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim()),
  );
}

/** The backticked names in a cell, what parentheses say about them (values, notes) left out. */
function namesIn(cell: string): string[] {
  return [...cell.replace(/\([^()]*\)/g, '').matchAll(/`([^`]+)`/g)].map(
    ([, name]) => name,
  );
}

interface ReadmeSpan {
  names: string[];
  attributes: string[];
}

interface ReadmeMetric {
  name: string;
  type: string;
  unit: string;
  attributes: string[];
}

const readme = readFileSync(
  new URL('../../README.md', import.meta.url),
  'utf8',
);
const SPANS: ReadmeSpan[] = tableAfter(readme, '### Spans').map(
  ([names = '', , attributes = '']) => ({
    names: namesIn(names),
    attributes: namesIn(attributes),
  }),
);
const METRICS: ReadmeMetric[] = tableAfter(readme, '### Metrics').map(
  ([name = '', type = '', unit = '', attributes = '']) => ({
    name: namesIn(name)[0] ?? name,
    type,
    unit: namesIn(unit)[0] ?? unit,
    attributes: namesIn(attributes),
  }),
);

let telemetry: InMemoryTelemetry;
let pandium: FakePandium;
let app: INestApplication<App>;
const claims = new EmailClaims();
const tokens = new Tokens();

/** Everything the tables describe, the failures included. */
async function runScenario(): Promise<void> {
  const service = app.get<PandiumEmbedService<AppUser>>(PandiumEmbedService);
  const tickets = app.get<PandiumLaunchTicketService<AppUser>>(
    PandiumLaunchTicketService,
  );
  const refused = (work: Promise<unknown>) =>
    expect(work).rejects.toHaveProperty('code');
  // The catalog with statuses, read from Pandium's API, then from the caches.
  await service.listIntegrations(alice);
  await service.listIntegrations(alice);
  // URLs, launch tickets, and what refuses them.
  await service.createInstallUrl(alice, INTEGRATION_ID);
  await refused(service.createInstallUrl(alice, '5000'));
  await service.createMarketplaceUrl(alice);
  const { ticket } = await tickets.createLaunchTicket(alice, {
    kind: 'install',
    integrationId: INTEGRATION_ID,
  });
  await refused(
    tickets.createLaunchTicket(alice, {
      kind: 'install',
      integrationId: '5000',
    }),
  );
  await tickets.redeemLaunchTicket(ticket);
  await refused(tickets.redeemLaunchTicket(ticket));
  // Run, uninstall, refresh, and their refusals.
  await service.runIntegration(alice, INTEGRATION_ID);
  await refused(service.runIntegration(alice, '5000'));
  await service.uninstallIntegration(alice, INTEGRATION_ID);
  await refused(service.uninstallIntegration(alice, '5000'));
  await service.refreshStatuses(alice);
  pandium.failActions = true;
  await refused(service.runIntegration(alice, INTEGRATION_ID));
  await refused(service.uninstallIntegration(alice, INTEGRATION_ID));
  pandium.failActions = false;
  // A failing strategy, and a token over maxTokenBytes (the signing fails).
  claims.fail = true;
  await refused(service.createMarketplaceUrl(alice));
  await refused(service.listIntegrations(alice));
  await refused(service.refreshStatuses(alice));
  claims.fail = false;
  tokens.huge = true;
  await refused(service.createMarketplaceUrl(alice));
  tokens.huge = false;
  // The rate limit of the URL routes (1 per minute here).
  const server = app.getHttpServer();
  await request(server).get('/pandium/marketplace-url').expect(200);
  await request(server).get('/pandium/marketplace-url').expect(429);
  // Webhooks: each way of receiving one, and each way its processing ends.
  const deliver = (secret: string, body: unknown, status: number) =>
    request(server)
      .post(`/pandium/webhooks/${secret}`)
      .send(body as object)
      .expect(status);
  await deliver(FORBIDDEN.webhookSecret, notification(), 202);
  await deliver(FORBIDDEN.webhookSecret, notification(), 202);
  await deliver(FORBIDDEN.webhookSecret, { event_type: 7 }, 400);
  await deliver('wrong-secret', notification(), 404);
  await deliver(FORBIDDEN.webhookSecret, notification({ tenant_id: 99 }), 202);
  await deliver(
    FORBIDDEN.webhookSecret,
    notification({ integration_id: BROKEN_INTEGRATION_ID }),
    202,
  );
  await deliver(
    FORBIDDEN.webhookSecret,
    notification({ event_type: 'run_failed' }),
    202,
  );
  await app.get(PandiumWebhookDispatcher).whenIdle();
}

/** The attribute keys of every emitted span, by span name. */
function spanKeys(): Map<string, Set<string>> {
  const keys = new Map<string, Set<string>>();
  for (const span of telemetry.finished()) {
    const set = keys.get(span.name) ?? new Set<string>();
    Object.keys(span.attributes).forEach((key) => set.add(key));
    keys.set(span.name, set);
  }
  return keys;
}

/** The points of every emitted metric, by name. */
function byMetric(points: ExportedPoint[]): Map<string, ExportedPoint[]> {
  const metrics = new Map<string, ExportedPoint[]>();
  for (const point of points) {
    metrics.set(point.name, [...(metrics.get(point.name) ?? []), point]);
  }
  return metrics;
}

beforeAll(async () => {
  jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  telemetry = await InMemoryTelemetry.start();
  pandium = await startFakePandium();
  app = await createTelemetryApp(pandium.origin, {
    handler: new PickyHandler(),
    claims,
    tokens,
    rateLimit: 1,
  });
  await runScenario();
});

afterAll(async () => {
  await app.close();
  await pandium.close();
  await telemetry.stop();
  jest.restoreAllMocks();
});

describe("the README's telemetry tables", () => {
  it('are read: every span and metric row has names and attributes', () => {
    expect(SPANS.length).toBeGreaterThanOrEqual(12);
    expect(METRICS.length).toBeGreaterThanOrEqual(10);
    for (const row of [...SPANS, ...METRICS]) {
      expect(row.attributes.length).toBeGreaterThan(0);
    }
  });

  it.each(
    SPANS.flatMap(({ names, attributes }) =>
      names.map((name) => [name, attributes] as const),
    ),
  )(
    'span %s is emitted with each attribute the table names',
    (name, attributes) => {
      const emitted = spanKeys().get(name);
      expect(emitted).toBeDefined();
      expect([...emitted!].sort()).toEqual([...attributes].sort());
    },
  );

  it('names every span the library emitted', () => {
    const named = SPANS.flatMap(({ names }) => names);
    expect(
      [...spanKeys().keys()].filter((name) => !named.includes(name)),
    ).toEqual([]);
  });

  it.each(METRICS.map((metric) => [metric.name, metric] as const))(
    'metric %s is emitted with the type, unit and attributes the table gives',
    async (name, metric) => {
      const points = byMetric(await telemetry.points()).get(name) ?? [];
      expect(points.length).toBeGreaterThan(0);
      expect(new Set(points.map(({ type }) => type))).toEqual(
        new Set([metric.type]),
      );
      expect(new Set(points.map(({ unit }) => unit))).toEqual(
        new Set([metric.unit]),
      );
      const keys = new Set(
        points.flatMap(({ attributes }) => Object.keys(attributes)),
      );
      expect([...keys].sort()).toEqual([...metric.attributes].sort());
    },
  );

  it('names every metric the library emitted', async () => {
    const named = METRICS.map(({ name }) => name);
    const emitted = [...byMetric(await telemetry.points()).keys()];
    expect(emitted.filter((name) => !named.includes(name))).toEqual([]);
  });

  it('leaves every secret, token and person out of what was exported', async () => {
    const exported = await telemetry.exportedText();
    for (const forbidden of [
      ...Object.values(FORBIDDEN),
      '@',
      'alice',
      'eyJ',
    ]) {
      expect(exported).not.toContain(forbidden);
    }
  });
});
