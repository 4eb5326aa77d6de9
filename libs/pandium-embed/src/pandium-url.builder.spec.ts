import { Test } from '@nestjs/testing';
import { PANDIUM_RESOLVED_OPTIONS } from './pandium-embed.constants.js';
import { resolvePandiumEmbedOptions } from './pandium-embed-options.validator.js';
import { PandiumUrlBuilder } from './pandium-url.builder.js';

async function setup(options: Record<string, unknown>): Promise<PandiumUrlBuilder> {
  const moduleRef = await Test.createTestingModule({
    providers: [
      PandiumUrlBuilder,
      {
        provide: PANDIUM_RESOLVED_OPTIONS,
        useValue: resolvePandiumEmbedOptions({ account: 'acme', sharedSecret: 's'.repeat(32), ...options }),
      },
    ],
  }).compile();
  return moduleRef.get(PandiumUrlBuilder);
}

describe('PandiumUrlBuilder', () => {
  it('should build the sandbox install URL by default', async () => {
    const urls = await setup({});
    expect(urls.installUrl('1042', 'a.b.c')).toBe('https://imp.sandbox.pandium.com/acme/tenants/create/1042?tenant=a.b.c');
  });
});
