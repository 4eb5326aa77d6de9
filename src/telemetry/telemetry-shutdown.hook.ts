import { Inject, Injectable } from '@nestjs/common';
import type { OnApplicationShutdown } from '@nestjs/common';
import type { ExampleTelemetry } from './example-telemetry.interface.js';

/** The token of the started {@link ExampleTelemetry}. */
export const EXAMPLE_TELEMETRY = 'EXAMPLE:TELEMETRY';

/**
 * Shuts the OpenTelemetry SDK down when the app shuts down (`app.close()`, or a signal with `enableShutdownHooks`),
 * so the last spans and metrics are exported before the process ends.
 */
@Injectable()
export class TelemetryShutdownHook implements OnApplicationShutdown {
  constructor(
    @Inject(EXAMPLE_TELEMETRY) private readonly telemetry: ExampleTelemetry,
  ) {}

  onApplicationShutdown(): Promise<void> {
    return this.telemetry.shutdown();
  }
}
