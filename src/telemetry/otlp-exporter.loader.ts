import type { PushMetricExporter } from '@opentelemetry/sdk-metrics';
import type { SpanExporter } from '@opentelemetry/sdk-trace-node';
import type { OtlpHttpProtocol } from './otlp-export.settings.js';

/**
 * An OTLP/HTTP span exporter for `protocol`, loading only that exporter's package. It reads its endpoint
 * (`OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` as is, else `OTEL_EXPORTER_OTLP_ENDPOINT` + `/v1/traces`), headers, timeout
 * and compression from the environment itself.
 */
export async function loadOtlpSpanExporter(
  protocol: OtlpHttpProtocol,
): Promise<SpanExporter> {
  const { OTLPTraceExporter } =
    protocol === 'http/json'
      ? await import('@opentelemetry/exporter-trace-otlp-http')
      : await import('@opentelemetry/exporter-trace-otlp-proto');
  return new OTLPTraceExporter();
}

/**
 * An OTLP/HTTP metric exporter for `protocol`, loading only that exporter's package. It reads its endpoint
 * (`OTEL_EXPORTER_OTLP_METRICS_ENDPOINT`, else `OTEL_EXPORTER_OTLP_ENDPOINT` + `/v1/metrics`), headers, timeout,
 * compression and `OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE` from the environment itself.
 */
export async function loadOtlpMetricExporter(
  protocol: OtlpHttpProtocol,
): Promise<PushMetricExporter> {
  const { OTLPMetricExporter } =
    protocol === 'http/json'
      ? await import('@opentelemetry/exporter-metrics-otlp-http')
      : await import('@opentelemetry/exporter-metrics-otlp-proto');
  return new OTLPMetricExporter();
}
