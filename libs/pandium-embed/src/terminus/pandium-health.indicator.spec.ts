import { afterEach, describe, expect, it } from '@jest/globals';
import { HealthIndicatorService } from '@nestjs/terminus';
import { Test } from '@nestjs/testing';
import {
  closedOrigin,
  startFakePandiumApi,
} from '../core/fake-pandium-api.spec-utils.js';
import type { FakePandiumApi } from '../core/fake-pandium-api.spec-utils.js';
import type { PandiumClock } from '../core/pandium-clock.interface.js';
import { InMemoryLaunchTicketStore } from '../launch/in-memory-launch-ticket.store.js';
import type { PandiumLaunchTicketStore } from '../launch/pandium-launch-ticket-store.interface.js';
import { resolvePandiumEmbedOptions } from '../options/pandium-embed-options.validator.js';
import {
  PANDIUM_CLOCK,
  PANDIUM_LAUNCH_TICKET_STORE,
  PANDIUM_RATE_LIMIT_STORE,
  PANDIUM_RESOLVED_OPTIONS,
} from '../pandium-embed.tokens.js';
import { InMemoryRateLimitStore } from '../rate-limit/in-memory-rate-limit.store.js';
import type { PandiumRateLimitStore } from '../rate-limit/pandium-rate-limit-store.interface.js';
import { PandiumEmbedError } from '../errors/pandium-embed.error.js';
import { PandiumEmbedModule } from '../module/pandium-embed.module.js';
import { PandiumHealthIndicator } from './pandium-health.indicator.js';

const API_KEY = 'health-spec-api-key-SENSITIVE';
const systemClock: PandiumClock = { now: () => Date.now() };

interface Setup {
  apiBaseUrl?: string;
  apiKey?: string;
  clock?: PandiumClock;
  launchTicketStore?: PandiumLaunchTicketStore;
  rateLimitStore?: PandiumRateLimitStore;
}

/** The indicator with the providers of a `PandiumEmbedModule` it looks up: options, clock and stores. */
async function setup(options: Setup = {}): Promise<PandiumHealthIndicator> {
  const resolved = resolvePandiumEmbedOptions({
    account: 'acme',
    sharedSecret: 'health-spec-secret-0123456789abcdefghijkl',
    ...(options.apiKey === undefined ? {} : { apiKey: options.apiKey }),
    ...(options.apiBaseUrl === undefined
      ? {}
      : { apiBaseUrl: options.apiBaseUrl }),
  });
  const moduleRef = await Test.createTestingModule({
    providers: [
      HealthIndicatorService,
      PandiumHealthIndicator,
      { provide: PANDIUM_RESOLVED_OPTIONS, useValue: resolved },
      { provide: PANDIUM_CLOCK, useValue: options.clock ?? systemClock },
      {
        provide: PANDIUM_LAUNCH_TICKET_STORE,
        useValue:
          options.launchTicketStore ??
          new InMemoryLaunchTicketStore(systemClock),
      },
      {
        provide: PANDIUM_RATE_LIMIT_STORE,
        useValue:
          options.rateLimitStore ?? new InMemoryRateLimitStore(systemClock),
      },
    ],
  }).compile();
  return moduleRef.get(PandiumHealthIndicator);
}

