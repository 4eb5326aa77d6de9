// Per-user integration status on the catalog, against the shipped emulator's REST API: the example app started
// with PANDIUM_API_KEY and PANDIUM_API_BASE_URL pointing at it, its clock moved by the test to pass the cache TTL.
import type { INestApplication } from '@nestjs/common';
// The clock token is internal, imported as the example app's support imports the store tokens.
import { PANDIUM_CLOCK } from '../libs/pandium-embed/src/pandium-embed.tokens.js';
import request from 'supertest';
import type { App } from 'supertest/types.js';
import { API_KEY } from './support/emulator-stack.js';
import {
  startTenantsHarness,
  type TenantsHarness,
} from './support/emulator-tenants.js';
import { createExampleApp, logIn } from './support/example-app.js';

const TTL_SECONDS = 30;

let h: TenantsHarness;
let app: INestApplication<App>;
let clockOffsetMs = 0;

beforeAll(async () => {
  h = await startTenantsHarness();
  app = await createExampleApp(
    {
      PANDIUM_BASE_URL: h.stack.emulator.origin,
      PANDIUM_API_KEY: API_KEY,
      PANDIUM_API_BASE_URL: h.stack.emulator.origin,
      PANDIUM_STATUS_CACHE_TTL_SECONDS: String(TTL_SECONDS),
    },
    {
      configure: (builder) =>
        builder
          .overrideProvider(PANDIUM_CLOCK)
          .useValue({ now: () => Date.now() + clockOffsetMs }),
    },
  );
});

afterAll(async () => {
  await app.close();
  await h.close();
});

/** Moves the app's clock past the status cache's TTL. */
function passTheTtl(): void {
  clockOffsetMs += TTL_SECONDS * 1000;
}

/** The catalog as `email` sees it, by integration id. */
async function catalogOf(
  email: string,
): Promise<Map<string, Record<string, unknown>>> {
  const accessToken = await logIn(app, email);
  const response = await request(app.getHttpServer())
    .get('/pandium/integrations')
    .set('Authorization', `Bearer ${accessToken}`)
    .expect(200);
  const entries = response.body as {
    id: string;
    status: Record<string, unknown>;
  }[];
  return new Map(entries.map(({ id, status }) => [id, status]));
}

describe('Integration status on the catalog, against the emulator (e2e)', () => {
  let tenantId: number;

  it('should give every entry of a user without tenants not-installed', async () => {
    const catalog = await catalogOf('jane@acme.test');

    expect(catalog.size).toBeGreaterThan(0);
    expect(catalog.get('1042')).toEqual({ state: 'not-installed' });
    expect(new Set([...catalog.values()].map(({ state }) => state))).toEqual(
      new Set(['not-installed']),
    );
  });

  it('should give installed once the user saved a tenant (after the TTL), with its tenant id', async () => {
    const saved = await h
      .save(await h.loadedToken(), 'application/json')
      .expect(200);
    tenantId = (saved.body as { tenant: { id: number } }).tenant.id;

    // Within the TTL, the cached read stands.
    expect((await catalogOf('jane@acme.test')).get('1042')?.state).toBe(
      'not-installed',
    );
    passTheTtl();
    expect((await catalogOf('jane@acme.test')).get('1042')).toEqual({
      state: 'installed',
      tenantId,
    });
  });

  it("should not give another user of the same organisation jane's tenant", async () => {
    expect((await catalogOf('raj@acme.test')).get('1042')).toEqual({
      state: 'not-installed',
    });
  });

  it('should give failing after a run made to fail, once the TTL has passed', async () => {
    await h.stack
      .server()
      .post(`/__emulator/tenants/${tenantId}/fail-next-run`)
      .set('Accept', 'application/json')
      .expect(200);
    await h.api('post', `/v2/tenants/${tenantId}/sync`).expect(202);
    const [latest] = await h.settledRuns(tenantId);
    expect(latest.status.phase).toBe('Failed');

    passTheTtl();
    expect((await catalogOf('jane@acme.test')).get('1042')).toMatchObject({
      state: 'failing',
      tenantId,
      lastRunStatus: 'Failed',
      lastRunAt: expect.any(String),
    });
  });

  it('should give no status at all on the app without an API key', async () => {
    const accessToken = await logIn(h.stack.app, 'jane@acme.test');
    const response = await request(h.stack.app.getHttpServer())
      .get('/pandium/integrations')
      .set('Authorization', `Bearer ${accessToken}`)
      .expect(200);

    for (const entry of response.body as Record<string, unknown>[]) {
      expect(entry).not.toHaveProperty('status');
    }
  });
});
