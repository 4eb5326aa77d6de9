// The example app's OpenTelemetry export, end to end: the SDK started by the function src/main.ts calls
// (startTelemetry), OTEL_EXPORTER_OTLP_ENDPOINT pointing at a local OTLP receiver, the app (the test's factory, as
// every e2e suite boots it) signing for the shipped emulator, which posts its webhooks back to it. In process rather
// than a child process of the built app: no build step, the same jest transform as the other suites, and the test
// reads the JWTs and tokens the app issued straight from its answers. Real traffic goes through it, then the SDK is
// shut down (its flush) and every exported byte is read.
import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { context, metrics, propagation, trace } from '@opentelemetry/api';
import { randomBytes } from 'node:crypto';
import { startPandiumEmulator } from 'pandium-embed/emulator';
import type { PandiumEmulator } from 'pandium-embed/emulator';
import { claimsOf } from 'pandium-embed/testing';
import request from 'supertest';
import type { App } from 'supertest/types.js';
import type { TokenProvider } from 'pandium-embed';
// Internal tokens, as the other e2e suites import them.
import { PANDIUM_TOKEN_PROVIDER } from '../libs/pandium-embed/src/pandium-embed.tokens.js';
import { PandiumWebhookDispatcher } from '../libs/pandium-embed/src/webhooks/pandium-webhook.dispatcher.js';
import { ConnectorTokenIssuer } from '../src/auth/connector-token.issuer.js';
import type { DemoUser } from '../src/directory/demo-directory.js';
import { DemoTokenProvider } from '../src/pandium/demo-token.provider.js';
import type { ExampleTelemetry } from '../src/telemetry/example-telemetry.interface.js';
import { startTelemetry } from '../src/telemetry/telemetry.starter.js';
import { capturingLogger } from './support/capturing.logger.js';
import { API_KEY, HOST_ORIGIN } from './support/emulator-stack.js';
import { INSTALL_PATH } from './support/emulator-tenants.js';
import {
  createExampleApp,
  DEMO_INTEGRATIONS,
  logIn,
  TEST_ACCOUNT,
  TEST_APP_AUTH_SECRET,
  TEST_PANDIUM_SECRET,
  withEnv,
} from './support/example-app.js';
import { freePort } from './support/free-port.js';
import { startOtlpReceiver } from './support/otlp-receiver.js';
import type { OtlpReceiver, OtlpRequest } from './support/otlp-receiver.js';
import { exportedSpans, lastExportedMetrics } from './support/otlp-json.js';
import type { ExportedMetric, ExportedSpan } from './support/otlp-json.js';
import { tenantTokenOf } from './support/pandium-token.verifier.js';

jest.setTimeout(30_000);

const JANE = 'jane@acme.test';
const RAJ = 'raj@acme.test';
const JOHN = 'john@globex.test';
const EMAILS = [JANE, RAJ, JOHN];
/** The demo users' `sub` claims (src/directory/demo-directory.ts). */
const SUBS = ['usr_1001', 'usr_1002', 'usr_2001'];
const WEBHOOK_SECRET = randomBytes(32).toString('base64url');
/** A wrong webhook secret, posted once: refused, and no more exported than the right one. */
const WRONG_WEBHOOK_SECRET = randomBytes(32).toString('base64url');
/** The library's default budget per user and window: one more is refused. */
const RATE_LIMIT = 30;

/** The demo's token provider, failing once when told to: a strategy failure, as a host API that is down makes. */
class FailingOnceTokenProvider implements TokenProvider<DemoUser> {
  failNext = false;

  constructor(private readonly demo: DemoTokenProvider) {}

  getToken(user: DemoUser): Promise<string> {
    if (this.failNext) {
      this.failNext = false;
      return Promise.reject(new Error('the connector token service is down'));
    }
    return this.demo.getToken(user);
  }
}

/** What one run of the app sent to the receiver, and every credential it handed out meanwhile. */
interface Export {
  readonly requests: readonly OtlpRequest[];
  /** Each JWT, ticket and connector token the app returned or signed. */
  readonly issued: readonly string[];
  readonly tenantId: number;
  /** The emulator's origin: Pandium's API for the app. */
  readonly apiOrigin: string;
}

