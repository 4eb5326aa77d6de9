import { createServer } from 'node:http';
import type { LoopbackServer } from '../core/loopback-server.spec-utils.js';
import { listenOnLoopback } from '../core/loopback-server.spec-utils.js';
import { PandiumSecret } from '../options/pandium.secret.js';
import type { PandiumTenantWebhookEvent } from './pandium-webhook-event.interface.js';
import { PandiumWebhookTenantConfirmer } from './pandium-webhook-tenant.confirmer.js';

/** 600 live tenants of integration 1042 (more than one page of 500), ids 1–600; the requests are recorded. */
const TENANTS = Array.from({ length: 600 }, (_, n) => ({
  id: n + 1,
  integration_id: 1042,
  archived: false,
}));

const event = (
  fields: Partial<PandiumTenantWebhookEvent> = {},
): PandiumTenantWebhookEvent => ({
  type: 'tenant_created',
  deliveryId: 'd',
  payload: {},
  tenantId: 550,
  integrationId: 1042,
  ...fields,
});

describe('PandiumWebhookTenantConfirmer', () => {
  let api: LoopbackServer;
  let requests: URL[];
  let answer: (url: URL) => { status: number; body: string };
  let confirmer: PandiumWebhookTenantConfirmer;

  beforeAll(async () => {
    api = await listenOnLoopback(
      createServer((req, res) => {
        const url = new URL(req.url ?? '/', 'http://localhost');
        requests.push(url);
        const { status, body } = answer(url);
        res.writeHead(status, { 'content-type': 'application/json' }).end(body);
      }),
    );
    confirmer = new PandiumWebhookTenantConfirmer({
      apiKey: PandiumSecret.from('key'),
      apiBaseUrl: `${api.origin}/`,
      requestTimeoutMs: 2000,
    });
  });

  afterAll(() => api.close());

  beforeEach(() => {
    requests = [];
    answer = (url) => {
      const archived = url.searchParams.get('archived') === 'true';
      const skip = Number(url.searchParams.get('skip'));
      const limit = Number(url.searchParams.get('limit'));
      const listed = TENANTS.filter(
        (tenant) =>
          tenant.archived === archived &&
          tenant.integration_id ===
            Number(url.searchParams.get('integration_id')),
      ).slice(skip, skip + limit);
      return { status: 200, body: JSON.stringify(listed) };
    };
  });

  describe('confirm', () => {
    it('should confirm a tenant on the second page, asking by integration and archived state', async () => {
      await expect(
        confirmer.confirm(event(), new AbortController().signal),
      ).resolves.toBe('confirmed');

      expect(requests.map((url) => url.pathname)).toEqual([
        '/v2/tenants',
        '/v2/tenants',
      ]);
      expect(Object.fromEntries(requests[1].searchParams)).toEqual({
        integration_id: '1042',
        archived: 'false',
        limit: '500',
        skip: '500',
      });
    });

    it('should contradict a tenant no page lists, and stop at the short page', async () => {
      await expect(
        confirmer.confirm(
          event({ tenantId: 601 }),
          new AbortController().signal,
        ),
      ).resolves.toBe('contradicted');
      expect(requests).toHaveLength(2);
    });

    it('should ask for archived tenants for tenant_archived', async () => {
      await expect(
        confirmer.confirm(
          event({ type: 'tenant_archived' }),
          new AbortController().signal,
        ),
      ).resolves.toBe('contradicted');
      expect(requests[0].searchParams.get('archived')).toBe('true');
    });

    it('should contradict a listed tenant whose integration differs', async () => {
      answer = () => ({
        status: 200,
        body: JSON.stringify([{ id: 550, integration_id: 7, archived: false }]),
      });

      await expect(
        confirmer.confirm(event(), new AbortController().signal),
      ).resolves.toBe('contradicted');
    });

    it('should throw when the API fails, confirming nothing', async () => {
      answer = () => ({ status: 503, body: '{}' });

      await expect(
        confirmer.confirm(event(), new AbortController().signal),
      ).rejects.toMatchObject({ status: 503 });
    });
  });
});
