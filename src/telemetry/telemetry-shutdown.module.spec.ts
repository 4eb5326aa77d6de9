import { describe, expect, it } from '@jest/globals';
import { Injectable, Module } from '@nestjs/common';
import type { OnApplicationShutdown } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { ExampleTelemetry } from './example-telemetry.interface.js';
import { TelemetryShutdownModule } from './telemetry-shutdown.module.js';

/** What happened at shutdown, in order. */
const events: string[] = [];

/** A provider of a module under the root whose shutdown hook still works (as the webhook dispatcher's drains). */
@Injectable()
class LastWork implements OnApplicationShutdown {
  async onApplicationShutdown(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    events.push('last work');
  }
}

@Module({ providers: [LastWork] })
class StoreModule {}

@Module({ imports: [StoreModule] })
class FeatureModule {}

@Module({ imports: [FeatureModule] })
class RootModule {}

function fakeTelemetry(): ExampleTelemetry {
  return {
    settings: {
      traces: 'http/json',
      metrics: 'http/json',
      defaultServiceName: 'pandium-embed-example',
    },
    shutdown: () => {
      events.push('telemetry shutdown');
      return Promise.resolve();
    },
  };
}

describe('TelemetryShutdownModule', () => {
  describe('around', () => {
    it('should leave the root module as it is without telemetry', () => {
      expect(TelemetryShutdownModule.around(RootModule, undefined)).toBe(
        RootModule,
      );
    });

    it("should shut the SDK down once when the app closes, after the other modules' shutdown hooks", async () => {
      events.length = 0;
      const app = await NestFactory.createApplicationContext(
        TelemetryShutdownModule.around(RootModule, fakeTelemetry()),
        { logger: false },
      );

      await app.close();

      expect(events).toEqual(['last work', 'telemetry shutdown']);
    });
  });
});