/** Boots the emulator and the example app with the SDK on, sends the traffic, shuts everything down. */
async function exportOf(protocol: string): Promise<Export> {
  const receiver: OtlpReceiver = await startOtlpReceiver();
  let telemetry: ExampleTelemetry | undefined;
  let emulator: PandiumEmulator | undefined;
  let app: INestApplication<App> | undefined;
  const issued: string[] = [];
  try {
    telemetry = await withEnv(
      {
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
        OTEL_EXPORTER_OTLP_PROTOCOL: protocol,
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: undefined,
        OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: undefined,
        OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: undefined,
        OTEL_EXPORTER_OTLP_METRICS_PROTOCOL: undefined,
        OTEL_EXPORTER_OTLP_COMPRESSION: undefined,
        OTEL_EXPORTER_OTLP_HEADERS: undefined,
        OTEL_SERVICE_NAME: undefined,
        OTEL_RESOURCE_ATTRIBUTES: undefined,
        OTEL_SDK_DISABLED: undefined,
      },
      () => startTelemetry(process.env),
    );
    expect(telemetry?.settings).toEqual({
      traces: protocol,
      metrics: protocol,
      defaultServiceName: 'pandium-embed-example',
    });
    const port = await freePort();
    emulator = await startPandiumEmulator({
      account: TEST_ACCOUNT,
      sharedSecret: TEST_PANDIUM_SECRET,
      hostOrigin: HOST_ORIGIN,
      apiKey: API_KEY,
      integrations: DEMO_INTEGRATIONS,
      port: 0,
      logger: capturingLogger,
      runDurationMs: 0,
      webhookUrl: `http://127.0.0.1:${port}/pandium/webhooks/${WEBHOOK_SECRET}`,
    });
    let tokenProvider: FailingOnceTokenProvider | undefined;
    app = await createExampleApp(
      {
        PANDIUM_BASE_URL: emulator.origin,
        PANDIUM_API_KEY: API_KEY,
        PANDIUM_API_BASE_URL: emulator.origin,
        PANDIUM_WEBHOOK_SECRET: WEBHOOK_SECRET,
      },
      {
        configure: (builder) =>
          builder.overrideProvider(PANDIUM_TOKEN_PROVIDER).useFactory({
            factory: (issuer: ConnectorTokenIssuer) =>
              (tokenProvider = new FailingOnceTokenProvider(
                new DemoTokenProvider(issuer),
              )),
            inject: [ConnectorTokenIssuer],
          }),
      },
    );
    await app.listen(port, '127.0.0.1');
    const tenantId = await sendTraffic(app, emulator, issued, tokenProvider!);
    await app.close();
    app = undefined;
    await telemetry!.shutdown();
    return {
      requests: [...receiver.requests],
      issued,
      tenantId,
      apiOrigin: emulator.origin,
    };
  } finally {
    await app?.close();
    await telemetry?.shutdown();
    await emulator?.close();
    await receiver.close();
    // The SDK registered itself globally: the next run registers its own.
    trace.disable();
    metrics.disable();
    context.disable();
    propagation.disable();
  }
}

/** The signed URL's JWT and, inside it, jane's connector token. */
function tokensOf(url: string): string[] {
  const token = tenantTokenOf(url);
  const connectorToken = (
    claimsOf(url, { secret: TEST_PANDIUM_SECRET }).ti.xti as { token: string }
  ).token;
  return [token, connectorToken];
}

/**
 * An install URL, a refusal, a marketplace URL, a launch ticket issued and redeemed, catalog reads with statuses,
 * jane's install at the emulator and its webhook, a run, and a user over the rate limit.
 */
