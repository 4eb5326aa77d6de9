// The shipped emulator's runs and controls: sync (202 { trigger_id }), runs, the development control that fails
// the next run (run_failed), the admin page, and archiving (tenant_archived) then re-connecting (tenant_created).
import {
  startTenantsHarness,
  type TenantsHarness,
} from './support/emulator-tenants.js';

let h: TenantsHarness;
let tenantId: number;

beforeAll(async () => {
  h = await startTenantsHarness();
  const saved = await h
    .save(await h.loadedToken(), 'application/json')
    .expect(200);
  tenantId = saved.body.tenant.id;
  // Its tenant_created arrives before any test counts the webhooks it waits for.
  await h.receiver.nth(1);
});

afterAll(async () => {
  await h.close();
});

describe('Pandium embed emulator: runs and controls (e2e)', () => {
  it('should start a run on sync (202 { trigger_id }) that completes a moment later', async () => {
    const sync = await h
      .api('post', `/v2/tenants/${tenantId}/sync?mode=init`)
      .expect(202);
    expect(sync.body).toEqual({
      trigger_id: expect.stringMatching(/^[\w-]{36}$/),
    });

    const runs = await h.settledRuns(tenantId);

    expect(runs).toEqual([
      expect.objectContaining({
        mode: 'init',
        triggers: [sync.body.trigger_id],
        status: expect.objectContaining({ phase: 'Succeeded' }),
      }),
    ]);
    const [tenant] = (
      await h.api('get', '/v2/tenants?user_name=usr_1001').expect(200)
    ).body;
    expect(tenant.status.last_successful_run.id).toBe(runs[0].id);
  });

  it('should answer 404 { message } for an unknown tenant and 422 for a bad id or mode', async () => {
    const unknown = await h.api('post', '/v2/tenants/999/sync').expect(404);
    expect(unknown.body).toEqual({ message: 'Tenant 999 not found' });
    await h.api('get', '/v2/tenants/999/runs').expect(404);
    await h.api('delete', '/v2/tenants/999').expect(404);

    const badId = await h.api('get', '/v2/tenants/abc/runs').expect(422);
    expect(badId.body.detail[0].loc).toEqual(['path', 'tenant_id']);
    const badMode = await h
      .api('post', `/v2/tenants/${tenantId}/sync?mode=full`)
      .expect(422);
    expect(badMode.body.detail[0]).toMatchObject({
      loc: ['query', 'mode'],
      type: 'type_error.enum',
    });
  });

  it('should fail the next run once the control asks, and post run_failed', async () => {
    const control = await h.stack
      .server()
      .post(`/__emulator/tenants/${tenantId}/fail-next-run`)
      .set('Accept', 'application/json')
      .expect(200);
    expect(control.body).toEqual({ tenant_id: tenantId, fail_next_run: true });
    const seen = h.receiver.received.length;

    await h.api('post', `/v2/tenants/${tenantId}/sync`).expect(202);
    const [latest] = await h.settledRuns(tenantId);

    expect(latest.status.phase).toBe('Failed');
    expect(await h.nextWebhook(seen)).toMatchObject({
      event_type: 'run_failed',
      tenant_id: tenantId,
      run_status: 'Failed',
    });
    await h.stack
      .server()
      .post('/__emulator/tenants/999/fail-next-run')
      .expect(404);
  });

  it('should show the tenants on the admin page, whose button posts the control and comes back', async () => {
    const admin = await h.stack.server().get('/__emulator/admin').expect(200);
    expect(admin.text).toContain(`data-testid="emulator-tenant-${tenantId}"`);
    expect(admin.text).toContain(
      `data-testid="emulator-fail-next-run-${tenantId}"`,
    );

    const form = await h.stack
      .server()
      .post(`/__emulator/tenants/${tenantId}/fail-next-run`)
      .type('form')
      .send({})
      .expect(303);

    expect(form.headers.location).toBe('/__emulator/admin');
    expect((await h.stack.server().get('/__emulator/admin')).text).toContain(
      'next run fails',
    );
  });

  it('should archive on DELETE (tenant_archived, once), and re-connect on the next save (tenant_created)', async () => {
    const seen = h.receiver.received.length;

    const archived = await h
      .api('delete', `/v2/tenants/${tenantId}`)
      .expect(200);
    await h.api('delete', `/v2/tenants/${tenantId}`).expect(200);

    expect(archived.body).toMatchObject({ id: tenantId, archived: true });
    expect(archived.body.status.auth.connected).toBe(false);
    expect(await h.nextWebhook(seen)).toMatchObject({
      event_type: 'tenant_archived',
      tenant_id: tenantId,
    });
    expect(
      (await h.api('get', '/v2/tenants?archived=true').expect(200)).body.map(
        ({ id }: { id: number }) => id,
      ),
    ).toEqual([tenantId]);

    await h.save(await h.loadedToken()).expect(200);
    // The second DELETE posted nothing: the next notification is the re-connection's.
    expect(await h.nextWebhook(seen + 1)).toMatchObject({
      event_type: 'tenant_created',
      tenant_id: tenantId,
    });
    expect(
      (await h.api('get', '/v2/tenants?archived=true').expect(200)).body,
    ).toEqual([]);
  });
});
