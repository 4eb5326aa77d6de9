import { Test } from '@nestjs/testing';
import { PANDIUM_RESOLVED_OPTIONS } from '../pandium-embed.tokens.js';
import { resolvePandiumEmbedOptions } from '../options/pandium-embed-options.validator.js';
import { PandiumUrlBuilder } from './pandium-url.builder.js';

async function setup(
  options: Record<string, unknown>,
): Promise<PandiumUrlBuilder> {
  const moduleRef = await Test.createTestingModule({
    providers: [
      PandiumUrlBuilder,
      {
        provide: PANDIUM_RESOLVED_OPTIONS,
        useValue: resolvePandiumEmbedOptions({
          account: 'acme',
          sharedSecret: 's'.repeat(32),
          ...options,
        }),
      },
    ],
  }).compile();
  return moduleRef.get(PandiumUrlBuilder);
}

describe('PandiumUrlBuilder', () => {
  it('should build the sandbox install URL by default', async () => {
    const urls = await setup({});
    expect(urls.installUrl('1042', 'a.b.c')).toBe(
      'https://imp.sandbox.pandium.com/acme/tenants/create/1042?tenant=a.b.c',
    );
  });

  describe('environments', () => {
    it.each([
      ['production', 'https://imp.pandium.com'],
      ['sandbox', 'https://imp.sandbox.pandium.com'],
      ['demo', 'https://imp.demo.pandium.com'],
    ])('should use %s’s host %s', async (environment, host) => {
      const urls = await setup({ environment });

      expect(urls.installUrl('1042', 'a.b.c')).toBe(
        `${host}/acme/tenants/create/1042?tenant=a.b.c`,
      );
      expect(urls.marketplaceUrl('a.b.c')).toBe(`${host}/acme?tenant=a.b.c`);
      expect(urls.origin).toBe(host);
    });
  });

  describe('baseUrl', () => {
    it.each([
      ['without a trailing slash', 'https://imp.pandium.io'],
      ['with a trailing slash', 'https://imp.pandium.io/'],
    ])('should replace the environment’s host %s', async (_case, baseUrl) => {
      const urls = await setup({ environment: 'production', baseUrl });

      expect(urls.installUrl('7', 'tok')).toBe(
        'https://imp.pandium.io/acme/tenants/create/7?tenant=tok',
      );
      expect(urls.marketplaceUrl('tok')).toBe(
        'https://imp.pandium.io/acme?tenant=tok',
      );
      expect(urls.origin).toBe('https://imp.pandium.io');
    });

    it.each([
      ['without a trailing slash', 'https://proxy.example.com/pandium/embed'],
      ['with a trailing slash', 'https://proxy.example.com/pandium/embed/'],
    ])('should keep a path prefix %s', async (_case, baseUrl) => {
      const urls = await setup({ baseUrl });

      expect(urls.installUrl('7', 'tok')).toBe(
        'https://proxy.example.com/pandium/embed/acme/tenants/create/7?tenant=tok',
      );
      expect(urls.marketplaceUrl('tok')).toBe(
        'https://proxy.example.com/pandium/embed/acme?tenant=tok',
      );
      expect(urls.origin).toBe('https://proxy.example.com');
    });

    it('should keep the port of a local emulator in the URLs and the origin', async () => {
      const urls = await setup({ baseUrl: 'http://localhost:4010' });

      expect(urls.installUrl('7', 'tok')).toBe(
        'http://localhost:4010/acme/tenants/create/7?tenant=tok',
      );
      expect(urls.origin).toBe('http://localhost:4010');
    });
  });

  describe('installUrl', () => {
    it('should put the account, the integration id and the token where Pandium expects them', async () => {
      const urls = await setup({ account: 'yourcompanyname' });

      const url = new URL(urls.installUrl('1042', 'h.p.s'));

      expect(url.pathname).toBe('/yourcompanyname/tenants/create/1042');
      expect([...url.searchParams]).toEqual([['tenant', 'h.p.s']]);
    });

    it.each(['a/b', '..', '.', 'x?y#z', 'é', 'a b&c=d', '1'.repeat(129), ''])(
      'should refuse the integration id %j rather than let it change the URL',
      async (integrationId) => {
        const urls = await setup({});

        expect(() => urls.installUrl(integrationId, 'tok')).toThrow(
          'integrationId is not a valid Pandium integration id',
        );
      },
    );

    it.each(['1042', 'gwt2hs-v2', 'a.b_c-d', '1'.repeat(128)])(
      'should put the well-formed id %j in the path unchanged',
      async (integrationId) => {
        const urls = await setup({});

        expect(new URL(urls.installUrl(integrationId, 'tok')).pathname).toBe(
          `/acme/tenants/create/${integrationId}`,
        );
      },
    );

    it.each([
      ['a/b'],
      ['x?y#z'],
      ['é'],
      ['tok+with/slash=&tenant=evil'],
      ['eyJh.eyJz.Sfl-_'],
    ])(
      'should percent-encode the token %j so it reads back unchanged',
      async (token) => {
        const urls = await setup({});

        const url = new URL(urls.installUrl('1042', token));

        expect(url.searchParams.getAll('tenant')).toEqual([token]);
        expect([...url.searchParams.keys()]).toEqual(['tenant']);
        expect(url.hash).toBe('');
        expect(url.pathname).toBe('/acme/tenants/create/1042');
      },
    );
  });

  describe('marketplaceUrl', () => {
    it('should point at the account with the token as tenant', async () => {
      const urls = await setup({ environment: 'production' });

      expect(urls.marketplaceUrl('h.p.s')).toBe(
        'https://imp.pandium.com/acme?tenant=h.p.s',
      );
    });

    it('should percent-encode the token so it reads back unchanged', async () => {
      const urls = await setup({});
      const token = 'x?y#z&tenant=evil é';

      const url = new URL(urls.marketplaceUrl(token));

      expect(url.pathname).toBe('/acme');
      expect(url.searchParams.getAll('tenant')).toEqual([token]);
      expect(url.hash).toBe('');
    });
  });

  describe('origin', () => {
    it('should be the scheme, host and port only, without the account or a path prefix', async () => {
      const urls = await setup({
        baseUrl: 'https://embed.example.com:8443/prefix/',
      });

      expect(urls.origin).toBe('https://embed.example.com:8443');
    });
  });
});
