import {
  afterAll,
  afterEach,
  beforeAll,
  describe,
  expect,
  it,
  jest,
} from '@jest/globals';
import { Logger } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { Test } from '@nestjs/testing';
import { SpanStatusCode } from '@opentelemetry/api';
import type { ClaimsProvider } from '../core/claims-provider.interface.js';
import type { PandiumUserClaims } from '../core/pandium-claims.interface.js';
import type { TokenProvider } from '../core/token-provider.interface.js';
import { PandiumEmbedService } from '../core/pandium-embed.service.js';
import { PandiumLaunchTicketService } from '../launch/pandium-launch-ticket.service.js';
import { PandiumEmbedModule } from '../module/pandium-embed.module.js';
import { PandiumHttpException } from '../errors/pandium-http.exception.js';
import {
  netsuite,
  shopify,
} from '../testing/support/pandium-embed.spec-utils.js';
import { InMemoryTelemetry } from './pandium-telemetry.spec-utils.js';
import { pandiumTelemetryOn } from './pandium-span.util.js';

interface TestUser {
  id: string;
  email: string;
}

const SECRET = 'telemetry-spec-shared-secret-0123456789abcdef';
const CONNECTOR_TOKEN = 'conn-token-7f3a9c-telemetry';
const EMAIL = 'alice@acme.test';
const alice: TestUser = { id: 'alice', email: EMAIL };

/** Claims whose `sub` is the user's e-mail address: neither may reach an attribute. */
class EmailClaims implements ClaimsProvider<TestUser> {
  fail = false;
  hang = false;
  invalid = false;

  getClaims(user: TestUser): PandiumUserClaims | Promise<PandiumUserClaims> {
    if (this.invalid) {
      return { sub: user.email } as PandiumUserClaims;
    }
    if (this.fail) {
      throw new Error('ldap://10.0.0.7 refused the bind');
    }
    if (this.hang) {
      return new Promise<PandiumUserClaims>(() => undefined);
    }
    return {
      sub: user.email,
      ti: {
        udn: 'Acme Corp',
        ufn: 'Alice Example',
        uem: user.email,
        ili: ['acme-1'],
        aid: 'acct-7',
        adn: 'Acme',
      },
    };
  }
}

class Tokens implements TokenProvider<TestUser> {
  invalid = false;

  getToken(): Promise<string> {
    // A number is no connector token.
    return Promise.resolve(this.invalid ? (42 as never) : CONNECTOR_TOKEN);
  }
}

