import { Logger } from '@nestjs/common';
import { metrics } from '@opentelemetry/api';
import { getNumberFromEnv } from '@opentelemetry/core';
import {
  defaultResource,
  detectResources,
  envDetector,
  resourceFromAttributes,
} from '@opentelemetry/resources';
import type { Resource } from '@opentelemetry/resources';
import {
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import {
  BatchSpanProcessor,
  NodeTracerProvider,
} from '@opentelemetry/sdk-trace-node';
import type { ExampleTelemetry } from './example-telemetry.interface.js';
import type {
  OtlpExportSettings,
  OtlpHttpProtocol,
} from './otlp-export.settings.js';
import {
  loadOtlpMetricExporter,
  loadOtlpSpanExporter,
} from './otlp-exporter.loader.js';

/** The specification's defaults for the periodic metric reader (`OTEL_METRIC_EXPORT_INTERVAL` / `_TIMEOUT`). */
const METRIC_EXPORT_INTERVAL_MS = 60_000;
const METRIC_EXPORT_TIMEOUT_MS = 30_000;

/**
 * The app's resource: the SDK's defaults, `service.name` the example's own, then what `OTEL_SERVICE_NAME` and
 * `OTEL_RESOURCE_ATTRIBUTES` say (they win).
 */
function resourceOf(settings: OtlpExportSettings): Resource {
  return defaultResource()
    .merge(
      resourceFromAttributes({ 'service.name': settings.defaultServiceName }),
    )
    .merge(detectResources({ detectors: [envDetector] }));
}

/** Registers a tracer provider exporting in batches; `register()` also sets the context manager and propagator. */
async function startTraces(
  protocol: OtlpHttpProtocol,
  resource: Resource,
): Promise<() => Promise<void>> {
  const provider = new NodeTracerProvider({
    resource,
    spanProcessors: [
      new BatchSpanProcessor(await loadOtlpSpanExporter(protocol)),
    ],
  });
  // The AsyncLocalStorage context manager: without it the library's strategy and signing spans would not find the
  // URL's span as their parent across awaits.
  provider.register();
  return () => provider.shutdown();
}

/** Registers a meter provider whose reader exports every `OTEL_METRIC_EXPORT_INTERVAL` ms. */
async function startMetrics(
  protocol: OtlpHttpProtocol,
  resource: Resource,
): Promise<() => Promise<void>> {
  const exportIntervalMillis =
    getNumberFromEnv('OTEL_METRIC_EXPORT_INTERVAL') ??
    METRIC_EXPORT_INTERVAL_MS;
  const provider = new MeterProvider({
    resource,
    readers: [
      new PeriodicExportingMetricReader({
        exporter: await loadOtlpMetricExporter(protocol),
        exportIntervalMillis,
        // The reader refuses a timeout longer than the interval.
        exportTimeoutMillis: Math.min(
          getNumberFromEnv('OTEL_METRIC_EXPORT_TIMEOUT') ??
            METRIC_EXPORT_TIMEOUT_MS,
          exportIntervalMillis,
        ),
      }),
    ],
  });
  metrics.setGlobalMeterProvider(provider);
  return () => provider.shutdown();
}

/**
 * Starts the OpenTelemetry SDK for the signals `settings` names, exporting over OTLP/HTTP, and registers it
 * globally, where the library's `@opentelemetry/api` calls find it.
 */
export async function startOtlpTelemetry(
  settings: OtlpExportSettings,
): Promise<ExampleTelemetry> {
  const resource = resourceOf(settings);
  const stops = [
    settings.traces && (await startTraces(settings.traces, resource)),
    settings.metrics && (await startMetrics(settings.metrics, resource)),
  ].filter((stop) => stop !== undefined);
  const exported = (['traces', 'metrics'] as const)
    .filter((signal) => settings[signal] !== undefined)
    .map((signal) => `${signal} (${settings[signal]})`);
  // Neither endpoint nor headers: either may carry a credential.
  new Logger('OpenTelemetry').log(
    `Exporting ${exported.join(' and ')} over OTLP`,
  );
  let stopped: Promise<void> | undefined;
  return {
    settings,
    shutdown: () =>
      (stopped ??= Promise.all(stops.map((stop) => stop())).then(
        () => undefined,
      )),
  };
}
