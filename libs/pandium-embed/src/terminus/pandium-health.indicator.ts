import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { HealthIndicatorResult } from '@nestjs/terminus';
import { randomBytes } from 'node:crypto';
import { probePandiumApi } from '../core/pandium-api.probe.js';
import type { PandiumApiProbeResult } from '../core/pandium-api.probe.js';
import type { PandiumClock } from '../core/pandium-clock.interface.js';
import { clockSkewOf, describeClockSkew } from '../core/pandium-clock.skew.js';
import { describeThrown } from '../errors/describe-thrown.util.js';
import type { PandiumLaunchTicketStore } from '../launch/pandium-launch-ticket-store.interface.js';
import type { ResolvedPandiumEmbedOptions } from '../options/pandium-embed-options.validator.js';
import {
  PANDIUM_CLOCK,
  PANDIUM_LAUNCH_TICKET_STORE,
  PANDIUM_RATE_LIMIT_STORE,
  PANDIUM_RESOLVED_OPTIONS,
} from '../pandium-embed.tokens.js';
import type { PandiumRateLimitStore } from '../rate-limit/pandium-rate-limit-store.interface.js';
import { PandiumApiProbeCache } from './pandium-api-probe.cache.js';
import { locatePandiumEmbedProviders } from './pandium-embed-providers.locator.js';
import type { PandiumEmbedProviders } from './pandium-embed-providers.locator.js';
import type { PandiumHealthCheckOptions } from './pandium-health-check-options.interface.js';
import {
  PANDIUM_HEALTH_API_CACHE_TTL_MS,
  PANDIUM_HEALTH_API_TIMEOUT_MS,
  PANDIUM_HEALTH_RATE_LIMIT_KEY,
  PANDIUM_HEALTH_STORE_TIMEOUT_MS,
} from './pandium-health.constants.js';

/** What a check said about something it could reach or not: `up`, or `down` and why. */
type Reach = 'up' | `down: ${string}`;

/**
 * `@nestjs/terminus` checks for the Pandium pieces of the app's `PandiumEmbedModule`: the launch ticket and rate-limit
 * stores answer, Pandium's REST API accepts the configured `apiKey`, and this machine's clock is within
 * `clockSkewSeconds` of Pandium's `Date` header. One request to Pandium (`GET /v2/integrations?limit=1`) serves the
 * API and clock checks for 60 s, shared by concurrent checks, so health checks do not hammer Pandium. Without an
 * `apiKey` the library never calls Pandium's API, and neither do these checks: both answer `up`, not configured.
 *
 * Provide it beside `TerminusModule` (`@nestjs/terminus` 11 or later, an optional peer) in the module of your health
 * controller; it finds the app's `PandiumEmbedModule` itself: the unnamed one (with named instances only, the one Nest
 * resolves a token to, the last registered), or the named instance a check's `{ instance }` option names (each
 * instance's API answer cached apart). Results hold no secret, key or token.
 *
 * @example
 * \@Get('health') \@HealthCheck()
 * check() {
 *   return this.health.check([
 *     () => this.pandium.checkStores('pandium_stores'),
 *     () => this.pandium.checkApi('pandium_api'),
 *     () => this.pandium.checkClock('pandium_clock'),
 *     () => this.pandium.checkApi('pandium_api_eu', { instance: 'eu' }),
 *   ]);
 * }
 * @publicApi
 */
@Injectable()
export class PandiumHealthIndicator {
  /** One cached probe per instance checked, by name (`''` for the default module). */
  private readonly probes = new Map<string, PandiumApiProbeCache>();

  constructor(
    private readonly healthIndicatorService: HealthIndicatorService,
    private readonly moduleRef: ModuleRef,
  ) {}

  /**
   * Whether the launch ticket store and the rate-limit store answer, each with a harmless real call: `take` of a
   * random ticket id that was never issued, and `increment` of the check's own counter (a one-second window).
   *
   * @param key the key of the result object.
   * @param options which instance to check (the unnamed module by default).
   * @throws {PandiumEmbedError} `PANDIUM_INSTANCE_UNKNOWN` when no module is registered under `options.instance`.
   */
  async checkStores<const Key extends string>(
    key: Key,
    options: PandiumHealthCheckOptions = {},
  ): Promise<HealthIndicatorResult<Key>> {
    const get = locatePandiumEmbedProviders(this.moduleRef, options.instance);
    const check = this.healthIndicatorService.check(key);
    const tickets = get<PandiumLaunchTicketStore>(PANDIUM_LAUNCH_TICKET_STORE);
    const counters = get<PandiumRateLimitStore>(PANDIUM_RATE_LIMIT_STORE);
    const [launchTicketStore, rateLimitStore] = await Promise.all([
      reach(() => tickets.take(randomBytes(16).toString('base64url'))),
      reach(() =>
        counters.increment(
          PANDIUM_HEALTH_RATE_LIMIT_KEY,
          1000,
          Number.MAX_SAFE_INTEGER,
          1000,
          'pandium-health',
        ),
      ),
    ]);
    const data = { launchTicketStore, rateLimitStore };
    return launchTicketStore === 'up' && rateLimitStore === 'up'
      ? check.up(data)
      : check.down(data);
  }

