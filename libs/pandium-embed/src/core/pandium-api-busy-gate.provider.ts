import type { Provider } from '@nestjs/common';
import {
  PANDIUM_API_BUSY_GATE,
  PANDIUM_CLOCK,
} from '../pandium-embed.tokens.js';
import { PandiumApiBusyGate } from './pandium-api-busy.gate.js';
import type { PandiumClock } from './pandium-clock.interface.js';

/**
 * The module's one {@link PandiumApiBusyGate} under {@link PANDIUM_API_BUSY_GATE}, given to every client of Pandium's
 * tenant API (the tenants client, the webhook receiver's confirmer), so that one 429 holds them all back.
 *
 * @internal
 */
export const apiBusyGateProvider: Provider = {
  provide: PANDIUM_API_BUSY_GATE,
  useFactory: (clock: PandiumClock) => new PandiumApiBusyGate(clock),
  inject: [PANDIUM_CLOCK],
};
