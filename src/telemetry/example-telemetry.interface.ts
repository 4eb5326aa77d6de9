import type { OtlpExportSettings } from './otlp-export.settings.js';

/** The OpenTelemetry SDK the example app started: what it exports, and how to stop it. */
export interface ExampleTelemetry {
  /** The signals exported and the protocol of each. */
  readonly settings: OtlpExportSettings;
  /**
   * Ends the trace and meter providers: the spans still batched and a last collection of the metrics are exported
   * first. Later calls return the first call's promise.
   */
  shutdown(): Promise<void>;
}
