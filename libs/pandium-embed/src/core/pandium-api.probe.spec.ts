import { afterEach, describe, expect, it } from '@jest/globals';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PandiumSecret } from '../options/pandium.secret.js';
import {
  closedOrigin,
  startFakePandiumApi,
} from './fake-pandium-api.spec-utils.js';
import type { FakePandiumApi } from './fake-pandium-api.spec-utils.js';
import { probePandiumApi } from './pandium-api.probe.js';

const KEY = 'probe-spec-api-key-SENSITIVE';
const DATE = 'Sun, 06 Dec 2026 10:00:00 GMT';

describe('probePandiumApi', () => {
  let api: FakePandiumApi | undefined;
  afterEach(async () => {
    await api?.close();
    api = undefined;
  });

  const probe = (apiBaseUrl: string, apiKey: string | null = KEY) =>
    probePandiumApi({
      apiBaseUrl,
      apiKey: apiKey === null ? undefined : PandiumSecret.from(apiKey),
      timeoutMs: 2000,
      now: Date.now,
    });

  it('should report an accepted key, ask for one integration, and read the Date header', async () => {
    api = await startFakePandiumApi({ apiKey: KEY, date: () => DATE });
    const result = await probe(api.origin);
    expect(result).toMatchObject({
      outcome: 'accepted',
      status: 200,
      url: `${api.origin}/v2/integrations?limit=1`,
      clock: { serverDate: Date.parse(DATE) },
    });
    expect(result.clock!.receivedAt).toBeGreaterThanOrEqual(
      result.clock!.sentAt,
    );
    expect(api.requests).toEqual([
      { url: '/v2/integrations?limit=1', keyAccepted: true },
    ]);
    expect(JSON.stringify(result)).not.toContain(KEY);
  });

  it('should keep a base URL path (a proxy prefix) in front of the request', async () => {
    api = await startFakePandiumApi({ apiKey: KEY });
    await probe(`${api.origin}/proxy`);
    expect(api.requests.map(({ url }) => url)).toEqual([
      '/proxy/v2/integrations?limit=1',
    ]);
  });

  it('should report a refused key with its status', async () => {
    api = await startFakePandiumApi({ apiKey: KEY });
    await expect(probe(api.origin, 'wrong-key')).resolves.toMatchObject({
      outcome: 'refused',
      status: 401,
    });
  });

  it('should send no key when none is configured, and still read the clock', async () => {
    api = await startFakePandiumApi({ apiKey: KEY, date: () => DATE });
    const result = await probe(api.origin, null);
    expect(result).toMatchObject({
      outcome: 'refused',
      clock: { serverDate: Date.parse(DATE) },
    });
  });

  it('should report any other status as bad-status', async () => {
    api = await startFakePandiumApi({ apiKey: KEY, status: 503 });
    await expect(probe(api.origin)).resolves.toMatchObject({
      outcome: 'bad-status',
      status: 503,
    });
  });

  it('should leave the clock out when the answer has no Date header', async () => {
    api = await startFakePandiumApi({ apiKey: KEY, date: () => null });
    const result = await probe(api.origin);
    expect(result.outcome).toBe('accepted');
    expect(result.clock).toBeUndefined();
  });

  it('should report an API nothing listens on as unreachable, with the system error code', async () => {
    await expect(probe(await closedOrigin())).resolves.toMatchObject({
      outcome: 'unreachable',
      reason: 'ECONNREFUSED',
    });
  });

  it('should report an API that never answers as timed-out', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) =>
      silent.listen(0, '127.0.0.1', resolve),
    );
    const { port } = silent.address() as AddressInfo;
    try {
      const result = await probePandiumApi({
        apiBaseUrl: `http://127.0.0.1:${port}`,
        apiKey: PandiumSecret.from(KEY),
        timeoutMs: 100,
        now: Date.now,
      });
      expect(result.outcome).toBe('timed-out');
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
