// Type-checked only: pandium-embed/terminus's declarations, in a host with @nestjs/terminus (an optional peer).
import { Controller, Get, Module } from '@nestjs/common';
import {
  HealthCheck,
  HealthCheckService,
  TerminusModule,
} from '@nestjs/terminus';
import type {
  HealthCheckResult,
  HealthIndicatorResult,
} from '@nestjs/terminus';
import { PandiumHealthIndicator } from 'pandium-embed/terminus';
import type { PandiumHealthCheckOptions } from 'pandium-embed/terminus';

/** The options type a host may keep its checks' settings in. */
export const EU_CHECK: PandiumHealthCheckOptions = { instance: 'eu' };

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly pandium: PandiumHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  check(): Promise<HealthCheckResult> {
    return this.health.check([
      (): Promise<HealthIndicatorResult<'pandium_stores'>> =>
        this.pandium.checkStores('pandium_stores'),
      () => this.pandium.checkApi('pandium_api'),
      () => this.pandium.checkClock('pandium_clock'),
      // A named instance (PandiumEmbedModule.forRoot({ name: 'eu', … })), checked on its own key and stores.
      () => this.pandium.checkApi('pandium_api_eu', EU_CHECK),
    ]);
  }
}

@Module({
  imports: [TerminusModule],
  controllers: [HealthController],
  providers: [PandiumHealthIndicator],
})
export class HealthModule {}
