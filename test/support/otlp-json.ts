// Reads OTLP/JSON export bodies (ExportTraceServiceRequest, ExportMetricsServiceRequest) into flat records a test
// can assert on: spans with their resource, scope and attributes as plain values, metrics by name.
import type { OtlpRequest } from './otlp-receiver.js';

type AttributeValue = string | number | boolean;

interface JsonKeyValue {
  key: string;
  value: Record<string, unknown>;
}

/** One span as exported, its attributes as plain values. */
export interface ExportedSpan {
  readonly traceId: string;
  readonly spanId: string;
  /** Absent (or empty) for a root span. */
  readonly parentSpanId: string | undefined;
  readonly name: string;
  /** OTLP's `SpanKind`: 1 internal, 2 server, 3 client. */
  readonly kind: number;
  readonly attributes: Record<string, AttributeValue>;
  /** OTLP's `Status.code`: 0 unset, 1 ok, 2 error. */
  readonly statusCode: number;
  readonly scope: string;
  readonly resource: Record<string, AttributeValue>;
}

/** One data point of a sum or a histogram. */
export interface ExportedPoint {
  readonly attributes: Record<string, AttributeValue>;
  /** A sum's value. */
  readonly value: number | undefined;
  /** A histogram's count. */
  readonly count: number | undefined;
}

/** One metric as exported. */
export interface ExportedMetric {
  readonly name: string;
  readonly unit: string;
  readonly type: 'sum' | 'histogram' | 'other';
  /** For a sum: monotonic (a counter). */
  readonly monotonic: boolean | undefined;
  readonly points: readonly ExportedPoint[];
  readonly scope: string;
  readonly resource: Record<string, AttributeValue>;
}

/** The parts of OTLP/JSON's export requests read here. */
interface JsonResource {
  attributes?: JsonKeyValue[];
}
interface JsonScope {
  name?: string;
}
interface JsonSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes?: JsonKeyValue[];
  status?: { code?: number };
}
interface JsonTraces {
  resourceSpans: {
    resource?: JsonResource;
    scopeSpans: { scope?: JsonScope; spans: JsonSpan[] }[];
  }[];
}
interface JsonPoint {
  attributes?: JsonKeyValue[];
  asDouble?: number | string;
  asInt?: number | string;
  count?: number | string;
}
interface JsonMetric {
  name: string;
  unit: string;
  sum?: { isMonotonic?: boolean; dataPoints: JsonPoint[] };
  histogram?: { dataPoints: JsonPoint[] };
}
interface JsonMetrics {
  resourceMetrics: {
    resource?: JsonResource;
    scopeMetrics: { scope?: JsonScope; metrics: JsonMetric[] }[];
  }[];
}

/** An AnyValue's plain value (int64 may arrive as a string). */
function plain(value: Record<string, unknown>): AttributeValue {
  const [[type, raw]] = Object.entries(value);
  if (type === 'intValue' || type === 'doubleValue') {
    return Number(raw);
  }
  return raw as AttributeValue;
}

function attributesOf(
  list: JsonKeyValue[] | undefined,
): Record<string, AttributeValue> {
  return Object.fromEntries(
    (list ?? []).map(({ key, value }) => [key, plain(value)]),
  );
}

/** The JSON bodies sent to `path`, parsed. */
function bodiesAt<T>(requests: readonly OtlpRequest[], path: string): T[] {
  return requests
    .filter((request) => request.path === path)
    .map((request) => JSON.parse(request.body.toString('utf8')) as T);
}

/** Every span of every `/v1/traces` body. */
export function exportedSpans(
  requests: readonly OtlpRequest[],
): ExportedSpan[] {
  return bodiesAt<JsonTraces>(requests, '/v1/traces').flatMap((body) =>
    body.resourceSpans.flatMap((resourceSpans) =>
      resourceSpans.scopeSpans.flatMap((scopeSpans) =>
        scopeSpans.spans.map((span): ExportedSpan => ({
          traceId: span.traceId,
          spanId: span.spanId,
          parentSpanId: span.parentSpanId || undefined,
          name: span.name,
          kind: span.kind,
          attributes: attributesOf(span.attributes),
          statusCode: span.status?.code ?? 0,
          scope: scopeSpans.scope?.name ?? '',
          resource: attributesOf(resourceSpans.resource?.attributes),
        })),
      ),
    ),
  );
}

const numberOr = (value: number | string | undefined): number | undefined =>
  value === undefined ? undefined : Number(value);

/**
 * The metrics of the last `/v1/metrics` body: cumulative temporality (the exporter's default) makes it hold every
 * count since the start.
 */
export function lastExportedMetrics(
  requests: readonly OtlpRequest[],
): Map<string, ExportedMetric> {
  const metrics = new Map<string, ExportedMetric>();
  const last = bodiesAt<JsonMetrics>(requests, '/v1/metrics').at(-1);
  for (const resourceMetrics of last?.resourceMetrics ?? []) {
    for (const scopeMetrics of resourceMetrics.scopeMetrics) {
      for (const metric of scopeMetrics.metrics) {
        metrics.set(metric.name, {
          name: metric.name,
          unit: metric.unit,
          type: metric.sum ? 'sum' : metric.histogram ? 'histogram' : 'other',
          monotonic: metric.sum?.isMonotonic,
          points: (
            metric.sum?.dataPoints ??
            metric.histogram?.dataPoints ??
            []
          ).map((point) => ({
            attributes: attributesOf(point.attributes),
            value: numberOr(point.asDouble ?? point.asInt),
            count: numberOr(point.count),
          })),
          scope: scopeMetrics.scope?.name ?? '',
          resource: attributesOf(resourceMetrics.resource?.attributes),
        });
      }
    }
  }
  return metrics;
}
