import type { PandiumClock } from './pandium-clock.interface.js';

/** The real time: what {@link PANDIUM_CLOCK} and the API catalog's `clock` default to. @internal */
export const PANDIUM_SYSTEM_CLOCK: PandiumClock = { now: () => Date.now() };
