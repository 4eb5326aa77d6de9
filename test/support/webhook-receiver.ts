// A local endpoint for the emulator's webhooks: collects each JSON body it is posted, in order.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WebhookReceiver {
  /** `http://127.0.0.1:<port>/hooks`. */
  readonly url: string;
  /** The bodies received so far. */
  readonly received: Record<string, unknown>[];
  /** Resolves with the `count`-th body (1-based) once it has arrived. */
  nth(count: number): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: Record<string, unknown>[] = [];
  const waiting: {
    count: number;
    resolve: (body: Record<string, unknown>) => void;
  }[] = [];
  const server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      received.push({
        ...(JSON.parse(text) as Record<string, unknown>),
        // What the test checks about the request itself, beside the body.
        $contentType: request.headers['content-type'],
        $method: request.method,
      });
      response.writeHead(204).end();
      for (const wait of waiting.filter(
        ({ count }) => count <= received.length,
      )) {
        waiting.splice(waiting.indexOf(wait), 1);
        wait.resolve(received[wait.count - 1]);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    nth: (count) =>
      count <= received.length
        ? Promise.resolve(received[count - 1])
        : new Promise((resolve) => waiting.push({ count, resolve })),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
