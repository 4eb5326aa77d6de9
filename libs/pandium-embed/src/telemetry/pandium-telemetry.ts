import { readFileSync } from 'node:fs';
import type * as OtelApi from '@opentelemetry/api';
import type {
  Counter,
  Histogram,
  Meter,
  MeterProvider,
  Tracer,
  TracerProvider,
} from '@opentelemetry/api';

/** The package, by a name in a variable: TypeScript and bundlers then leave it to be loaded only here. */
const OTEL_API_PACKAGE = '@opentelemetry/api';

/** The instrumentation scope of every span and metric: the library's name. */
const PANDIUM_TELEMETRY_SCOPE = 'pandium-embed';

/** The library's version (src/ and dist/ both sit one folder below the package's root). */
function libraryVersion(): string | undefined {
  try {
    const manifest = JSON.parse(
      readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
    ) as { version?: unknown };
    return typeof manifest.version === 'string' ? manifest.version : undefined;
  } catch {
    return undefined;
  }
}

/** The library's counters and histograms, made from one meter. @internal */
export interface PandiumInstruments {
  readonly urlsIssued: Counter;
  readonly urlsRefused: Counter;
  readonly urlIssueDuration: Histogram;
  readonly strategyFailures: Counter;
  readonly strategyDuration: Histogram;
  readonly rateLimitRefusals: Counter;
  readonly webhooksReceived: Counter;
  readonly webhooksProcessed: Counter;
  readonly apiCalls: Counter;
  readonly apiDuration: Histogram;
}

function instrumentsOf(meter: Meter): PandiumInstruments {
  const seconds = (name: string, description: string): Histogram =>
    meter.createHistogram(name, { unit: 's', description });
  return {
    urlsIssued: meter.createCounter('pandium.urls.issued', {
      unit: '{url}',
      description: 'Pandium URLs (and launch tickets) issued, by kind.',
    }),
    urlsRefused: meter.createCounter('pandium.urls.refused', {
      unit: '{url}',
      description: 'Pandium URLs refused, by kind and error code.',
    }),
    urlIssueDuration: seconds(
      'pandium.url.issue.duration',
      'Time to issue one Pandium URL, strategies and signing included.',
    ),
    strategyFailures: meter.createCounter('pandium.strategy.failures', {
      unit: '{failure}',
      description: 'Host strategy calls that failed or timed out, by strategy.',
    }),
    strategyDuration: seconds(
      'pandium.strategy.duration',
      'Time one host strategy call took.',
    ),
    rateLimitRefusals: meter.createCounter('pandium.rate_limit.refusals', {
      unit: '{request}',
      description: 'Requests refused by the rate limit.',
    }),
    webhooksReceived: meter.createCounter('pandium.webhooks.received', {
      unit: '{delivery}',
      description: 'Pandium webhook deliveries received, by type and outcome.',
    }),
    webhooksProcessed: meter.createCounter('pandium.webhooks.processed', {
      unit: '{delivery}',
      description:
        'Accepted Pandium webhook deliveries once processed, by type and outcome.',
    }),
    apiCalls: meter.createCounter('pandium.api.calls', {
      unit: '{call}',
      description: "Calls to Pandium's REST API, by operation and outcome.",
    }),
    apiDuration: seconds(
      'pandium.api.duration',
      "Time one call to Pandium's REST API took.",
    ),
  };
}

/**
 * `@opentelemetry/api` (an optional peer) once loaded, or `undefined` while it loads and when it is not installed:
 * every recording then stops at one check.
 */
let api: typeof OtelApi | undefined;

/** The library's version, read only once `@opentelemetry/api` is there: an app without it reads nothing. */
let version: string | undefined;

/**
 * Settles once `@opentelemetry/api` is loaded or known to be absent (the library loads it when it is imported).
 *
 * @internal
 */
export const pandiumTelemetryLoaded: Promise<void> = import(
  OTEL_API_PACKAGE
).then(
  (loaded: typeof OtelApi) => {
    version = libraryVersion();
    api = loaded;
  },
  () => undefined,
);

// Each is remade only when the app registers another provider: a request compares one reference.
let tracerDelegate: TracerProvider | undefined;
let tracer: Tracer | undefined;
let meterProvider: MeterProvider | undefined;
let instruments: PandiumInstruments | undefined;

/**
 * The loaded API, for its constants and context. @internal
 */
export function otelApi(): typeof OtelApi | undefined {
  return api;
}

/**
 * The library's tracer, or `undefined` when no tracer provider is registered (or `@opentelemetry/api` is absent):
 * then no span is made at all.
 *
 * @internal
 */
export function pandiumTracer(): Tracer | undefined {
  if (api === undefined) {
    return undefined;
  }
  const proxy = api.trace.getTracerProvider() as OtelApi.ProxyTracerProvider;
  if (typeof proxy.getDelegate !== 'function') {
    return proxy.getTracer(PANDIUM_TELEMETRY_SCOPE, version);
  }
  const delegate = proxy.getDelegate();
  if (delegate !== tracerDelegate) {
    tracerDelegate = delegate;
    // undefined while only the API's no-op provider is there.
    tracer = proxy.getDelegateTracer(PANDIUM_TELEMETRY_SCOPE, version);
  }
  return tracer;
}

/**
 * The library's instruments, or `undefined` when no meter provider is registered (or `@opentelemetry/api` is absent).
 *
 * @internal
 */
export function pandiumInstruments(): PandiumInstruments | undefined {
  if (api === undefined) {
    return undefined;
  }
  const provider = api.metrics.getMeterProvider();
  if (provider !== meterProvider) {
    meterProvider = provider;
    const meter = provider.getMeter(PANDIUM_TELEMETRY_SCOPE, version);
    const isNoop = meter.constructor === api.createNoopMeter().constructor;
    instruments = isNoop ? undefined : instrumentsOf(meter);
  }
  return instruments;
}
