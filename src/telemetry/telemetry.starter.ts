import type { ExampleTelemetry } from './example-telemetry.interface.js';
import { otlpExportSettingsOf } from './otlp-export.settings.js';
import type { OtlpExportSettings } from './otlp-export.settings.js';

/** Loads the OpenTelemetry SDK and starts it: only called when something is to be exported. */
export type TelemetrySdkLoader = (
  settings: OtlpExportSettings,
) => Promise<ExampleTelemetry>;

const loadOtlpTelemetry: TelemetrySdkLoader = async (settings) =>
  (await import('./otlp-telemetry.sdk.js')).startOtlpTelemetry(settings);

/**
 * Starts OpenTelemetry's SDK when `OTEL_EXPORTER_OTLP_ENDPOINT` (or a per-signal endpoint) is set, before the Nest
 * app is created; else returns `undefined` having loaded nothing: no OpenTelemetry package is imported.
 *
 * @param env the environment; the SDK's exporters read their endpoint, headers and timeouts from `process.env`.
 * @param load the SDK's loader (a test's fake).
 * @throws {Error} when the protocol asked for is `grpc` or unknown.
 */
export async function startTelemetry(
  env: NodeJS.ProcessEnv = process.env,
  load: TelemetrySdkLoader = loadOtlpTelemetry,
): Promise<ExampleTelemetry | undefined> {
  const settings = otlpExportSettingsOf(env);
  return settings === undefined ? undefined : load(settings);
}
