import { describe, expect, it } from '@jest/globals';
import { otlpExportSettingsOf } from './otlp-export.settings.js';

const ENDPOINT = 'http://localhost:4318';

describe('otlpExportSettingsOf', () => {
  it('should export nothing without an endpoint variable, whatever else is set', () => {
    expect(otlpExportSettingsOf({})).toBeUndefined();
    expect(
      otlpExportSettingsOf({
        OTEL_EXPORTER_OTLP_ENDPOINT: '',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: ' ',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
        OTEL_SERVICE_NAME: 'shop',
      }),
    ).toBeUndefined();
  });

  it('should export both signals over http/protobuf by default, under the example service name', () => {
    expect(
      otlpExportSettingsOf({ OTEL_EXPORTER_OTLP_ENDPOINT: ENDPOINT }),
    ).toEqual({
      traces: 'http/protobuf',
      metrics: 'http/protobuf',
      defaultServiceName: 'pandium-embed-example',
    });
  });

  it('should honour OTEL_EXPORTER_OTLP_PROTOCOL, and a per-signal protocol over it', () => {
    expect(
      otlpExportSettingsOf({
        OTEL_EXPORTER_OTLP_ENDPOINT: ENDPOINT,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      }),
    ).toMatchObject({ traces: 'http/json', metrics: 'http/json' });
    expect(
      otlpExportSettingsOf({
        OTEL_EXPORTER_OTLP_ENDPOINT: ENDPOINT,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_EXPORTER_OTLP_METRICS_PROTOCOL: 'http/protobuf',
      }),
    ).toMatchObject({ traces: 'http/json', metrics: 'http/protobuf' });
  });

  it('should export only the signal whose own endpoint is set', () => {
    expect(
      otlpExportSettingsOf({
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${ENDPOINT}/v1/traces`,
      }),
    ).toMatchObject({ traces: 'http/protobuf', metrics: undefined });
    expect(
      otlpExportSettingsOf({
        OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: `${ENDPOINT}/v1/metrics`,
        OTEL_EXPORTER_OTLP_METRICS_PROTOCOL: 'http/json',
      }),
    ).toMatchObject({ traces: undefined, metrics: 'http/json' });
  });

  it('should export nothing with OTEL_SDK_DISABLED=true', () => {
    expect(
      otlpExportSettingsOf({
        OTEL_EXPORTER_OTLP_ENDPOINT: ENDPOINT,
        OTEL_SDK_DISABLED: 'TRUE',
      }),
    ).toBeUndefined();
    expect(
      otlpExportSettingsOf({
        OTEL_EXPORTER_OTLP_ENDPOINT: ENDPOINT,
        OTEL_SDK_DISABLED: 'false',
      }),
    ).toBeDefined();
  });

  it('should refuse grpc, naming the variable and the HTTP protocols', () => {
    expect(() =>
      otlpExportSettingsOf({
        OTEL_EXPORTER_OTLP_ENDPOINT: ENDPOINT,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
      }),
    ).toThrow(
      /^OTEL_EXPORTER_OTLP_PROTOCOL=grpc is not supported by the example app: .*http\/protobuf .*http\/json/,
    );
    expect(() =>
      otlpExportSettingsOf({
        OTEL_EXPORTER_OTLP_ENDPOINT: ENDPOINT,
        OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'grpc',
      }),
    ).toThrow(/^OTEL_EXPORTER_OTLP_TRACES_PROTOCOL=grpc /);
  });

  it('should refuse an unknown protocol', () => {
    expect(() =>
      otlpExportSettingsOf({
        OTEL_EXPORTER_OTLP_ENDPOINT: ENDPOINT,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/xml',
      }),
    ).toThrow(
      'OTEL_EXPORTER_OTLP_PROTOCOL must be http/protobuf or http/json (got "http/xml").',
    );
  });
});
