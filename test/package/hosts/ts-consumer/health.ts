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
    ]);
  }
}

@Module({
  imports: [TerminusModule],
  controllers: [HealthController],
  providers: [PandiumHealthIndicator],
})
export class HealthModule {}
