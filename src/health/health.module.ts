import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { PandiumHealthIndicator } from 'pandium-embed/terminus';
import { HealthController } from './health.controller.js';

/** The app's health check (`GET /health`), with the library's indicator for its Pandium pieces. */
@Module({
  imports: [TerminusModule],
  controllers: [HealthController],
  providers: [PandiumHealthIndicator],
})
export class HealthModule {}