async function sendTraffic(
  app: INestApplication<App>,
  emulator: PandiumEmulator,
  issued: string[],
  tokenProvider: FailingOnceTokenProvider,
): Promise<number> {
  const http = () => request(app.getHttpServer());
  const [jane, raj, john] = await Promise.all(
    EMAILS.map((email) => logIn(app, email)),
  );
  issued.push(jane, raj, john);
  const get = (path: string, token: string) =>
    http().get(path).set('Authorization', `Bearer ${token}`);

  const install = await get(
    '/pandium/integrations/1042/install-url',
    jane,
  ).expect(200);
  const installUrl = (install.body as { url: string }).url;
  issued.push(...tokensOf(installUrl));
  // NetSuite is not on Globex's plan: not in john's catalog.
  await get('/pandium/integrations/2318/install-url', john).expect(404);
  const marketplace = await get('/pandium/marketplace-url', jane).expect(200);
  issued.push(...tokensOf((marketplace.body as { url: string }).url));
  // The host's token provider fails once: a strategy failure, answered as a server error.
  tokenProvider.failNext = true;
  const failed = await get('/pandium/marketplace-url', jane);
  expect(failed.status).toBeGreaterThanOrEqual(500);

  const ticket = await http()
    .post('/pandium/launch-tickets')
    .set('Authorization', `Bearer ${jane}`)
    .send({ kind: 'install', integrationId: '1042' })
    .expect(201);
  const launchUrl = (ticket.body as { launchUrl: string }).launchUrl;
  issued.push(launchUrl.slice(launchUrl.lastIndexOf('/') + 1));
  const launched = await http().get(launchUrl).expect(302);
  issued.push(...tokensOf(launched.headers.location));

  // Jane saves the install page the app signed: the emulator makes her tenant and posts tenant_created.
  const { pathname, search } = new URL(installUrl);
  await request(emulator.origin)
    .get(`${pathname}${search}`)
    .set('Accept', 'text/html')
    .expect(200);
  const saved = await request(emulator.origin)
    .post(INSTALL_PATH)
    .type('form')
    .set('Accept', 'application/json')
    .send({ tenant: tenantTokenOf(installUrl) })
    .expect(200);
  const tenantId = (saved.body as { tenant: { id: number } }).tenant.id;
  let feed: unknown[] = [];
  // The emulator posts in the background: poll jane's feed, bounded by count.
  for (let attempt = 0; attempt < 100 && feed.length === 0; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    await app.get(PandiumWebhookDispatcher).whenIdle();
    feed = (await get('/demo/activity', jane).expect(200)).body as unknown[];
  }
  expect(feed).toHaveLength(1);
  // A delivery to a wrong secret: refused as an unknown path is.
  await http()
    .post(`/pandium/webhooks/${WRONG_WEBHOOK_SECRET}`)
    .send({ event_type: 'tenant_created' })
    .expect(404);

  // Catalog reads with statuses: Pandium's tenant API, once per user (then cached: jane's second read).
  await get('/pandium/integrations', jane).expect(200);
  await get('/pandium/integrations', john).expect(200);
  await get('/pandium/integrations', jane).expect(200);

  await http()
    .post('/pandium/integrations/1042/sync')
    .set('Authorization', `Bearer ${jane}`)
    .expect(202);
  await http()
    .post('/pandium/integrations/refresh')
    .set('Authorization', `Bearer ${jane}`)
    .expect(204);

  // Raj spends his budget on marketplace URLs; the next is refused.
  for (let count = 0; count < RATE_LIMIT; count += 1) {
    const response = await get('/pandium/marketplace-url', raj).expect(200);
    issued.push(tenantTokenOf((response.body as { url: string }).url));
  }
  await get('/pandium/marketplace-url', raj).expect(429);
  return tenantId;
}

/** Every credential and personal value the app held: none may be in an exported byte. */
function secretsOf(exported: Export): Map<string, string> {
  const secrets = new Map<string, string>([
    ['the shared secret', TEST_PANDIUM_SECRET],
    ["the app's auth secret", TEST_APP_AUTH_SECRET],
    ['the API key', API_KEY],
    ['the webhook secret', WEBHOOK_SECRET],
    ['the wrong webhook secret', WRONG_WEBHOOK_SECRET],
    ...EMAILS.map(
      (email, index) => [`e-mail address #${index}`, email] as const,
    ),
    ...SUBS.map((sub, index) => [`raw sub #${index}`, sub] as const),
  ]);
  exported.issued.forEach((token, index) => {
    secrets.set(`issued token #${index}`, token);
    // A JWT's payload and signature alone (its header is the same for every token, and no secret).
    token
      .split('.')
      .slice(1)
      .forEach((part, at) =>
        secrets.set(`part ${at + 1} of issued token #${index}`, part),
      );
  });
  return secrets;
}

/** `value` as text, and as the base64, base64url and hex a protobuf `bytes` field or a JSON encoder could hold. */
function formsOf(value: string): Buffer[] {
  const bytes = Buffer.from(value, 'utf8');
  return [
    bytes,
    ...(['base64', 'base64url', 'hex'] as const).map((encoding) =>
      Buffer.from(bytes.toString(encoding), 'utf8'),
    ),
  ];
}

