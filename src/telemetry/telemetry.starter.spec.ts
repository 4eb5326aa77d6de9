import { describe, expect, it, jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import type { ExampleTelemetry } from './example-telemetry.interface.js';
import type { TelemetrySdkLoader } from './telemetry.starter.js';
import { startTelemetry } from './telemetry.starter.js';

/** A loader that starts nothing: it hands back a handle, and counts its calls. */
function fakeLoader() {
  return jest.fn<TelemetrySdkLoader>((settings) =>
    Promise.resolve<ExampleTelemetry>({
      settings,
      shutdown: () => Promise.resolve(),
    }),
  );
}

/**
 * The packages a source file imports for their values (`import type` aside), and the same of the files it imports
 * from this folder, recursively: what loading it loads.
 */
function valueImportsOf(file: string, seen = new Set<string>()): string[] {
  if (seen.has(file)) {
    return [];
  }
  seen.add(file);
  const source = readFileSync(new URL(file, import.meta.url), 'utf8');
  return [...source.matchAll(/^import (?!type )[^;]*?from '([^']+)';/gms)]
    .map(([, specifier]) => specifier)
    .flatMap((specifier) =>
      specifier.startsWith('./')
        ? valueImportsOf(specifier.replace(/\.js$/, '.ts'), seen)
        : [specifier],
    );
}

describe('startTelemetry', () => {
  it('should return undefined without loading the SDK when no endpoint variable is set', async () => {
    const load = fakeLoader();

    await expect(
      startTelemetry(
        { OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_SERVICE_NAME: 'x' },
        load,
      ),
    ).resolves.toBeUndefined();

    expect(load).not.toHaveBeenCalled();
  });

  it('should load and start the SDK with the settings the variables make when an endpoint is set', async () => {
    const load = fakeLoader();

    const telemetry = await startTelemetry(
      {
        OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: 'http://localhost:4318/v1/metrics',
      },
      load,
    );

    expect(load).toHaveBeenCalledTimes(1);
    expect(telemetry?.settings).toEqual({
      traces: undefined,
      metrics: 'http/protobuf',
      defaultServiceName: 'pandium-embed-example',
    });
  });

  it('should throw before loading anything for grpc', async () => {
    const load = fakeLoader();

    await expect(
      startTelemetry(
        {
          OTEL_EXPORTER_OTLP_ENDPOINT: 'http://localhost:4317',
          OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
        },
        load,
      ),
    ).rejects.toThrow(/grpc is not supported/);
    expect(load).not.toHaveBeenCalled();
  });

  it('should import no OpenTelemetry package until the SDK is loaded: what src/main.ts loads on every start', () => {
    const loaded = [
      ...valueImportsOf('./telemetry.starter.ts'),
      ...valueImportsOf('./telemetry-shutdown.module.ts'),
    ];

    expect(loaded).toContain('@nestjs/common');
    expect(loaded.filter((name) => name.startsWith('@opentelemetry/'))).toEqual(
      [],
    );
    // The SDK's own module does import them: the walk above would see it if the starter imported it statically.
    expect(
      valueImportsOf('./otlp-telemetry.sdk.ts').filter((name) =>
        name.startsWith('@opentelemetry/'),
      ),
    ).toContain('@opentelemetry/sdk-trace-node');
  });
});
