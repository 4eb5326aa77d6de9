// Added to the example app for the benchmark only: a route that does nothing behind the same guard as the
// library's routes, and a rate-limit store that never limits.
import { Controller, Get, Module, UseGuards } from '@nestjs/common';
import type {
  PandiumRateLimitRecord,
  PandiumRateLimitStore,
} from 'pandium-embed/stores';
import { AuthModule } from '../../src/auth/auth.module.js';
import { JwtAuthGuard } from '../../src/auth/jwt-auth.guard.js';

export const BARE_ROUTE = '/bench/bare';

/** `GET /bench/bare`: `{ ok: true }` for a signed-in user, behind the example app's own `JwtAuthGuard`. */
@Controller('bench')
@UseGuards(JwtAuthGuard)
export class BenchController {
  @Get('bare')
  bare(): { ok: true } {
    return { ok: true };
  }
}

@Module({
  imports: [AuthModule],
  controllers: [BenchController],
})
export class BenchModule {}

/**
 * Replaces the library's store under `PANDIUM_RATE_LIMIT_STORE`: every hit is the first of its window, so the
 * rate-limit guard still runs on every request but never answers 429 (30 a minute per user would, at once).
 */
export class NeverLimitingRateLimitStore implements PandiumRateLimitStore {
  increment(_key: string, ttl: number): Promise<PandiumRateLimitRecord> {
    return Promise.resolve({ totalHits: 1, timeToExpire: ttl });
  }
}
