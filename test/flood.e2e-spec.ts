import { jest } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App } from 'supertest/types.js';
import {
  IN_MEMORY_RATE_LIMIT_SWEEP_STEP,
  InMemoryRateLimitStore,
  MAX_IN_MEMORY_RATE_LIMIT_KEYS,
} from '../libs/pandium-embed/src/rate-limit/in-memory-rate-limit.store.js';
import { tallyMapVisits } from '../libs/pandium-embed/src/rate-limit/map-visits.spec-utils.js';
import type { MapVisitTally } from '../libs/pandium-embed/src/rate-limit/map-visits.spec-utils.js';
import { PANDIUM_RATE_LIMIT_STORE } from '../libs/pandium-embed/src/pandium-embed.tokens.js';
import { createExampleApp } from './support/example-app.js';
import { RawHttpClient } from './support/raw-http.client.js';

/** A well-formed ticket that was never issued: 404, after the redemption limit has counted it. */
const GARBAGE_TICKET = `${'A'.repeat(27)}.${'B'.repeat(43)}`;
const LAUNCH_PATH = `/pandium/launch/${GARBAGE_TICKET}`;

/** The redemption budget the example app keeps (the library's default): per client address, per minute. */
const REDEEM_LIMIT = 300;
const REDEEM_WINDOW_MS = 60_000;

/** Distinct addresses in the flood from an empty store: past the 10,000 keys at which the old store swept all. */
const FIRST_FLOOD = 12_000;
/** Distinct addresses sent once the store is all but full, to push it past its cap. */
const SECOND_FLOOD = 4_000;
/** Kept-alive connections the flood is spread over. */
const CONNECTIONS = 8;

/** The most Map entries one `increment` may visit while one window length is in use (the store's own bound). */
const MOST_VISITS_PER_CALL = IN_MEMORY_RATE_LIMIT_SWEEP_STEP + 4;

/** The n-th IPv4 address of 10.0.0.0/8 (n < 2^24), as the proxy would put it in `X-Forwarded-For`. */
const ipv4 = (n: number): string =>
  `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;

jest.setTimeout(120_000);

describe('A flood of distinct client addresses on GET /pandium/launch/:ticket, behind one proxy (e2e)', () => {
  let app: INestApplication<App>;
  let clients: RawHttpClient[];
  let store: InMemoryRateLimitStore;
  let tally: MapVisitTally;

  /** Redeems the garbage ticket once from each address, over every connection at once: how often each status came. */
  async function flood(addresses: string[]): Promise<Record<number, number>> {
    const statuses: Record<number, number> = {};
    let next = 0;
    await Promise.all(
      clients.map(async (client) => {
        while (next < addresses.length) {
          const address = addresses[next];
          next += 1;
          const { status } = await client.send({
            method: 'GET',
            path: LAUNCH_PATH,
            headers: { 'X-Forwarded-For': address },
          });
          statuses[status] = (statuses[status] ?? 0) + 1;
        }
      }),
    );
    return statuses;
  }

  beforeAll(async () => {
    app = await createExampleApp(
      { REDIS_URL: undefined },
      {
        // One proxy in front: the address it appends to X-Forwarded-For is the client's.
        beforeInit: (created) =>
          void (created as unknown as NestExpressApplication).set(
            'trust proxy',
            1,
          ),
      },
    );
    await app.listen(0, '127.0.0.1');
    const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
    clients = Array.from(
      { length: CONNECTIONS },
      () => new RawHttpClient(port),
    );
    store = app.get<InMemoryRateLimitStore>(PANDIUM_RATE_LIMIT_STORE);
    tally = tallyMapVisits(store, 'increment');
  });

  afterAll(async () => {
    clients.forEach((client) => client.close());
    await app.close();
  });

  it('should keep the default in-memory store', () => {
    expect(store).toBeInstanceOf(InMemoryRateLimitStore);
  });

  it(`should count ${FIRST_FLOOD} addresses apart, each call visiting a few entries`, async () => {
    const statuses = await flood(
      Array.from({ length: FIRST_FLOOD }, (_, n) => ipv4(n)),
    );

    expect(statuses).toEqual({ 404: FIRST_FLOOD });
    expect(tally.calls).toBe(FIRST_FLOOD);
    expect(store.size).toBe(FIRST_FLOOD);
    expect(tally.mostVisits).toBeLessThanOrEqual(MOST_VISITS_PER_CALL);
  });

  it(`should hold at most ${MAX_IN_MEMORY_RATE_LIMIT_KEYS} keys once the flood passes the cap`, async () => {
    // Filled in-process up to just under the cap, as a longer flood would, to keep the run short.
    for (let n = store.size; n < MAX_IN_MEMORY_RATE_LIMIT_KEYS - 1000; n += 1) {
      await store.increment(`filler:${n}`, REDEEM_WINDOW_MS);
    }
    const before = { calls: tally.calls, visits: tally.visits };

    const statuses = await flood(
      Array.from({ length: SECOND_FLOOD }, (_, n) => ipv4(FIRST_FLOOD + n)),
    );

    expect(statuses).toEqual({ 404: SECOND_FLOOD });
    expect(store.size).toBe(MAX_IN_MEMORY_RATE_LIMIT_KEYS);
    expect(tally.mostVisits).toBeLessThanOrEqual(MOST_VISITS_PER_CALL);
    expect(tally.visits - before.visits).toBeLessThanOrEqual(
      (tally.calls - before.calls) * MOST_VISITS_PER_CALL,
    );
  });

  it(`should count the addresses of one IPv6 /64 as one client: ${REDEEM_LIMIT} answers, then 429`, async () => {
    const addresses = Array.from(
      { length: REDEEM_LIMIT + 20 },
      (_, n) => `2001:db8:5:6:${n.toString(16)}:${(n * 7).toString(16)}:1:2`,
    );

    const statuses = await flood(addresses);

    expect(statuses).toEqual({ 404: REDEEM_LIMIT, 429: 20 });
    expect(tally.mostVisits).toBeLessThanOrEqual(MOST_VISITS_PER_CALL);
  });
});
