// The shipped emulator's tenants: the install page's Save as a real form post (accepted once per token), the
// tenant_created webhook, and Pandium's GET /v2/tenants with X-API-KEY.
import { TEST_ACCOUNT } from './support/example-app.js';
import {
  startTenantsHarness,
  INSTALL_PATH,
  type TenantsHarness,
} from './support/emulator-tenants.js';

let h: TenantsHarness;

beforeAll(async () => {
  h = await startTenantsHarness();
});

afterAll(async () => {
  await h.close();
});

describe('Pandium embed emulator: tenants (e2e)', () => {
  let tenantId: number;

  it("should save through the page's form post: one tenant for the user, tenant_created posted, the page posting it", async () => {
    const seen = h.receiver.received.length;
    const token = await h.loadedToken();

    const page = await h.save(token).expect(200);

    expect(page.text).toMatch(/data-testid="emulator-status"[^>]*>Saved</);
    const match =
      /data-testid="emulator-saved" data-tenant-id="(\d+)" data-tenant-name="([^"]+)"/.exec(
        page.text,
      );
    expect(match?.[2]).toBe('gwt2hs for Acme Corp');
    tenantId = Number(match?.[1]);
    expect(await h.nextWebhook(seen)).toEqual({
      event_type: 'tenant_created',
      environment: 'sandbox',
      account_id: expect.any(Number),
      account_name: TEST_ACCOUNT,
      timestamp: expect.stringMatching(
        /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/,
      ),
      tenant_id: tenantId,
      tenant_name: 'gwt2hs for Acme Corp',
      integration_id: 1042,
      integration_name: 'gwt2hs',
      $contentType: 'application/json',
      $method: 'POST',
    });
  });

  it('should accept a token for one save only, and answer JSON for Accept: application/json', async () => {
    const token = await h.loadedToken();

    const first = await h.save(token, 'application/json').expect(200);
    expect(first.body).toMatchObject({
      valid: true,
      saved: true,
      tenant: { id: tenantId, name: 'gwt2hs for Acme Corp' },
      connected: false,
    });
    const again = await h.save(token, 'application/json').expect(401);
    expect(again.body.problems).toContainEqual(
      expect.objectContaining({ code: 'replayed-jti', severity: 'error' }),
    );
  });

  it('should refuse a save without a token (400) or for another integration than the token names', async () => {
    await h.stack.server().post(INSTALL_PATH).type('form').send({}).expect(400);
    const token = await h.loadedToken();

    const other = await h.stack
      .server()
      .post(`/${TEST_ACCOUNT}/tenants/create/2318`)
      .type('form')
      .set('Accept', 'application/json')
      .send({ tenant: token })
      .expect(401);

    expect(other.body.valid).toBe(false);
  });

  it("should list tenants in Pandium's shape, filtered by user_name, integration_id and archived", async () => {
    const raj = await h.loadedToken('raj@acme.test');
    await h.save(raj).expect(200);

    const jane = await h
      .api('get', '/v2/tenants?user_name=usr_1001')
      .expect(200);
    expect(jane.body).toEqual([
      {
        id: tenantId,
        name: 'gwt2hs for Acme Corp',
        integration_id: 1042,
        archived: false,
        paused: false,
        created_date: expect.any(String),
        modified_date: expect.any(String),
        status: {
          auth: {
            connected: true,
            connectors: [
              {
                name: 'gwt',
                status: 'connected',
                last_change: expect.any(String),
              },
            ],
          },
          last_run: null,
          last_successful_run: null,
          current_run: null,
        },
      },
    ]);
    expect(
      (await h.api('get', '/v2/tenants?integration_id=1042').expect(200)).body,
    ).toHaveLength(2);
    expect(
      (await h.api('get', '/v2/tenants?integration_id=2318').expect(200)).body,
    ).toEqual([]);
    expect(
      (await h.api('get', '/v2/tenants?archived=true').expect(200)).body,
    ).toEqual([]);
    expect(
      (await h.api('get', '/v2/tenants?limit=1&skip=1').expect(200)).body,
    ).toHaveLength(1);
  });

  it('should answer 401 without the API key, and 422 with every bad query value', async () => {
    await h.stack.server().get('/v2/tenants').expect(401);
    await h.stack.server().post(`/v2/tenants/${tenantId}/sync`).expect(401);

    const bad = await h
      .api('get', '/v2/tenants?limit=501&archived=maybe')
      .expect(422);

    expect(bad.body.detail.map(({ loc }: { loc: string[] }) => loc)).toEqual([
      ['query', 'archived'],
      ['query', 'limit'],
    ]);
  });
});
