// The shipped emulator (pandium-embed/emulator): its REST API, and how it refuses to start.
import { PandiumApiIntegrationCatalog } from 'pandium-embed/api-catalog';
import { startPandiumEmulator } from 'pandium-embed/emulator';
import {
  DEMO_INTEGRATIONS,
  TEST_PANDIUM_SECRET,
  withEnv,
} from './support/example-app.js';
import {
  API_KEY,
  startEmulatorStack,
  type EmulatorStack,
} from './support/emulator-stack.js';

let stack: EmulatorStack;

beforeAll(async () => {
  stack = await startEmulatorStack();
});

afterEach(() => {
  stack.clockOffsetMs = 0;
});

afterAll(async () => {
  await stack.close();
});

describe('Pandium embed emulator: REST API and start (e2e)', () => {
  describe('GET /v2/integrations (Pandium REST API)', () => {
    const api = () => stack.server();

    it('should answer 401 JSON without the API key or with a wrong one', async () => {
      const missing = await api().get('/v2/integrations').expect(401);
      expect(missing.body.message).toMatch(/X-API-KEY/);
      await api()
        .get('/v2/integrations')
        .set('X-API-KEY', `${API_KEY}-wrong`)
        .expect(401);
    });

    it('should list the demo integrations, paged with limit and skip', async () => {
      const all = await api()
        .get('/v2/integrations')
        .set('X-API-KEY', API_KEY)
        .expect(200);
      expect(all.body).toEqual([
        {
          id: 1042,
          name: 'gwt2hs',
          long_name: 'GWT to HubSpot',
          connectors: [{ name: 'gwt' }],
        },
        {
          id: 2318,
          name: 'netsuite-orders',
          long_name: 'NetSuite orders',
          connectors: [{ name: 'netsuite' }],
        },
        {
          id: 3107,
          name: 'shopify-sync',
          long_name: 'Shopify sync',
          connectors: [{ name: 'shopify' }],
        },
      ]);

      const page = await api()
        .get('/v2/integrations?limit=2&skip=1')
        .set('X-API-KEY', API_KEY)
        .expect(200);
      expect(page.body.map(({ id }: { id: number }) => id)).toEqual([
        2318, 3107,
      ]);
      await api()
        .get('/v2/integrations?limit=500')
        .set('X-API-KEY', API_KEY)
        .expect(200);
    });

    it.each([
      ['0', 'value_error.number.not_ge'],
      ['501', 'value_error.number.not_le'],
      ['1.5', 'type_error.integer'],
      ['ten', 'type_error.integer'],
    ])(
      "should answer 422 with Pandium's detail for limit=%s",
      async (limit, type) => {
        const response = await stack
          .server()
          .get(`/v2/integrations?limit=${limit}&skip=-1`)
          .set('X-API-KEY', API_KEY)
          .expect(422);
        expect(response.body).toEqual({
          detail: [
            { loc: ['query', 'limit'], msg: expect.any(String), type },
            {
              loc: ['query', 'skip'],
              msg: 'ensure this value is greater than or equal to 0',
              type: 'value_error.number.not_ge',
            },
          ],
        });
      },
    );

    it('should list no archived integration', async () => {
      const response = await stack
        .server()
        .get('/v2/integrations?archived=true')
        .set('X-API-KEY', API_KEY)
        .expect(200);
      expect(response.body).toEqual([]);
    });

    it("should be what the library's PandiumApiIntegrationCatalog reads", async () => {
      const catalog = new PandiumApiIntegrationCatalog({
        apiKey: API_KEY,
        apiBaseUrl: stack.emulator.origin,
        pageSize: 2,
      });

      await expect(catalog.listIntegrations(undefined)).resolves.toEqual(
        DEMO_INTEGRATIONS,
      );
    });
  });

  describe('in production', () => {
    it('should refuse to start, before listening', async () => {
      await withEnv({ NODE_ENV: 'production' }, async () => {
        await expect(startPandiumEmulator(stack.options)).rejects.toThrow(
          /Pandium embed emulator does not run when NODE_ENV=production/,
        );
      });
    });
  });

  describe('options', () => {
    it('should name every bad option, never the secret', async () => {
      const boot = startPandiumEmulator({
        ...stack.options,
        hostOrigin: 'http://localhost:3000/app',
        account: 'a/b',
      });

      await expect(boot).rejects.toThrow(
        /hostOrigin must be an http\(s\) origin/,
      );
      await expect(boot).rejects.toThrow(/account must be 1–128 characters/);
      await expect(boot).rejects.not.toThrow(TEST_PANDIUM_SECRET);
    });

    it('should name a bad port or host, and say when the port is taken', async () => {
      await expect(
        startPandiumEmulator({ ...stack.options, port: 70000, host: ' ' }),
      ).rejects.toThrow(/port must be a whole number[\s\S]*host must be/);
      const { port } = new URL(stack.emulator.origin);
      await expect(
        startPandiumEmulator({ ...stack.options, port: Number(port) }),
      ).rejects.toThrow(`Port ${port} is already in use`);
    });

    it('should listen on loopback only by default', async () => {
      expect(stack.emulator.origin).toMatch(/^http:\/\/localhost:\d+$/);
      const { port } = new URL(stack.emulator.origin);
      const { networkInterfaces } = await import('node:os');
      const external = Object.values(networkInterfaces())
        .flat()
        .find((address) => address?.family === 'IPv4' && !address.internal);
      if (external !== undefined) {
        // Another interface of this machine reaches nothing on that port.
        await expect(
          fetch(`http://${external.address}:${port}/`),
        ).rejects.toThrow();
      }
      expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);
    });
  });
});
