// A stand-in for Pandium's REST API on a loopback port, for specs: it answers 200 `[]` to the right `X-API-KEY` and
// 401 otherwise (or a fixed status), with a `Date` header the spec chooses, and records what it was asked.
import { createServer } from 'node:http';
import { listenOnLoopback } from './loopback-server.spec-utils.js';

export interface FakePandiumApi {
  /** `http://127.0.0.1:<port>`: the `apiBaseUrl` to give. */
  readonly origin: string;
  /** Each request's path and query, and whether it carried the right key. */
  readonly requests: { url: string; keyAccepted: boolean }[];
  close(): Promise<void>;
}

export interface FakePandiumApiOptions {
  /** The key it accepts. */
  apiKey: string;
  /** Answer this status to every request, whatever the key. */
  status?: number;
  /** The `Date` header's value; `null` sends none. @default the real time */
  date?: () => string | null;
}

export async function startFakePandiumApi(
  options: FakePandiumApiOptions,
): Promise<FakePandiumApi> {
  const requests: FakePandiumApi['requests'] = [];
  const server = createServer((request, response) => {
    const keyAccepted = request.headers['x-api-key'] === options.apiKey;
    requests.push({ url: request.url ?? '', keyAccepted });
    const date = options.date?.();
    if (date === null) {
      response.sendDate = false;
    } else if (date !== undefined) {
      response.setHeader('Date', date);
    }
    response.statusCode = options.status ?? (keyAccepted ? 200 : 401);
    response.setHeader('Content-Type', 'application/json');
    response.end(response.statusCode === 200 ? '[]' : '{"message":"no"}');
  });
  const { origin, close } = await listenOnLoopback(server);
  return { origin, requests, close };
}

/** A loopback URL where nothing listens: a port just freed. */
export async function closedOrigin(): Promise<string> {
  const { origin, close } = await listenOnLoopback(createServer());
  await close();
  return origin;
}
