// Type-checked only: pandium-embed/emulator's declarations, in a host without Express's types (the emulator's
// platform, @nestjs/platform-express, is an optional peer loaded only when it starts).
import {
  PandiumEmulatorError,
  startPandiumEmulator,
} from 'pandium-embed/emulator';
import type {
  PandiumEmulator,
  PandiumEmulatorOptions,
} from 'pandium-embed/emulator';

export async function emulatorForTests(secret: string): Promise<string> {
  const options: PandiumEmulatorOptions = {
    account: 'acme',
    sharedSecret: secret,
    hostOrigin: 'http://localhost:3000',
    integrations: [{ id: '1042', name: 'gwt2hs', connectorName: 'gwt' }],
    port: 0,
  };
  try {
    const emulator: PandiumEmulator = await startPandiumEmulator(options);
    await emulator.close();
    return emulator.origin;
  } catch (error) {
    return error instanceof PandiumEmulatorError ? error.message : 'unknown';
  }
}
