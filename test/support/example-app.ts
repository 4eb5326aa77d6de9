// Boots the example host app (src/app.module.ts) for a test, with known secrets, as `npm start` would.
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { App } from 'supertest/types.js';
import { AppModule } from '../../src/app.module.js';

export const TEST_PANDIUM_SECRET = 'e2e-pandium-shared-secret-0123456789abcdef';
export const TEST_APP_AUTH_SECRET = 'e2e-app-auth-secret-0123456789abcdefghij';
export const TEST_ACCOUNT = 'acme-saas';

/** Runs `body` with these variables set (undefined unsets), restoring the environment afterwards. */
export async function withEnv<T>(
  vars: Record<string, string | undefined>,
  body: () => Promise<T>,
): Promise<T> {
  const saved = Object.fromEntries(
    Object.keys(vars).map((name) => [name, process.env[name]]),
  );
  const apply = (values: Record<string, string | undefined>): void => {
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) {
        delete process.env[name];
      } else {
        process.env[name] = value;
      }
    }
  };
  apply(vars);
  try {
    return await body();
  } finally {
    apply(saved);
  }
}

/** The example app with known secrets, initialised (not listening: supertest binds an ephemeral port). */
export async function createExampleApp(
  env: Record<string, string | undefined> = {},
): Promise<INestApplication<App>> {
  return withEnv(
    {
      NODE_ENV: 'test',
      PANDIUM_ACCOUNT: TEST_ACCOUNT,
      PANDIUM_SHARED_SECRET: TEST_PANDIUM_SECRET,
      PANDIUM_ENVIRONMENT: undefined,
      PANDIUM_BASE_URL: undefined,
      PANDIUM_TOKEN_TTL_SECONDS: undefined,
      APP_AUTH_SECRET: TEST_APP_AUTH_SECRET,
      ...env,
    },
    async () => {
      const moduleRef = await Test.createTestingModule({
        imports: [AppModule],
      }).compile();
      const app = moduleRef.createNestApplication<INestApplication<App>>({
        logger: false,
      });
      await app.init();
      return app;
    },
  );
}
