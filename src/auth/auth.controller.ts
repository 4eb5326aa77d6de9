import {
  Body,
  Controller,
  HttpCode,
  HttpException,
  HttpStatus,
  Ip,
  Post,
  Res,
  UnauthorizedException,
} from '@nestjs/common';
import { AuthService } from './auth.service.js';
import { LoginAttemptLimiter } from './login-attempt.limiter.js';
import { LoginDto } from './login.dto.js';

/** What the login sets on a response, with Express and Fastify alike. */
interface HeaderSetter {
  header(name: string, value: string): unknown;
}

@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly limiter: LoginAttemptLimiter,
  ) {}

  /**
   * `POST /auth/login` with `{ email, password }` → `{ accessToken }`. After too many failed sign-ins from this
   * address or for this email: 429 with `Retry-After`, whatever the password, until the window ends.
   */
  @Post('login')
  @HttpCode(200)
  async login(
    @Body() { email, password }: LoginDto,
    @Ip() address: string,
    @Res({ passthrough: true }) response: HeaderSetter,
  ): Promise<{ accessToken: string }> {
    // Checked before the password: once refused, a right guess must look the same as a wrong one.
    const retryAfter = this.limiter.retryAfterSeconds(address, email);
    if (retryAfter > 0) {
      response.header('Retry-After', String(retryAfter));
      throw new HttpException(
        {
          statusCode: HttpStatus.TOO_MANY_REQUESTS,
          error: 'Too Many Requests',
          message: 'Too many failed sign-ins. Try again later.',
        },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    try {
      return await this.auth.login(email, password);
    } catch (error) {
      if (error instanceof UnauthorizedException) {
        this.limiter.recordFailure(address, email);
      }
      throw error;
    }
  }
}