/** The span with `name` whose attributes include `attributes`. */
function spansNamed(
  spans: readonly ExportedSpan[],
  name: string,
  attributes: Record<string, string | number> = {},
): ExportedSpan[] {
  return spans.filter(
    (span) =>
      span.name === name &&
      Object.entries(attributes).every(
        ([key, value]) => span.attributes[key] === value,
      ),
  );
}

const childrenOf = (spans: readonly ExportedSpan[], parent: ExportedSpan) =>
  spans.filter(
    (span) =>
      span.parentSpanId === parent.spanId && span.traceId === parent.traceId,
  );

/** The names of a URL span's children: its strategy calls by strategy, and its signing. */
const childNamesOf = (spans: readonly ExportedSpan[], parent: ExportedSpan) =>
  childrenOf(spans, parent)
    .map((span) =>
      span.name === 'pandium.strategy'
        ? `strategy:${String(span.attributes['pandium.strategy.name'])}`
        : span.name,
    )
    .sort();

/** Every attribute the library's README names in its spans table. */
const README_SPAN_ATTRIBUTES = new Set([
  'pandium.url.kind',
  'pandium.integration.id',
  'pandium.outcome',
  'pandium.error.code',
  'pandium.strategy.name',
  'http.request.method',
  'server.address',
  'server.port',
  'url.full',
  'http.response.status_code',
  'error.type',
  'pandium.api.operation',
  'pandium.cache.hit',
]);

/** OTLP's SpanKind and Status codes. */
const SPAN_KIND_INTERNAL = 1;
const SPAN_KIND_CLIENT = 3;
const STATUS_ERROR = 2;

/** The sum of a metric's points (a counter's value, a histogram's count) whose attributes are `attributes`. */
function total(
  metric: ExportedMetric | undefined,
  attributes: Record<string, string>,
): number {
  const points = (metric?.points ?? []).filter(
    (point) =>
      JSON.stringify(Object.entries(point.attributes).sort()) ===
      JSON.stringify(Object.entries(attributes).sort()),
  );
  return points.reduce(
    (sum, point) => sum + (point.value ?? point.count ?? 0),
    0,
  );
}

/** Each metric's data points' attribute sets, sorted, as readable keys. */
function attributeSetsOf(metric: ExportedMetric | undefined): string[] {
  return (metric?.points ?? [])
    .map((point) =>
      Object.entries(point.attributes)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, value]) => `${key}=${String(value)}`)
        .join(' '),
    )
    .sort();
}

