import type { HttpException } from '@nestjs/common';
import { ValidationPipe } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { PandiumHttpException } from '../errors/pandium-http.exception.js';

/**
 * Nest's `ValidationPipe` for the library's route parameters and bodies: unknown fields are refused, and a
 * refusal is a {@link PandiumHttpException} `PANDIUM_REQUEST_INVALID` (400) with Nest's own list of messages.
 *
 * @internal
 */
export class PandiumValidationPipe extends ValidationPipe {
  constructor() {
    super({ whitelist: true, forbidNonWhitelisted: true });
  }

  /** Nest's factory, with its messages carried over into the library's exception. */
  override createExceptionFactory(): (
    errors?: ValidationError[],
  ) => PandiumHttpException {
    const nests = super.createExceptionFactory();
    return (errors) => {
      const body = (nests(errors) as HttpException).getResponse();
      return PandiumHttpException.requestInvalid(
        (body as { message: string | string[] }).message,
      );
    };
  }
}
