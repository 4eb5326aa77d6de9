import { Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  verifyPandiumToken,
  tenantTokenOf,
} from '../../../../test/support/pandium-token.verifier.js';
import { PandiumEmbedModule } from '../module/pandium-embed.module.js';
import { PandiumEmbedService } from '../core/pandium-embed.service.js';
import { overridePandiumForTesting } from './pandium-embed-testing.js';
import {
  PANDIUM_TEST_NOW,
  PANDIUM_TEST_SECRET,
} from './pandium-testing.constants.js';
import { claimsOf } from './pandium-url.verifier.js';

const APP_SECRET = 'the-host-apps-real-secret-0123456789abcdef';

@Module({
  providers: [
    {
      provide: 'SETTINGS',
      useValue: { account: 'acme-prod', secret: APP_SECRET },
    },
  ],
  exports: ['SETTINGS'],
})
class SettingsModule {}

/** A host app's registration, as it would be in production: its own secret, from an imported module. */
const HostPandiumModule = PandiumEmbedModule.forRootAsync({
  imports: [SettingsModule],
  inject: ['SETTINGS'],
  useFactory: (settings: { account: string; secret: string }) => ({
    account: settings.account,
    sharedSecret: settings.secret,
    environment: 'production',
    tokenTtlSeconds: 120,
    integrations: [{ id: '1042', name: 'gwt2hs', connectorName: 'gwt' }],
  }),
  claimsProvider: {
    useValue: {
      getClaims: (user: { id: string }) => ({
        sub: user.id,
        ti: { udn: 'Acme', ufn: 'Jane', uem: 'jane@acme.test' },
      }),
    },
  },
  tokenProvider: { useValue: { getToken: () => 'connector-token' } },
  controller: false,
});

describe('overridePandiumForTesting', () => {
  it('should sign with the test secret and the test clock, keeping the app’s other options', async () => {
    const { builder, clock } = overridePandiumForTesting(
      Test.createTestingModule({ imports: [HostPandiumModule] }),
    );
    const moduleRef = await builder.compile();
    const service = moduleRef.get(PandiumEmbedService);

    const { url, expiresAt } = await service.createInstallUrl(
      { id: 'usr_1' },
      '1042',
    );

    expect(
      url.startsWith(
        'https://imp.pandium.com/acme-prod/tenants/create/1042?tenant=',
      ),
    ).toBe(true);
    const claims = claimsOf(url, { now: clock });
    expect(claims.sub).toBe('usr_1');
    expect(claims.exp).toBe(PANDIUM_TEST_NOW / 1000 + 120);
    expect(expiresAt).toBe(new Date(PANDIUM_TEST_NOW + 120_000).toISOString());
    await expect(
      verifyPandiumToken(tenantTokenOf(url), PANDIUM_TEST_SECRET, {
        currentDate: new Date(PANDIUM_TEST_NOW),
      }),
    ).resolves.toBeDefined();
    await expect(
      verifyPandiumToken(tenantTokenOf(url), APP_SECRET, {
        currentDate: new Date(PANDIUM_TEST_NOW),
      }),
    ).rejects.toThrow();
    await moduleRef.close();
  });

  it('should start the clock where told, and let the test move it', async () => {
    const start = Date.UTC(2031, 5, 1);
    const { builder, clock } = overridePandiumForTesting(
      Test.createTestingModule({ imports: [HostPandiumModule] }),
      {
        now: new Date(start),
      },
    );
    const service = (await builder.compile()).get(PandiumEmbedService);

    const first = claimsOf(
      (await service.createMarketplaceUrl({ id: 'usr_1' })).url,
      { now: clock },
    );
    clock.advance(60_000);
    const second = claimsOf(
      (await service.createMarketplaceUrl({ id: 'usr_1' })).url,
      { now: clock },
    );

    expect(first.exp).toBe(start / 1000 + 120);
    expect(second.exp - first.exp).toBe(60);
  });
});
