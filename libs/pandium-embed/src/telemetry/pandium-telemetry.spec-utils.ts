// The OpenTelemetry SDK in memory, for the specs that assert what the library exports: a tracer provider with an
// in-memory span exporter, a meter provider read on demand, and an async-hooks context so children find parents.
import { context, metrics, trace } from '@opentelemetry/api';
import type { Attributes } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import {
  AggregationTemporality,
  DataPointType,
  MeterProvider,
  MetricReader,
} from '@opentelemetry/sdk-metrics';
import type { MetricData } from '@opentelemetry/sdk-metrics';
import { pandiumTelemetryLoaded } from './pandium-telemetry.js';

/** A reader the test collects from when it wants (cumulative sums). */
class TestMetricReader extends MetricReader {
  constructor() {
    super({
      aggregationTemporalitySelector: () => AggregationTemporality.CUMULATIVE,
    });
  }

  protected onForceFlush(): Promise<void> {
    return Promise.resolve();
  }

  protected onShutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/** One exported data point: its metric's name and unit, its attributes, and its value (a sum, or a histogram's count). */
export interface ExportedPoint {
  name: string;
  unit: string;
  /** The instrument: `counter` (a monotonic sum) or `histogram`. */
  type: 'counter' | 'histogram' | 'other';
  attributes: Attributes;
  /** A counter's sum, or a histogram's count of recordings. */
  value: number;
}

/** The in-memory SDK, registered globally until {@link InMemoryTelemetry.stop}. */
export class InMemoryTelemetry {
  readonly spans = new InMemorySpanExporter();
  private readonly reader = new TestMetricReader();
  private readonly tracerProvider = new BasicTracerProvider({
    spanProcessors: [new SimpleSpanProcessor(this.spans)],
  });
  private readonly meterProvider = new MeterProvider({
    readers: [this.reader],
  });

  /** Registers the providers (after the library has loaded `@opentelemetry/api`). */
  static async start(): Promise<InMemoryTelemetry> {
    await pandiumTelemetryLoaded;
    const telemetry = new InMemoryTelemetry();
    context.setGlobalContextManager(
      new AsyncLocalStorageContextManager().enable(),
    );
    trace.setGlobalTracerProvider(telemetry.tracerProvider);
    metrics.setGlobalMeterProvider(telemetry.meterProvider);
    return telemetry;
  }

  /** The finished spans. */
  finished(): ReadableSpan[] {
    return this.spans.getFinishedSpans();
  }

  /** The finished spans named `name`. */
  named(name: string): ReadableSpan[] {
    return this.finished().filter((span) => span.name === name);
  }

  /** Every data point the library's meter has, cumulative since start. */
  async points(): Promise<ExportedPoint[]> {
    const { resourceMetrics } = await this.reader.collect();
    return resourceMetrics.scopeMetrics
      .filter((scope) => scope.scope.name === 'pandium-embed')
      .flatMap((scope) => scope.metrics)
      .flatMap((metric) =>
        metric.dataPoints.map((point) => ({
          name: metric.descriptor.name,
          unit: metric.descriptor.unit,
          type: typeOf(metric),
          attributes: point.attributes,
          value:
            metric.dataPointType === DataPointType.HISTOGRAM
              ? (point.value as { count: number }).count
              : (point.value as number),
        })),
      );
  }

  /** The value of the point of metric `name` with exactly these attributes, or undefined. */
  async value(
    name: string,
    attributes: Attributes,
  ): Promise<number | undefined> {
    const wanted = JSON.stringify(sorted(attributes));
    return (await this.points()).find(
      (point) =>
        point.name === name &&
        JSON.stringify(sorted(point.attributes)) === wanted,
    )?.value;
  }

  /** Everything exported, as one text: every span's name and attributes, and every point's. */
  async exportedText(): Promise<string> {
    const spans = this.finished().map((span) => [span.name, span.attributes]);
    return JSON.stringify([spans, await this.points()]);
  }

  /** Unregisters the providers: the library's telemetry is off again. */
  async stop(): Promise<void> {
    trace.disable();
    metrics.disable();
    context.disable();
    await this.tracerProvider.shutdown();
    await this.meterProvider.shutdown();
  }
}

function typeOf(metric: MetricData): ExportedPoint['type'] {
  if (metric.dataPointType === DataPointType.HISTOGRAM) {
    return 'histogram';
  }
  return metric.dataPointType === DataPointType.SUM && metric.isMonotonic
    ? 'counter'
    : 'other';
}

function sorted(attributes: Attributes): [string, unknown][] {
  return Object.entries(attributes).sort(([a], [b]) => a.localeCompare(b));
}