  /**
   * Whether Pandium's REST API accepts the configured `apiKey` (one cached request, see the class).
   *
   * @param key the key of the result object.
   * @param options which instance to check (the unnamed module by default): its `apiKey` and `apiBaseUrl`.
   * @throws {PandiumEmbedError} `PANDIUM_INSTANCE_UNKNOWN` when no module is registered under `options.instance`.
   */
  async checkApi<const Key extends string>(
    key: Key,
    options: PandiumHealthCheckOptions = {},
  ): Promise<HealthIndicatorResult<Key>> {
    const get = locatePandiumEmbedProviders(this.moduleRef, options.instance);
    const check = this.healthIndicatorService.check(key);
    const probe = await this.probe(get, options.instance);
    if (probe === undefined) {
      return check.up({ message: 'no apiKey configured: not checked' });
    }
    // `status` is Terminus's own key in a result: the HTTP status goes under another name.
    const data = {
      url: probe.url,
      ...(probe.status === undefined ? {} : { httpStatus: probe.status }),
    };
    switch (probe.outcome) {
      case 'accepted':
        return check.up(data);
      case 'refused':
        return check.down({
          ...data,
          message: "Pandium's API refused the configured apiKey",
        });
      case 'bad-status':
        return check.down({
          ...data,
          message: `Pandium's API answered ${probe.status}`,
        });
      case 'timed-out':
        return check.down({
          ...data,
          message: "Pandium's API did not answer in time",
        });
      default:
        return check.down({
          ...data,
          message: `Pandium's API is out of reach (${probe.reason})`,
        });
    }
  }

  /**
   * Whether this machine's clock (the one that signs `iat`) is within `clockSkewSeconds` of the `Date` header of
   * Pandium's API (from the request {@link PandiumHealthIndicator.checkApi} makes, cached alike).
   *
   * @param key the key of the result object.
   * @param options which instance to check (the unnamed module by default): its clock and `clockSkewSeconds`.
   * @throws {PandiumEmbedError} `PANDIUM_INSTANCE_UNKNOWN` when no module is registered under `options.instance`.
   */
  async checkClock<const Key extends string>(
    key: Key,
    options: PandiumHealthCheckOptions = {},
  ): Promise<HealthIndicatorResult<Key>> {
    const get = locatePandiumEmbedProviders(this.moduleRef, options.instance);
    const check = this.healthIndicatorService.check(key);
    const probe = await this.probe(get, options.instance);
    if (probe === undefined) {
      return check.up({ message: 'no apiKey configured: not measured' });
    }
    if (probe.clock === undefined) {
      return check.down({
        message: "not measured: no Date header from Pandium's API",
      });
    }
    const { clockSkewSeconds } = get<ResolvedPandiumEmbedOptions>(
      PANDIUM_RESOLVED_OPTIONS,
    );
    const skew = clockSkewOf(probe.clock, clockSkewSeconds);
    const data = {
      offsetMs: skew.offsetMs,
      allowanceSeconds: skew.allowanceSeconds,
      message: `this clock is ${describeClockSkew(skew)}`,
    };
    return skew.verdict === 'within' ? check.up(data) : check.down(data);
  }

  /** The instance's cached probe answer, or undefined without an `apiKey`. */
  private async probe(
    get: PandiumEmbedProviders,
    instance = '',
  ): Promise<PandiumApiProbeResult | undefined> {
    const options = get<ResolvedPandiumEmbedOptions>(PANDIUM_RESOLVED_OPTIONS);
    const { apiKey } = options;
    if (apiKey === undefined) {
      return undefined;
    }
    let probes = this.probes.get(instance);
    if (probes === undefined) {
      const clock = get<PandiumClock>(PANDIUM_CLOCK);
      probes = new PandiumApiProbeCache(
        () =>
          probePandiumApi({
            apiBaseUrl: options.apiBaseUrl,
            apiKey,
            timeoutMs: PANDIUM_HEALTH_API_TIMEOUT_MS,
            now: () => clock.now(),
          }),
        PANDIUM_HEALTH_API_CACHE_TTL_MS,
      );
      this.probes.set(instance, probes);
    }
    return probes.get();
  }
}

/** `up` when `call` settles within the store time-out, else `down` and why. */
async function reach(call: () => Promise<unknown>): Promise<Reach> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Error(`no answer within ${PANDIUM_HEALTH_STORE_TIMEOUT_MS} ms`),
        ),
      PANDIUM_HEALTH_STORE_TIMEOUT_MS,
    );
  });
  try {
    await Promise.race([call(), late]);
    return 'up';
  } catch (error) {
    return `down: ${describeThrown(error)}`;
  } finally {
    clearTimeout(timer);
  }
}