describe('OpenTelemetry export of the example app over OTLP http/json (e2e)', () => {
  let exported: Export;
  let spans: ExportedSpan[];
  let metricsByName: Map<string, ExportedMetric>;

  beforeAll(async () => {
    exported = await exportOf('http/json');
    spans = exportedSpans(exported.requests);
    metricsByName = lastExportedMetrics(exported.requests);
  });

  it('should post JSON to /v1/traces and /v1/metrics, uncompressed', () => {
    expect(new Set(exported.requests.map(({ path }) => path))).toEqual(
      new Set(['/v1/traces', '/v1/metrics']),
    );
    for (const { method, contentType, contentEncoding } of exported.requests) {
      expect(method).toBe('POST');
      expect(contentType).toBe('application/json');
      expect(contentEncoding).toBeUndefined();
    }
  });

  it("should export under the example's service name and the library's scope", () => {
    expect(spans.length).toBeGreaterThan(0);
    for (const span of spans) {
      expect(span.resource['service.name']).toBe('pandium-embed-example');
      expect(span.scope).toBe('pandium-embed');
    }
    for (const metric of metricsByName.values()) {
      expect(metric.resource['service.name']).toBe('pandium-embed-example');
      expect(metric.scope).toBe('pandium-embed');
    }
  });

  it("should carry no span attribute outside the README's table", () => {
    const keys = new Set(spans.flatMap((span) => Object.keys(span.attributes)));
    expect([...keys].filter((key) => !README_SPAN_ATTRIBUTES.has(key))).toEqual(
      [],
    );
  });

  it('should trace an install URL with its strategy calls and signing as children', () => {
    const [install] = spansNamed(spans, 'pandium.install_url', {
      'pandium.integration.id': '1042',
    });
    expect(install.attributes).toEqual({
      'pandium.url.kind': 'install',
      'pandium.integration.id': '1042',
      'pandium.outcome': 'ok',
    });
    expect(install.kind).toBe(SPAN_KIND_INTERNAL);
    expect(install.statusCode).not.toBe(STATUS_ERROR);
    expect(install.parentSpanId).toBeUndefined();
    expect(childNamesOf(spans, install)).toEqual([
      'pandium.sign',
      'strategy:ClaimsProvider',
      'strategy:IntegrationCatalog',
      'strategy:TokenProvider',
    ]);
    for (const child of childrenOf(spans, install)) {
      expect(child.attributes['pandium.outcome']).toBe('ok');
    }
  });

  it("should trace the refusal of an integration outside the user's catalog as refused, with its code", () => {
    const [refused] = spansNamed(spans, 'pandium.install_url', {
      'pandium.integration.id': '2318',
    });
    expect(refused.attributes).toEqual({
      'pandium.url.kind': 'install',
      'pandium.integration.id': '2318',
      'pandium.outcome': 'refused',
      'pandium.error.code': 'PANDIUM_INTEGRATION_NOT_FOUND',
    });
    expect(refused.statusCode).toBe(STATUS_ERROR);
    expect(childNamesOf(spans, refused)).toEqual([
      'strategy:IntegrationCatalog',
    ]);
  });

  it('should trace marketplace URLs, the rate-limited one not at all', () => {
    const marketplace = spansNamed(spans, 'pandium.marketplace_url', {
      'pandium.outcome': 'ok',
    });
    // Jane's one and Raj's budget.
    expect(marketplace).toHaveLength(1 + RATE_LIMIT);
    for (const span of marketplace) {
      expect(span.attributes).toEqual({
        'pandium.url.kind': 'marketplace',
        'pandium.outcome': 'ok',
      });
      expect(childNamesOf(spans, span)).toEqual([
        'pandium.sign',
        'strategy:ClaimsProvider',
        'strategy:TokenProvider',
      ]);
    }
  });

  it("should trace a strategy's failure as an error of its own span and of the URL's, with the code", () => {
    const failed = spansNamed(spans, 'pandium.marketplace_url', {
      'pandium.outcome': 'error',
    });
    expect(failed).toHaveLength(1);
    expect(failed[0].attributes).toEqual({
      'pandium.url.kind': 'marketplace',
      'pandium.outcome': 'error',
      'pandium.error.code': 'PANDIUM_STRATEGY_FAILED',
    });
    expect(failed[0].statusCode).toBe(STATUS_ERROR);
    // No signing once a strategy failed.
    expect(childNamesOf(spans, failed[0])).toEqual([
      'strategy:ClaimsProvider',
      'strategy:TokenProvider',
    ]);
    const [tokenProvider] = childrenOf(spans, failed[0]).filter(
      (span) => span.attributes['pandium.strategy.name'] === 'TokenProvider',
    );
    expect(tokenProvider.attributes).toEqual({
      'pandium.strategy.name': 'TokenProvider',
      'pandium.outcome': 'error',
      'pandium.error.code': 'PANDIUM_STRATEGY_FAILED',
    });
    expect(tokenProvider.statusCode).toBe(STATUS_ERROR);
  });

  it('should trace a launch ticket issued, and redeemed with the install URL it signs as a child', () => {
    const [issue] = spansNamed(spans, 'pandium.launch_ticket.issue');
    expect(issue.attributes).toEqual({
      'pandium.url.kind': 'launch_ticket',
      'pandium.integration.id': '1042',
      'pandium.outcome': 'ok',
    });
    const [redeem] = spansNamed(spans, 'pandium.launch_ticket.redeem');
    expect(redeem.attributes).toEqual({
      'pandium.url.kind': 'launch_redeem',
      'pandium.outcome': 'ok',
    });
    const [signed] = childrenOf(spans, redeem);
    expect(signed.name).toBe('pandium.install_url');
    expect(signed.attributes['pandium.integration.id']).toBe('1042');
    expect(childNamesOf(spans, signed)).toContain('pandium.sign');
  });

  it('should trace catalog reads, the run and the refresh, with the status read and API calls as children', () => {
    const lists = spansNamed(spans, 'pandium.integrations.list');
    // Jane's two reads, john's, and the activity feed's polls (it names events after the catalog's entries).
    expect(lists.length).toBeGreaterThanOrEqual(3);
    const reads = lists.map((list) => {
      expect(list.attributes).toEqual({ 'pandium.outcome': 'ok' });
      expect(list.parentSpanId).toBeUndefined();
      expect(childNamesOf(spans, list)).toEqual([
        'pandium.statuses.read',
        'strategy:ClaimsProvider',
        'strategy:IntegrationCatalog',
      ]);
      const [read] = childrenOf(spans, list).filter(
        ({ name }) => name === 'pandium.statuses.read',
      );
      return {
        hit: read.attributes['pandium.cache.hit'],
        calls: childrenOf(spans, read).map(
          ({ name, kind }) => `${kind}:${name}`,
        ),
      };
    });
    // A read the cache answers asks Pandium nothing; one it does not asks once. Jane's first read and john's miss
    // (so may a read of jane's after her tenant_created webhook dropped her statuses); her next read hits.
    for (const read of reads) {
      expect(read).toEqual(
        read.hit === true
          ? { hit: true, calls: [] }
          : { hit: false, calls: [`${SPAN_KIND_CLIENT}:GET`] },
      );
    }
    expect(
      reads.filter(({ hit }) => hit === false).length,
    ).toBeGreaterThanOrEqual(2);
    expect(
      reads.filter(({ hit }) => hit === true).length,
    ).toBeGreaterThanOrEqual(1);
    const [run] = spansNamed(spans, 'pandium.integration.run');
    expect(run.attributes).toEqual({
      'pandium.integration.id': '1042',
      'pandium.outcome': 'ok',
    });
    expect(childNamesOf(spans, run)).toEqual([
      'GET',
      'POST',
      'strategy:ClaimsProvider',
      'strategy:IntegrationCatalog',
    ]);
    const [refresh] = spansNamed(spans, 'pandium.statuses.refresh');
    expect(refresh.attributes).toEqual({ 'pandium.outcome': 'ok' });
    expect(childNamesOf(spans, refresh)).toEqual(['strategy:ClaimsProvider']);
  });

  it("should trace each call to Pandium's API as an HTTP client span, the user name redacted", () => {
    const { hostname, port } = new URL(exported.apiOrigin);
    const calls = spans.filter((span) => span.kind === SPAN_KIND_CLIENT);
    expect(calls.map(({ name }) => name).sort()).toEqual([
      ...calls.filter(({ name }) => name === 'GET').map(() => 'GET'),
      'POST',
    ]);
    const byUser = calls.filter((span) =>
      String(span.attributes['url.full']).includes('user_name='),
    );
    expect(byUser.length).toBeGreaterThan(0);
    for (const span of byUser) {
      expect(String(span.attributes['url.full'])).toMatch(
        new RegExp(
          `^${exported.apiOrigin}/v2/tenants\\?(?:.*&)?user_name=redacted(?:&|$)`,
        ),
      );
    }
    for (const span of calls.filter(({ name }) => name === 'GET')) {
      expect(span.attributes).toEqual({
        'http.request.method': 'GET',
        'server.address': hostname,
        'server.port': Number(port),
        'url.full': expect.stringMatching(/\/v2\/tenants\?/),
        'http.response.status_code': 200,
        'pandium.api.operation': 'GET /v2/tenants',
        'pandium.outcome': 'ok',
      });
    }
    const [run] = calls.filter(({ name }) => name === 'POST');
    expect(run.attributes).toEqual({
      'http.request.method': 'POST',
      'server.address': hostname,
      'server.port': Number(port),
      'url.full': `${exported.apiOrigin}/v2/tenants/${exported.tenantId}/sync?mode=normal`,
      'http.response.status_code': 202,
      'pandium.api.operation': 'POST /v2/tenants/{id}/sync',
      'pandium.outcome': 'ok',
    });
  });

  it("should export each metric of the README's table that the traffic made, with its unit and attributes", () => {
    const described = [...metricsByName.values()].map(
      ({ name, unit, type, monotonic }) => ({ name, unit, type, monotonic }),
    );
    const counter = (name: string, unit: string) => ({
      name,
      unit,
      type: 'sum',
      monotonic: true,
    });
    const histogram = (name: string) => ({
      name,
      unit: 's',
      type: 'histogram',
      monotonic: undefined,
    });
    expect(described.sort((a, b) => a.name.localeCompare(b.name))).toEqual(
      [
        counter('pandium.urls.issued', '{url}'),
        counter('pandium.urls.refused', '{url}'),
        histogram('pandium.url.issue.duration'),
        histogram('pandium.strategy.duration'),
        counter('pandium.strategy.failures', '{failure}'),
        counter('pandium.rate_limit.refusals', '{request}'),
        counter('pandium.webhooks.received', '{delivery}'),
        counter('pandium.webhooks.processed', '{delivery}'),
        counter('pandium.api.calls', '{call}'),
        histogram('pandium.api.duration'),
      ].sort((a, b) => a.name.localeCompare(b.name)),
    );
  });

  it('should count URLs issued and refused by kind and code, as many as the spans', () => {
    const issued = metricsByName.get('pandium.urls.issued');
    const refused = metricsByName.get('pandium.urls.refused');
    const duration = metricsByName.get('pandium.url.issue.duration');
    for (const [kind, name] of [
      ['install', 'pandium.install_url'],
      ['marketplace', 'pandium.marketplace_url'],
      ['launch_ticket', 'pandium.launch_ticket.issue'],
      ['launch_redeem', 'pandium.launch_ticket.redeem'],
    ]) {
      const ok = spansNamed(spans, name, { 'pandium.outcome': 'ok' }).length;
      expect(ok).toBeGreaterThan(0);
      expect(total(issued, { 'pandium.url.kind': kind })).toBe(ok);
      expect(
        total(duration, { 'pandium.url.kind': kind, 'pandium.outcome': 'ok' }),
      ).toBe(ok);
    }
    expect(total(issued, { 'pandium.url.kind': 'install' })).toBe(2);
    expect(total(issued, { 'pandium.url.kind': 'marketplace' })).toBe(
      1 + RATE_LIMIT,
    );
    expect(attributeSetsOf(refused)).toEqual([
      'pandium.error.code=PANDIUM_INTEGRATION_NOT_FOUND pandium.url.kind=install',
      'pandium.error.code=PANDIUM_STRATEGY_FAILED pandium.url.kind=marketplace',
    ]);
    expect(
      total(refused, {
        'pandium.url.kind': 'marketplace',
        'pandium.error.code': 'PANDIUM_STRATEGY_FAILED',
      }),
    ).toBe(1);
    expect(
      total(duration, {
        'pandium.url.kind': 'marketplace',
        'pandium.outcome': 'error',
      }),
    ).toBe(1);
    expect(
      total(refused, {
        'pandium.url.kind': 'install',
        'pandium.error.code': 'PANDIUM_INTEGRATION_NOT_FOUND',
      }),
    ).toBe(1);
    expect(
      total(duration, {
        'pandium.url.kind': 'install',
        'pandium.outcome': 'refused',
      }),
    ).toBe(1);
  });

  it('should time each strategy call and count its failure, as many as the strategy spans', () => {
    const duration = metricsByName.get('pandium.strategy.duration');
    for (const name of [
      'ClaimsProvider',
      'TokenProvider',
      'IntegrationCatalog',
    ]) {
      for (const outcome of ['ok', 'error']) {
        const calls = spansNamed(spans, 'pandium.strategy', {
          'pandium.strategy.name': name,
          'pandium.outcome': outcome,
        });
        expect(
          total(duration, {
            'pandium.strategy.name': name,
            'pandium.outcome': outcome,
          }),
        ).toBe(calls.length);
      }
    }
    expect(attributeSetsOf(duration)).toContain(
      'pandium.outcome=error pandium.strategy.name=TokenProvider',
    );
    const failures = metricsByName.get('pandium.strategy.failures');
    expect(attributeSetsOf(failures)).toEqual([
      'pandium.strategy.failure=error pandium.strategy.name=TokenProvider',
    ]);
    expect(
      total(failures, {
        'pandium.strategy.name': 'TokenProvider',
        'pandium.strategy.failure': 'error',
      }),
    ).toBe(1);
  });

  it('should count the rate-limit refusal and the webhook deliveries, the wrong secret rejected', () => {
    expect(
      attributeSetsOf(metricsByName.get('pandium.rate_limit.refusals')),
    ).toEqual(['pandium.rate_limit.budget=pandium-embed']);
    expect(
      total(metricsByName.get('pandium.rate_limit.refusals'), {
        'pandium.rate_limit.budget': 'pandium-embed',
      }),
    ).toBe(1);
    const webhooks = metricsByName.get('pandium.webhooks.received');
    // The wrong secret is refused before the body is read: its type is `none`.
    expect(attributeSetsOf(webhooks)).toEqual([
      'pandium.webhook.outcome=accepted pandium.webhook.type=tenant_created',
      'pandium.webhook.outcome=rejected pandium.webhook.type=none',
    ]);
    expect(
      total(webhooks, {
        'pandium.webhook.type': 'tenant_created',
        'pandium.webhook.outcome': 'accepted',
      }),
    ).toBe(1);
    expect(
      total(webhooks, {
        'pandium.webhook.type': 'none',
        'pandium.webhook.outcome': 'rejected',
      }),
    ).toBe(1);
  });

  it("should count and time Pandium's API calls by operation, as many as the client spans", () => {
    const calls = metricsByName.get('pandium.api.calls');
    const duration = metricsByName.get('pandium.api.duration');
    for (const operation of ['GET /v2/tenants', 'POST /v2/tenants/{id}/sync']) {
      const traced = spans.filter(
        (span) =>
          span.kind === SPAN_KIND_CLIENT &&
          span.attributes['pandium.api.operation'] === operation,
      ).length;
      expect(traced).toBeGreaterThan(0);
      const recorded = {
        'pandium.api.operation': operation,
        'pandium.outcome': 'ok',
      };
      expect(total(calls, recorded)).toBe(traced);
      expect(total(duration, recorded)).toBe(traced);
    }
  });

  it('should export no secret, token, e-mail address or raw sub in any byte', () => {
    expectNoSecretIn(exported);
  });
});

