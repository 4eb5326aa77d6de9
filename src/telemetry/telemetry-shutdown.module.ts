import { Module } from '@nestjs/common';
import type { DynamicModule, Type } from '@nestjs/common';
import type { ExampleTelemetry } from './example-telemetry.interface.js';
import {
  EXAMPLE_TELEMETRY,
  TelemetryShutdownHook,
} from './telemetry-shutdown.hook.js';

/** Holds the {@link TelemetryShutdownHook} of a started SDK. */
@Module({})
export class TelemetryShutdownModule {
  /**
   * The module for `telemetry`. It is global: Nest calls global modules' shutdown hooks after the others', so the
   * SDK ends after the library's own hooks (the webhook dispatcher's last deliveries) have run.
   */
  static forTelemetry(telemetry: ExampleTelemetry): DynamicModule {
    return {
      module: TelemetryShutdownModule,
      global: true,
      providers: [
        { provide: EXAMPLE_TELEMETRY, useValue: telemetry },
        TelemetryShutdownHook,
      ],
    };
  }

  /** `rootModule` as is without telemetry, else with the module of `telemetry` imported. */
  static around(
    rootModule: Type,
    telemetry: ExampleTelemetry | undefined,
  ): Type | DynamicModule {
    return telemetry === undefined
      ? rootModule
      : {
          module: rootModule,
          imports: [TelemetryShutdownModule.forTelemetry(telemetry)],
        };
  }
}
