import type { TestingModuleBuilder } from '@nestjs/testing';
import { resolvePandiumEmbedOptions } from '../options/pandium-embed-options.validator.js';
import {
  PANDIUM_CLOCK,
  PANDIUM_EMBED_MODULE_OPTIONS,
  PANDIUM_RESOLVED_OPTIONS,
} from '../pandium-embed.tokens.js';
import { PandiumTestClock } from './pandium-test.clock.js';
import { PANDIUM_TEST_SECRET } from './pandium-testing.constants.js';

/**
 * What {@link overridePandiumForTesting} gives back.
 *
 * @publicApi
 */
export interface PandiumTesting {
  /** The builder, with the overrides applied: call `compile()` on it. */
  builder: TestingModuleBuilder;
  /** The clock the library now signs with; move it to test expiry. */
  clock: PandiumTestClock;
}

/**
 * Makes a host app's `PandiumEmbedModule` testable without touching its registration: signs with
 * {@link PANDIUM_TEST_SECRET} (the app's other options stay as configured) and reads time from a
 * {@link PandiumTestClock}. Pair it with {@link claimsOf}.
 *
 * @example
 * const { builder, clock } = overridePandiumForTesting(Test.createTestingModule({ imports: [AppModule] }));
 * const app = (await builder.compile()).createNestApplication();
 * // … fetch an install URL …
 * expect(claimsOf(body.url, { now: clock }).ti.uem).toBe('jane@acme.test');
 * @publicApi
 */
export function overridePandiumForTesting(
  builder: TestingModuleBuilder,
  { now }: { now?: number | Date } = {},
): PandiumTesting {
  const clock = new PandiumTestClock();
  if (now !== undefined) {
    clock.set(now);
  }
  const overridden = builder
    .overrideProvider(PANDIUM_CLOCK)
    .useValue(clock)
    .overrideProvider(PANDIUM_RESOLVED_OPTIONS)
    .useFactory({
      factory: (options: unknown) =>
        resolvePandiumEmbedOptions({
          ...(options as object),
          sharedSecret: PANDIUM_TEST_SECRET,
        }),
      inject: [PANDIUM_EMBED_MODULE_OPTIONS],
    });
  return { builder: overridden, clock };
}
