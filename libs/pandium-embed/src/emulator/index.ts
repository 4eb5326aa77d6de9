// pandium-embed/emulator: a local stand-in for Pandium's embedded pages and REST API, for development and tests
// (also behind the `pandium-embed emulator` command). Runs on Express: @nestjs/platform-express is an optional peer.

// Start: the emulator in this process, and its handle.
export { startPandiumEmulator } from './pandium-emulator.start.js';
export type { PandiumEmulator } from './pandium-emulator.start.js';
export type { PandiumEmulatorOptions } from './pandium-emulator-options.interface.js';

// Errors: why it would not start.
export { PandiumEmulatorError } from './pandium-emulator.errors.js';
