import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import type { ConfigType } from '@nestjs/config';
import { JwtModule } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import { appConfig } from '../config/app.config.js';
import { DirectoryModule } from '../directory/directory.module.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { ConnectorTokenIssuer } from './connector-token.issuer.js';
import { JwtAuthGuard } from './jwt-auth.guard.js';
import { LoginAttemptLimiter } from './login-attempt.limiter.js';

/** The example app's own authentication: demo login (limited on failures), bearer guard, connector tokens. */
@Module({
  imports: [
    DirectoryModule,
    JwtModule.registerAsync({
      imports: [ConfigModule.forFeature(appConfig)],
      inject: [appConfig.KEY],
      useFactory: (config: ConfigType<typeof appConfig>) => ({
        // A KeyObject: with a string, jsonwebtoken first tries (and fails) to parse it as a private or public
        // key on every sign and verify, which cost half of the app's CPU under load (npm run bench).
        secret: createSecretKey(Buffer.from(config.authSecret, 'utf8')),
        signOptions: { algorithm: 'HS256' },
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [
    AuthService,
    JwtAuthGuard,
    ConnectorTokenIssuer,
    // One per app: failed sign-ins counted in memory, with the system clock.
    {
      provide: LoginAttemptLimiter,
      useFactory: () => new LoginAttemptLimiter(),
    },
  ],
  exports: [AuthService, JwtAuthGuard, ConnectorTokenIssuer],
})
export class AuthModule {}
