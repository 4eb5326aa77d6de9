import { createServer } from 'node:net';

/**
 * A loopback port nothing listens on right now, for servers that must know their port before they start (an app
 * and the emulator each need the other's origin). Another process may take it meanwhile: callers that can, retry.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('The OS gave no port')),
      );
    });
  });
}
