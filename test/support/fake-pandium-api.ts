// A stand-in for Pandium's REST API on a loopback port, for the status e2e suites: it records each request and
// answers as the test says (a list, an error status, a held response, a broken body).
import { createServer } from 'node:http';
import type { ServerResponse } from 'node:http';
import { listenOnLoopback } from '../../libs/pandium-embed/src/core/loopback-server.spec-utils.js';

/** One request the fake received. */
export interface FakeApiRequest {
  url: URL;
  apiKey: string | undefined;
}

/** Answers one request. */
export type FakeApiHandler = (url: URL, response: ServerResponse) => void;

export interface FakePandiumApi {
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string;
  /** Every request so far, oldest first. */
  readonly requests: FakeApiRequest[];
  /** How each request is answered from now on. */
  handler: FakeApiHandler;
  /** The requests for this user's tenants so far. */
  callsFor(userName: string): number;
  close(): Promise<void>;
}

/** Sends `body` (JSON text, or a value to serialise) with `status`. */
export function answer(
  response: ServerResponse,
  status: number,
  body: unknown,
): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(typeof body === 'string' ? body : JSON.stringify(body));
}

/** Serves `tenants` as Pandium pages them (`limit`, `skip`). */
export const pagedTenants =
  (tenants: unknown[]): FakeApiHandler =>
  (url, response) => {
    const skip = Number(url.searchParams.get('skip'));
    const limit = Number(url.searchParams.get('limit'));
    answer(response, 200, tenants.slice(skip, skip + limit));
  };

/** A live tenant of `integrationId`, installed and connected. */
export const liveTenant = (id: number, integrationId: number) => ({
  id,
  integration_id: integrationId,
  archived: false,
  paused: false,
  status: { auth: { connected: true }, last_run: null },
});

export async function startFakePandiumApi(): Promise<FakePandiumApi> {
  const requests: FakeApiRequest[] = [];
  const fake: { handler: FakeApiHandler } = { handler: pagedTenants([]) };
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const key = request.headers['x-api-key'];
    requests.push({ url, apiKey: typeof key === 'string' ? key : undefined });
    fake.handler(url, response);
  });
  const { origin, close } = await listenOnLoopback(server);
  return Object.assign(fake, {
    origin,
    requests,
    callsFor: (userName: string) =>
      requests.filter(
        ({ url }) => url.searchParams.get('user_name') === userName,
      ).length,
    close,
  });
}