describe('PandiumHealthIndicator', () => {
  let api: FakePandiumApi | undefined;
  afterEach(async () => {
    await api?.close();
    api = undefined;
  });

  describe('checkStores', () => {
    it('should be up when both stores answer', async () => {
      const indicator = await setup();
      await expect(indicator.checkStores('stores')).resolves.toEqual({
        stores: { status: 'up', launchTicketStore: 'up', rateLimitStore: 'up' },
      });
    });

    it('should be down, naming the store, when one fails', async () => {
      const failing: PandiumLaunchTicketStore = {
        save: () => Promise.reject(new Error('connection lost')),
        take: () => Promise.reject(new Error('connection lost')),
      };
      const indicator = await setup({ launchTicketStore: failing });
      await expect(indicator.checkStores('stores')).resolves.toEqual({
        stores: {
          status: 'down',
          launchTicketStore: 'down: Error: connection lost',
          rateLimitStore: 'up',
        },
      });
    });

    it('should be down when a store does not answer in time', async () => {
      const silent: PandiumRateLimitStore = {
        increment: () => new Promise(() => undefined),
      };
      const indicator = await setup({ rateLimitStore: silent });
      await expect(indicator.checkStores('stores')).resolves.toMatchObject({
        stores: {
          status: 'down',
          rateLimitStore: 'down: Error: no answer within 2000 ms',
        },
      });
    });

    it('should take a ticket that was never issued and count on its own key only', async () => {
      const tickets = new InMemoryLaunchTicketStore(systemClock);
      await tickets.save('real-ticket', 'sealed', 30_000);
      const keys: string[] = [];
      const counters: PandiumRateLimitStore = {
        increment: (key) => {
          keys.push(key);
          return Promise.resolve({ totalHits: 1, timeToExpire: 1000 });
        },
      };
      const indicator = await setup({
        launchTicketStore: tickets,
        rateLimitStore: counters,
      });
      await indicator.checkStores('stores');
      await expect(tickets.take('real-ticket')).resolves.toBe('sealed');
      expect(keys).toEqual(['pandium-embed:health']);
    });
  });

  describe('checkApi', () => {
    it('should be up when Pandium accepts the key', async () => {
      api = await startFakePandiumApi({ apiKey: API_KEY });
      const indicator = await setup({
        apiKey: API_KEY,
        apiBaseUrl: api.origin,
      });
      await expect(indicator.checkApi('api')).resolves.toEqual({
        api: {
          status: 'up',
          url: `${api.origin}/v2/integrations?limit=1`,
          httpStatus: 200,
        },
      });
    });

    it('should be down when Pandium refuses the key, without showing it', async () => {
      api = await startFakePandiumApi({ apiKey: API_KEY });
      const indicator = await setup({
        apiKey: 'another-key',
        apiBaseUrl: api.origin,
      });
      const result = await indicator.checkApi('api');
      expect(result.api).toMatchObject({
        status: 'down',
        httpStatus: 401,
        message: "Pandium's API refused the configured apiKey",
      });
      expect(JSON.stringify(result)).not.toContain('another-key');
    });

    it('should be down when the API is out of reach', async () => {
      const indicator = await setup({
        apiKey: API_KEY,
        apiBaseUrl: await closedOrigin(),
      });
      await expect(indicator.checkApi('api')).resolves.toMatchObject({
        api: {
          status: 'down',
          message: "Pandium's API is out of reach (ECONNREFUSED)",
        },
      });
    });

    it('should be up, unchecked, without an apiKey, and ask nothing', async () => {
      api = await startFakePandiumApi({ apiKey: API_KEY });
      const indicator = await setup({ apiBaseUrl: api.origin });
      await expect(indicator.checkApi('api')).resolves.toEqual({
        api: { status: 'up', message: 'no apiKey configured: not checked' },
      });
      await expect(indicator.checkClock('clock')).resolves.toMatchObject({
        clock: { status: 'up' },
      });
      expect(api.requests).toHaveLength(0);
    });

    it('should send one request for many checks, concurrent or not, within the cache TTL', async () => {
      api = await startFakePandiumApi({ apiKey: API_KEY });
      const indicator = await setup({
        apiKey: API_KEY,
        apiBaseUrl: api.origin,
      });
      await Promise.all([
        indicator.checkApi('api'),
        indicator.checkClock('clock'),
        indicator.checkApi('api'),
      ]);
      await indicator.checkApi('api');
      await indicator.checkClock('clock');
      expect(api.requests).toHaveLength(1);
    });
  });

  describe('checkClock', () => {
    it("should be up with a clock in step with Pandium's Date header", async () => {
      api = await startFakePandiumApi({ apiKey: API_KEY });
      const indicator = await setup({
        apiKey: API_KEY,
        apiBaseUrl: api.origin,
      });
      await expect(indicator.checkClock('clock')).resolves.toMatchObject({
        clock: { status: 'up', allowanceSeconds: 5 },
      });
    });

    it('should be down with a clock a minute ahead', async () => {
      api = await startFakePandiumApi({ apiKey: API_KEY });
      const indicator = await setup({
        apiKey: API_KEY,
        apiBaseUrl: api.origin,
        clock: { now: () => Date.now() + 60_000 },
      });
      const { clock } = await indicator.checkClock('clock');
      expect(clock).toMatchObject({
        status: 'down',
        allowanceSeconds: 5,
        message: expect.stringMatching(/ahead of Pandium's$/),
      });
      expect(clock.offsetMs).toBeGreaterThan(55_000);
    });

    it('should be down when the answer has no Date header', async () => {
      api = await startFakePandiumApi({ apiKey: API_KEY, date: () => null });
      const indicator = await setup({
        apiKey: API_KEY,
        apiBaseUrl: api.origin,
      });
      await expect(indicator.checkClock('clock')).resolves.toMatchObject({
        clock: { status: 'down' },
      });
    });
  });

  describe('with named instances ({ instance })', () => {
    const EU_KEY = 'health-spec-eu-key-SENSITIVE';
    const US_KEY = 'health-spec-us-key-SENSITIVE';
    let eu: FakePandiumApi;
    let us: FakePandiumApi;
    afterEach(async () => {
      await eu?.close();
      await us?.close();
    });

    /**
     * The indicator beside two named modules, each with its own key and API (`usKey` is the key us is given), and
     * an unnamed one (with a key eu's API refuses) registered first when `unnamed`.
     */
    async function named(
      usKey = US_KEY,
      unnamed = false,
    ): Promise<PandiumHealthIndicator> {
      eu = await startFakePandiumApi({ apiKey: EU_KEY });
      us = await startFakePandiumApi({ apiKey: US_KEY });
      const instance = (
        name: string | undefined,
        apiKey: string,
        apiBaseUrl: string,
      ) =>
        PandiumEmbedModule.forRoot({
          name,
          account: `acme-${name ?? 'default'}`,
          sharedSecret: `health-spec-${name ?? 'default'}-secret-0123456789abcdefghijk`,
          apiKey,
          apiBaseUrl,
          integrations: [],
          claimsProvider: {
            useValue: {
              getClaims: () => ({
                sub: 'u',
                ti: { udn: 'o', ufn: 'U', uem: 'u@o.test' },
              }),
            },
          },
          tokenProvider: { useValue: { getToken: () => 't' } },
        });
      const moduleRef = await Test.createTestingModule({
        imports: [
          ...(unnamed ? [instance(undefined, 'unnamed-key', eu.origin)] : []),
          instance('eu', EU_KEY, eu.origin),
          instance('us', usKey, us.origin),
        ],
        providers: [HealthIndicatorService, PandiumHealthIndicator],
      }).compile();
      await moduleRef.init();
      return moduleRef.get(PandiumHealthIndicator);
    }

    it("should check each instance's key against its own API", async () => {
      const indicator = await named();
      await expect(
        indicator.checkApi('eu', { instance: 'eu' }),
      ).resolves.toEqual({
        eu: {
          status: 'up',
          url: `${eu.origin}/v2/integrations?limit=1`,
          httpStatus: 200,
        },
      });
      await expect(
        indicator.checkApi('us', { instance: 'us' }),
      ).resolves.toEqual({
        us: {
          status: 'up',
          url: `${us.origin}/v2/integrations?limit=1`,
          httpStatus: 200,
        },
      });
      expect(eu.requests).toEqual([
        { url: '/v2/integrations?limit=1', keyAccepted: true },
      ]);
      expect(us.requests).toEqual([
        { url: '/v2/integrations?limit=1', keyAccepted: true },
      ]);
    });

    it('should be down for the instance whose key is refused only', async () => {
      const indicator = await named('us-key-revoked');
      await expect(
        indicator.checkApi('eu', { instance: 'eu' }),
      ).resolves.toMatchObject({ eu: { status: 'up' } });
      await expect(
        indicator.checkApi('us', { instance: 'us' }),
      ).resolves.toMatchObject({ us: { status: 'down', httpStatus: 401 } });
      await expect(
        indicator.checkClock('us', { instance: 'us' }),
      ).resolves.toMatchObject({ us: { status: 'up', allowanceSeconds: 5 } });
      await expect(
        indicator.checkStores('us', { instance: 'us' }),
      ).resolves.toEqual({
        us: { status: 'up', launchTicketStore: 'up', rateLimitStore: 'up' },
      });
      expect(us.requests).toHaveLength(1);
    });

    it('should throw PANDIUM_INSTANCE_UNKNOWN naming an instance no module has', async () => {
      const indicator = await named();
      for (const check of [
        () => indicator.checkStores('x', { instance: 'asia' }),
        () => indicator.checkApi('x', { instance: 'asia' }),
        () => indicator.checkClock('x', { instance: 'asia' }),
      ]) {
        const thrown = await check().catch((error: unknown) => error);
        expect(thrown).toBeInstanceOf(PandiumEmbedError);
        expect(thrown).toMatchObject({
          code: 'PANDIUM_INSTANCE_UNKNOWN',
          message: expect.stringContaining(
            'no PandiumEmbedModule is registered with the name "asia"',
          ),
        });
      }
      expect([...eu.requests, ...us.requests]).toHaveLength(0);
    });

    it('should check the unnamed module by default, wherever it is registered', async () => {
      const indicator = await named(US_KEY, true);
      await expect(indicator.checkApi('api')).resolves.toMatchObject({
        api: { status: 'down', httpStatus: 401 },
      });
      expect(eu.requests).toEqual([
        { url: '/v2/integrations?limit=1', keyAccepted: false },
      ]);
      expect(us.requests).toHaveLength(0);
    });
  });
});
