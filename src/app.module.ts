import { Module, ValidationPipe } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_PIPE } from '@nestjs/core';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { PandiumEmbedModule, pandiumConfig } from 'pandium-embed';
import { ActivityController } from './activity/activity.controller.js';
import { ActivityFeed } from './activity/activity-feed.js';
import { ActivityFeedListener } from './activity/activity-feed.listener.js';
import { AuthModule } from './auth/auth.module.js';
import { DemoPageController } from './demo/demo-page.controller.js';
import { JwtAuthGuard } from './auth/jwt-auth.guard.js';
import { DirectoryModule } from './directory/directory.module.js';
import { HealthModule } from './health/health.module.js';
import { DemoClaimsProvider } from './pandium/demo-claims.provider.js';
import { DemoIntegrationCatalog } from './pandium/demo-integration.catalog.js';
import { DemoTokenProvider } from './pandium/demo-token.provider.js';
import {
  APP_LAUNCH_TICKET_STORE,
  APP_RATE_LIMIT_STORE,
  APP_STATUS_STORE,
  APP_WEBHOOK_DELIVERY_STORE,
  SharedStoresModule,
} from './shared-stores/shared-stores.module.js';

/**
 * The example host app: a demo login, and Pandium's routes under `/pandium` behind the app's own guard. Launch
 * tickets, rate-limit counters, integration statuses and webhook deliveries live in memory, or in Redis when
 * `REDIS_URL` is set (several instances). Pandium's webhooks feed each user's activity feed (`GET /demo/activity`).
 * `GET /health` checks the Pandium pieces.
 */
@Module({
  imports: [
    ConfigModule.forRoot({ ignoreEnvFile: true }),
    EventEmitterModule.forRoot(),
    AuthModule,
    PandiumEmbedModule.forRootAsync({
      // Reads PANDIUM_* from the environment (development defaults when unset).
      ...pandiumConfig.asProvider(),
      imports: [
        ConfigModule.forFeature(pandiumConfig),
        AuthModule,
        DirectoryModule,
        SharedStoresModule,
      ],
      claimsProvider: DemoClaimsProvider,
      tokenProvider: DemoTokenProvider,
      integrationCatalog: DemoIntegrationCatalog,
      launchTicketStore: { useExisting: APP_LAUNCH_TICKET_STORE },
      rateLimitStore: { useExisting: APP_RATE_LIMIT_STORE },
      statusStore: { useExisting: APP_STATUS_STORE },
      controller: { guards: [JwtAuthGuard] },
      // Pandium's notifications at POST /pandium/webhooks/<PANDIUM_WEBHOOK_SECRET>, emitted as events (off
      // while the variable is unset); the activity feed listens.
      webhooks: {
        deliveryStore: { useExisting: APP_WEBHOOK_DELIVERY_STORE },
      },
    }),
    HealthModule,
  ],
  controllers: [DemoPageController, ActivityController],
  providers: [
    ActivityFeed,
    ActivityFeedListener,
    {
      provide: APP_PIPE,
      useValue: new ValidationPipe({
        whitelist: true,
        forbidNonWhitelisted: true,
      }),
    },
  ],
})
export class AppModule {}