describe('URL issuing telemetry', () => {
  let telemetry: InMemoryTelemetry;
  let service: PandiumEmbedService<TestUser>;
  let tickets: PandiumLaunchTicketService<TestUser>;
  /** The launch ticket issued below: it may not reach an attribute either. */
  let ticket = 'no ticket issued';
  const claims = new EmailClaims();
  const tokens = new Tokens();

  beforeAll(async () => {
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    telemetry = await InMemoryTelemetry.start();
    const moduleRef = await Test.createTestingModule({
      imports: [
        PandiumEmbedModule.forRoot({
          account: 'acme',
          sharedSecret: SECRET,
          claimsProvider: { useValue: claims },
          tokenProvider: { useValue: tokens },
          integrations: [netsuite, shopify],
          controller: false,
          strategyTimeoutMs: 100,
        }),
      ],
    }).compile();
    service = moduleRef.get(PandiumEmbedService);
    tickets = moduleRef.get(PandiumLaunchTicketService);
  });

  afterEach(() => {
    claims.fail = false;
    claims.hang = false;
    claims.invalid = false;
    tokens.invalid = false;
  });

  afterAll(async () => {
    await telemetry.stop();
    jest.restoreAllMocks();
  });

  it('makes a pandium.install_url span with the strategy calls and the signing as its children', async () => {
    telemetry.spans.reset();
    const issued = await service.createInstallUrl(alice, netsuite.id);

    const [root] = telemetry.named('pandium.install_url');
    expect(root?.attributes).toEqual({
      'pandium.url.kind': 'install',
      'pandium.integration.id': netsuite.id,
      'pandium.outcome': 'ok',
    });
    const children = telemetry
      .finished()
      .filter(
        (span) => span.parentSpanContext?.spanId === root?.spanContext().spanId,
      );
    expect(
      children.map((span) => [
        span.name,
        span.attributes['pandium.strategy.name'],
        span.attributes['pandium.outcome'],
      ]),
    ).toEqual(
      expect.arrayContaining([
        ['pandium.strategy', 'IntegrationCatalog', 'ok'],
        ['pandium.strategy', 'ClaimsProvider', 'ok'],
        ['pandium.strategy', 'TokenProvider', 'ok'],
        ['pandium.sign', undefined, 'ok'],
      ]),
    );
    expect(children).toHaveLength(4);
    expect(issued.url).toContain(`/tenants/create/${netsuite.id}?`);
  });

  it("names the library and its version as the spans' instrumentation scope", async () => {
    telemetry.spans.reset();
    await service.createInstallUrl(alice, netsuite.id);

    const { version } = JSON.parse(
      readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
    ) as { version: string };
    expect(
      telemetry.named('pandium.install_url')[0]?.instrumentationScope,
    ).toMatchObject({ name: 'pandium-embed', version });
  });

  it('counts issued URLs by kind and times them, and times each strategy call', async () => {
    const before =
      (await telemetry.value('pandium.urls.issued', {
        'pandium.url.kind': 'marketplace',
      })) ?? 0;
    await service.createMarketplaceUrl(alice);

    expect(
      await telemetry.value('pandium.urls.issued', {
        'pandium.url.kind': 'marketplace',
      }),
    ).toBe(before + 1);
    expect(
      await telemetry.value('pandium.url.issue.duration', {
        'pandium.url.kind': 'marketplace',
        'pandium.outcome': 'ok',
      }),
    ).toBe(before + 1);
    const points = await telemetry.points();
    const units = new Map(points.map((point) => [point.name, point.unit]));
    expect(units.get('pandium.url.issue.duration')).toBe('s');
    expect(units.get('pandium.strategy.duration')).toBe('s');
    expect(units.get('pandium.urls.issued')).toBe('{url}');
    expect(
      await telemetry.value('pandium.strategy.duration', {
        'pandium.strategy.name': 'TokenProvider',
        'pandium.outcome': 'ok',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(telemetry.named('pandium.marketplace_url')[0]?.attributes).toEqual({
      'pandium.url.kind': 'marketplace',
      'pandium.outcome': 'ok',
    });
  });

  it('counts a failing strategy as a refused URL and a strategy failure, with the error code on the spans', async () => {
    telemetry.spans.reset();
    claims.fail = true;
    await expect(service.createMarketplaceUrl(alice)).rejects.toBeInstanceOf(
      PandiumHttpException,
    );

    const [root] = telemetry.named('pandium.marketplace_url');
    expect(root?.attributes).toEqual({
      'pandium.url.kind': 'marketplace',
      'pandium.outcome': 'error',
      'pandium.error.code': 'PANDIUM_STRATEGY_FAILED',
    });
    expect(root?.status.code).toBe(SpanStatusCode.ERROR);
    const strategy = telemetry
      .named('pandium.strategy')
      .find(
        (span) => span.attributes['pandium.strategy.name'] === 'ClaimsProvider',
      );
    expect(strategy?.attributes['pandium.error.code']).toBe(
      'PANDIUM_STRATEGY_FAILED',
    );
    expect(
      await telemetry.value('pandium.urls.refused', {
        'pandium.url.kind': 'marketplace',
        'pandium.error.code': 'PANDIUM_STRATEGY_FAILED',
      }),
    ).toBe(1);
    expect(
      await telemetry.value('pandium.strategy.failures', {
        'pandium.strategy.name': 'ClaimsProvider',
        'pandium.strategy.failure': 'error',
      }),
    ).toBe(1);
  });

  it('counts a timed-out strategy by its failure', async () => {
    claims.hang = true;
    await expect(service.createMarketplaceUrl(alice)).rejects.toBeInstanceOf(
      PandiumHttpException,
    );

    expect(
      await telemetry.value('pandium.strategy.failures', {
        'pandium.strategy.name': 'ClaimsProvider',
        'pandium.strategy.failure': 'timeout',
      }),
    ).toBe(1);
    expect(
      await telemetry.value('pandium.urls.refused', {
        'pandium.url.kind': 'marketplace',
        'pandium.error.code': 'PANDIUM_STRATEGY_TIMEOUT',
      }),
    ).toBe(1);
  });

  it.each([
    ['ClaimsProvider', () => (claims.invalid = true)],
    ['TokenProvider', () => (tokens.invalid = true)],
  ])(
    'counts a %s that returns invalid output as an invalid_output failure',
    async (strategy, breakIt) => {
      breakIt();
      await expect(service.createMarketplaceUrl(alice)).rejects.toMatchObject({
        code: 'PANDIUM_STRATEGY_FAILED',
      });

      expect(
        await telemetry.value('pandium.strategy.failures', {
          'pandium.strategy.name': strategy,
          'pandium.strategy.failure': 'invalid_output',
        }),
      ).toBe(1);
    },
  );

  it('marks a URL for an integration not in the catalog as refused', async () => {
    telemetry.spans.reset();
    await expect(service.createInstallUrl(alice, '9999')).rejects.toMatchObject(
      {
        code: 'PANDIUM_INTEGRATION_NOT_FOUND',
      },
    );

    expect(telemetry.named('pandium.install_url')[0]?.attributes).toMatchObject(
      {
        'pandium.outcome': 'refused',
        'pandium.error.code': 'PANDIUM_INTEGRATION_NOT_FOUND',
      },
    );
    expect(
      await telemetry.value('pandium.urls.refused', {
        'pandium.url.kind': 'install',
        'pandium.error.code': 'PANDIUM_INTEGRATION_NOT_FOUND',
      }),
    ).toBe(1);
  });

  it('makes a span for a launch ticket issued and one for its redemption, around the install URL it signs', async () => {
    telemetry.spans.reset();
    ({ ticket } = await tickets.createLaunchTicket(alice, {
      kind: 'install',
      integrationId: netsuite.id,
    }));
    await tickets.redeemLaunchTicket(ticket);
    await expect(tickets.redeemLaunchTicket(ticket)).rejects.toMatchObject({
      code: 'PANDIUM_LAUNCH_TICKET_USED',
    });

    expect(
      telemetry.named('pandium.launch_ticket.issue')[0]?.attributes,
    ).toEqual({
      'pandium.url.kind': 'launch_ticket',
      'pandium.integration.id': netsuite.id,
      'pandium.outcome': 'ok',
    });
    const [redeemed, refused] = telemetry.named('pandium.launch_ticket.redeem');
    expect(redeemed?.attributes).toEqual({
      'pandium.url.kind': 'launch_redeem',
      'pandium.outcome': 'ok',
    });
    expect(refused?.attributes).toEqual({
      'pandium.url.kind': 'launch_redeem',
      'pandium.outcome': 'refused',
      'pandium.error.code': 'PANDIUM_LAUNCH_TICKET_USED',
    });
    const [install] = telemetry.named('pandium.install_url');
    expect(install?.parentSpanContext?.spanId).toBe(
      redeemed?.spanContext().spanId,
    );
    expect(
      await telemetry.value('pandium.urls.issued', {
        'pandium.url.kind': 'launch_ticket',
      }),
    ).toBe(1);
    expect(
      await telemetry.value('pandium.urls.refused', {
        'pandium.url.kind': 'launch_redeem',
        'pandium.error.code': 'PANDIUM_LAUNCH_TICKET_USED',
      }),
    ).toBe(1);
  });

  it('exports no secret, JWT, connector token, e-mail address or raw sub', async () => {
    const { url } = await service.createInstallUrl(alice, shopify.id);
    const jwt = new URL(url).searchParams.get('tenant') ?? url;

    const exported = await telemetry.exportedText();
    expect(exported).toContain('pandium.install_url');
    for (const forbidden of [
      SECRET,
      jwt,
      CONNECTOR_TOKEN,
      EMAIL,
      ticket,
      'eyJ',
      '@',
    ]) {
      expect(exported).not.toContain(forbidden);
    }
  });

  it('issues URLs as before once telemetry is off, and exports nothing more', async () => {
    await telemetry.stop();
    telemetry.spans.reset();

    expect(pandiumTelemetryOn()).toBe(false);
    const issued = await service.createInstallUrl(alice, netsuite.id);
    expect(issued.integrationId).toBe(netsuite.id);
    await expect(service.createInstallUrl(alice, '9999')).rejects.toMatchObject(
      {
        code: 'PANDIUM_INTEGRATION_NOT_FOUND',
      },
    );
    expect(telemetry.finished()).toHaveLength(0);
  });
});
