import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { AuthService } from './auth.service.js';
import { LoginDto } from './login.dto.js';

@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** `POST /auth/login` with `{ email, password }` → `{ accessToken }`. */
  @Post('login')
  @HttpCode(200)
  login(
    @Body() { email, password }: LoginDto,
  ): Promise<{ accessToken: string }> {
    return this.auth.login(email, password);
  }
}
