import { Test } from '@nestjs/testing';
import type { PandiumIntegration } from './pandium-integration.interface.js';
import { resolvePandiumEmbedOptions } from '../options/pandium-embed-options.validator.js';
import { PANDIUM_RESOLVED_OPTIONS } from '../pandium-embed.tokens.js';
import { PandiumOptionsError } from '../errors/pandium-options.error.js';
import { StaticIntegrationCatalog } from './static-integration.catalog.js';

const SECRET = 'static-catalog-spec-secret-0123456789abcdef';

const integrations: PandiumIntegration[] = [
  {
    id: '1042',
    name: 'netsuite-orders',
    connectorName: 'netsuite',
    displayName: 'NetSuite orders',
  },
  { id: '2001', name: 'shopify-sync', connectorName: 'shopify' },
];

async function setup(
  options: Record<string, unknown>,
): Promise<StaticIntegrationCatalog> {
  const moduleRef = await Test.createTestingModule({
    providers: [
      StaticIntegrationCatalog,
      {
        provide: PANDIUM_RESOLVED_OPTIONS,
        useValue: resolvePandiumEmbedOptions({
          account: 'acme',
          sharedSecret: SECRET,
          ...options,
        }),
      },
    ],
  }).compile();
  return moduleRef.get(StaticIntegrationCatalog);
}

describe('StaticIntegrationCatalog', () => {
  describe('listIntegrations', () => {
    it('should list the integrations option, in order', async () => {
      const catalog = await setup({ integrations });

      expect(catalog.listIntegrations()).toEqual(integrations);
    });

    it('should not change when the options array is changed after boot', async () => {
      const given = [...integrations];
      const catalog = await setup({ integrations: given });

      given.push({ id: '3003', name: 'late', connectorName: 'late' });

      expect(catalog.listIntegrations().map(({ id }) => id)).toEqual([
        '1042',
        '2001',
      ]);
    });

    it('should list an empty catalog as empty', async () => {
      const catalog = await setup({ integrations: [] });

      expect(catalog.listIntegrations()).toEqual([]);
    });
  });

  describe('without the integrations option', () => {
    it('should fail to build with a PandiumOptionsError naming integrations', async () => {
      const build = setup({});

      await expect(build).rejects.toBeInstanceOf(PandiumOptionsError);
      await expect(build).rejects.toThrow(/integrations/);
    });
  });
});
