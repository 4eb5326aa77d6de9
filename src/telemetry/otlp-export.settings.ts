/** The OTLP protocols the example app exports with: OTLP over HTTP, as protobuf or as JSON. */
export type OtlpHttpProtocol = 'http/protobuf' | 'http/json';

/** What the app exports, read from OpenTelemetry's standard variables. */
export interface OtlpExportSettings {
  /** The protocol traces are sent with, or `undefined` when no endpoint is set for them. */
  readonly traces: OtlpHttpProtocol | undefined;
  /** The protocol metrics are sent with, or `undefined` when no endpoint is set for them. */
  readonly metrics: OtlpHttpProtocol | undefined;
  /** `service.name` when neither `OTEL_SERVICE_NAME` nor `OTEL_RESOURCE_ATTRIBUTES` names one. */
  readonly defaultServiceName: string;
}

/** The service name the example app reports under unless `OTEL_SERVICE_NAME` says otherwise. */
export const EXAMPLE_SERVICE_NAME = 'pandium-embed-example';

/** The protocol when no variable names one, as the OTLP exporter specification has it. */
const DEFAULT_PROTOCOL: OtlpHttpProtocol = 'http/protobuf';

const PROTOCOLS: readonly string[] = ['http/protobuf', 'http/json'];

type Signal = 'TRACES' | 'METRICS';

/** A variable's value, with the empty string read as unset (as the SDK reads it). */
function variable(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/**
 * The protocol of one signal: `OTEL_EXPORTER_OTLP_<SIGNAL>_PROTOCOL`, else `OTEL_EXPORTER_OTLP_PROTOCOL`, else
 * `http/protobuf`.
 *
 * @throws {Error} for `grpc` (this app has no gRPC exporter) or a value the specification does not know.
 */
function protocolOf(env: NodeJS.ProcessEnv, signal: Signal): OtlpHttpProtocol {
  const name = `OTEL_EXPORTER_OTLP_${signal}_PROTOCOL`;
  const own = variable(env, name);
  const [source, value] =
    own !== undefined
      ? [name, own]
      : [
          'OTEL_EXPORTER_OTLP_PROTOCOL',
          variable(env, 'OTEL_EXPORTER_OTLP_PROTOCOL'),
        ];
  if (value === undefined) {
    return DEFAULT_PROTOCOL;
  }
  if (PROTOCOLS.includes(value)) {
    return value as OtlpHttpProtocol;
  }
  if (value === 'grpc') {
    throw new Error(
      `${source}=grpc is not supported by the example app: it exports OTLP over HTTP only. ` +
        "Set it to http/protobuf (the default) or http/json, and point the endpoint at the collector's HTTP port (4318).",
    );
  }
  throw new Error(
    `${source} must be http/protobuf or http/json (got ${JSON.stringify(value)}).`,
  );
}

/** A signal's protocol when an endpoint is set for it (the shared one or its own), else `undefined`. */
function exportedWith(
  env: NodeJS.ProcessEnv,
  signal: Signal,
): OtlpHttpProtocol | undefined {
  const endpoint =
    variable(env, `OTEL_EXPORTER_OTLP_${signal}_ENDPOINT`) ??
    variable(env, 'OTEL_EXPORTER_OTLP_ENDPOINT');
  return endpoint === undefined ? undefined : protocolOf(env, signal);
}

/**
 * What to export, or `undefined` when nothing is: no `OTEL_EXPORTER_OTLP_ENDPOINT` nor a per-signal
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` / `OTEL_EXPORTER_OTLP_METRICS_ENDPOINT`, or `OTEL_SDK_DISABLED=true`.
 * Reads only the variables; the exporters read the endpoints, headers, timeouts and compression themselves.
 *
 * @throws {Error} when an exported signal's protocol is `grpc` or unknown.
 */
export function otlpExportSettingsOf(
  env: NodeJS.ProcessEnv,
): OtlpExportSettings | undefined {
  if (variable(env, 'OTEL_SDK_DISABLED')?.toLowerCase() === 'true') {
    return undefined;
  }
  const traces = exportedWith(env, 'TRACES');
  const metrics = exportedWith(env, 'METRICS');
  if (traces === undefined && metrics === undefined) {
    return undefined;
  }
  return { traces, metrics, defaultServiceName: EXAMPLE_SERVICE_NAME };
}
