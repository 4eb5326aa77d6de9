import { PANDIUM_DEVELOPMENT_ACCOUNT } from '../libs/pandium-embed/src/options/pandium-embed.config.js';
import type { HttpAdapterName } from '../src/http-adapter.js';
import { capturingLogger } from './support/capturing.logger.js';
import {
  createExampleApp,
  HTTP_ADAPTERS,
  signedUrlResponse,
  TEST_PANDIUM_SECRET,
} from './support/example-app.js';
import {
  tenantTokenOf,
  verifyPandiumToken,
} from './support/pandium-token.verifier.js';

const PRODUCTION_SECRETS = {
  NODE_ENV: 'production',
  PANDIUM_ACCOUNT: 'acme-saas',
  PANDIUM_SHARED_SECRET: TEST_PANDIUM_SECRET,
};

async function installUrlFrom(
  env: Record<string, string | undefined>,
  adapter: HttpAdapterName,
): Promise<{ url: string; expiresIn: number }> {
  const app = await createExampleApp(env, { adapter });
  try {
    return await signedUrlResponse(app);
  } finally {
    await app.close();
  }
}

describe.each(HTTP_ADAPTERS)('Example app start-up on %s (e2e)', (adapter) => {
  // Every app logs into the capture (test/support/capturing.logger.ts); each test reads what it added.
  let mark: number;
  const warningsOfThisTest = (): string[] =>
    capturingLogger.since(mark, 'warn').map(({ message }) => message);

  beforeEach(() => {
    mark = capturingLogger.mark();
  });

  describe('in development with no variables set', () => {
    it('should start on the sandbox with a demo account and a random secret, warning which variables to set', async () => {
      const { url } = await installUrlFrom(
        {
          PANDIUM_ACCOUNT: undefined,
          PANDIUM_SHARED_SECRET: undefined,
          APP_AUTH_SECRET: undefined,
        },
        adapter,
      );

      expect(
        url.startsWith(
          `https://imp.sandbox.pandium.com/${PANDIUM_DEVELOPMENT_ACCOUNT}/tenants/create/1042?tenant=`,
        ),
      ).toBe(true);
      await expect(
        verifyPandiumToken(tenantTokenOf(url), TEST_PANDIUM_SECRET),
      ).rejects.toThrow();
      const warnings = warningsOfThisTest().join('\n');
      expect(warnings).toContain('PANDIUM_SHARED_SECRET is not set');
      expect(warnings).toContain('APP_AUTH_SECRET is not set');
      expect(warnings).toMatch(
        /"pandium-embed-demo", the development default, on Pandium's host https:\/\/imp\.sandbox\.pandium\.com[^\n]*Set PANDIUM_ACCOUNT/,
      );
    });
  });

  describe('with PANDIUM_* variables', () => {
    it('should use the environment, the base URL override and the TTL they name', async () => {
      const production = await installUrlFrom(
        {
          PANDIUM_ENVIRONMENT: 'production',
          PANDIUM_TOKEN_TTL_SECONDS: '60',
        },
        adapter,
      );
      expect(
        production.url.startsWith(
          'https://imp.pandium.com/acme-saas/tenants/create/1042?tenant=',
        ),
      ).toBe(true);
      expect(production.expiresIn).toBe(60);

      const proxied = await installUrlFrom(
        {
          PANDIUM_BASE_URL: 'http://localhost:4010/',
        },
        adapter,
      );
      expect(
        proxied.url.startsWith(
          'http://localhost:4010/acme-saas/tenants/create/1042?tenant=',
        ),
      ).toBe(true);
      const { payload } = await verifyPandiumToken(
        tenantTokenOf(proxied.url),
        TEST_PANDIUM_SECRET,
      );
      expect(payload.exp! - payload.iat!).toBe(300 + 5);
    });

    it('should stop boot naming each bad variable, without printing the secret', async () => {
      const boot = createExampleApp(
        {
          PANDIUM_ENVIRONMENT: 'staging',
          PANDIUM_TOKEN_TTL_SECONDS: 'soon',
        },
        { adapter },
      );

      await expect(boot).rejects.toThrow(
        /PANDIUM_ENVIRONMENT must be one of production, sandbox, demo/,
      );
      await expect(boot).rejects.toThrow(
        /PANDIUM_TOKEN_TTL_SECONDS must be a whole number of seconds/,
      );
      await expect(boot).rejects.not.toThrow(TEST_PANDIUM_SECRET);
    });
  });

  describe('in production', () => {
    it('should stop boot when the Pandium account and secret are missing', async () => {
      const boot = createExampleApp(
        {
          ...PRODUCTION_SECRETS,
          PANDIUM_ACCOUNT: undefined,
          PANDIUM_SHARED_SECRET: undefined,
        },
        { adapter },
      );

      await expect(boot).rejects.toThrow(
        /PANDIUM_ACCOUNT is required when NODE_ENV=production/,
      );
      await expect(boot).rejects.toThrow(
        /PANDIUM_SHARED_SECRET is required when NODE_ENV=production/,
      );
    });

    it("should stop boot when the app's own auth secret is missing", async () => {
      await expect(
        createExampleApp(
          { ...PRODUCTION_SECRETS, APP_AUTH_SECRET: undefined },
          { adapter },
        ),
      ).rejects.toThrow(/APP_AUTH_SECRET is required when NODE_ENV=production/);
    });

    it('should list every missing variable at once, the app’s and Pandium’s', async () => {
      const boot = createExampleApp(
        {
          NODE_ENV: 'production',
          APP_AUTH_SECRET: undefined,
          PANDIUM_ACCOUNT: undefined,
          PANDIUM_SHARED_SECRET: undefined,
        },
        { adapter },
      );

      await expect(boot).rejects.toThrow(
        new RegExp(
          [
            '^Invalid environment variables:',
            '  - APP_AUTH_SECRET is required when NODE_ENV=production',
            '  - PANDIUM_ACCOUNT is required when NODE_ENV=production',
            '  - PANDIUM_SHARED_SECRET is required when NODE_ENV=production$',
          ].join('\\n'),
        ),
      );
    });

    it('should start when every secret is set, without development warnings', async () => {
      const { url } = await installUrlFrom(PRODUCTION_SECRETS, adapter);

      await expect(
        verifyPandiumToken(tenantTokenOf(url), TEST_PANDIUM_SECRET),
      ).resolves.toBeDefined();
      expect(warningsOfThisTest()).toEqual([]);
    });
  });
});
