import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import type { HealthCheckResult } from '@nestjs/terminus';
import { PandiumHealthIndicator } from 'pandium-embed/terminus';

/**
 * `GET /health`: 200 when every Pandium piece is up, 503 with the details otherwise. Pandium's API is asked at most
 * once a minute, however often this is called.
 */
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
      () => this.pandium.checkStores('pandium_stores'),
      () => this.pandium.checkApi('pandium_api'),
      () => this.pandium.checkClock('pandium_clock'),
    ]);
  }
}