describe('OpenTelemetry export of the example app over OTLP http/protobuf, the default (e2e)', () => {
  let exported: Export;

  beforeAll(async () => {
    exported = await exportOf('http/protobuf');
  });

  it('should post protobuf to /v1/traces and /v1/metrics, with the span and metric names in the bytes', () => {
    expect(new Set(exported.requests.map(({ path }) => path))).toEqual(
      new Set(['/v1/traces', '/v1/metrics']),
    );
    for (const { contentType } of exported.requests) {
      expect(contentType).toBe('application/x-protobuf');
    }
    const bytesAt = (path: string) =>
      Buffer.concat(
        exported.requests
          .filter((request) => request.path === path)
          .map(({ body }) => body),
      );
    const traces = bytesAt('/v1/traces');
    for (const text of [
      'pandium-embed-example',
      'pandium-embed',
      'pandium.install_url',
      'pandium.marketplace_url',
      'pandium.launch_ticket.issue',
      'pandium.launch_ticket.redeem',
      'pandium.strategy',
      'pandium.sign',
      'PANDIUM_INTEGRATION_NOT_FOUND',
      'user_name=redacted',
      'POST /v2/tenants/{id}/sync',
    ]) {
      expect(traces.includes(text)).toBe(true);
    }
    const metrics = bytesAt('/v1/metrics');
    for (const text of [
      'pandium.urls.issued',
      'pandium.urls.refused',
      'pandium.url.issue.duration',
      'pandium.strategy.duration',
      'pandium.rate_limit.refusals',
      'pandium.webhooks.received',
      'pandium.api.calls',
      'pandium.api.duration',
    ]) {
      expect(metrics.includes(text)).toBe(true);
    }
  });

  it('should export no secret, token, e-mail address or raw sub in any byte', () => {
    expectNoSecretIn(exported);
  });
});

/** Fails naming what was found (never the value itself) in which request. */
function expectNoSecretIn(exported: Export): void {
  expect(exported.issued.length).toBeGreaterThan(RATE_LIMIT);
  // The search itself finds what every body does carry, in the same forms.
  for (const { body } of exported.requests) {
    expect(body.includes(formsOf('pandium-embed-example')[0])).toBe(true);
  }
  const found: string[] = [];
  for (const [label, secret] of secretsOf(exported)) {
    for (const form of formsOf(secret)) {
      for (const { path, body } of exported.requests) {
        if (body.includes(form)) {
          found.push(`${label} in ${path}`);
        }
      }
    }
  }
  expect(found).toEqual([]);
}
