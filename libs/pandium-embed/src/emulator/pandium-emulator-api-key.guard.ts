import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import type { EmulatorRequest } from './emulator-http.interface.js';
import { createHash, timingSafeEqual } from 'node:crypto';
import { PANDIUM_EMULATOR_OPTIONS } from './pandium-emulator.constants.js';
import type { ResolvedPandiumEmulatorOptions } from './pandium-emulator-options.interface.js';

/** The header Pandium's REST API reads its key from. */
const PANDIUM_API_KEY_HEADER = 'X-API-KEY';

const digest = (value: string): Buffer =>
  createHash('sha256').update(value, 'utf8').digest();

/**
 * Lets through requests whose `X-API-KEY` is the emulator's API key, as Pandium's REST API does; anything else is
 * a 401 JSON answer. The comparison takes the same time whatever the key sent (digests of equal length).
 *
 * @internal
 */
@Injectable()
export class PandiumEmulatorApiKeyGuard implements CanActivate {
  private readonly expected: Buffer;

  constructor(
    @Inject(PANDIUM_EMULATOR_OPTIONS) options: ResolvedPandiumEmulatorOptions,
  ) {
    this.expected = digest(options.apiKey);
  }

  /** @throws {UnauthorizedException} when the header is missing, repeated or wrong. */
  canActivate(context: ExecutionContext): boolean {
    const sent = context
      .switchToHttp()
      .getRequest<EmulatorRequest>()
      .get(PANDIUM_API_KEY_HEADER);
    if (
      typeof sent !== 'string' ||
      !timingSafeEqual(digest(sent), this.expected)
    ) {
      throw new UnauthorizedException(
        `${PANDIUM_API_KEY_HEADER} is missing or is not this emulator's API key`,
      );
    }
    return true;
  }
}
