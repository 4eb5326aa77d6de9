// The emulator started with a webhook receiver and instant runs, and what its tenant suites do with it: load an
// install page, post its Save form, call the REST API with the key, wait for runs and webhooks.
import { TEST_ACCOUNT } from './example-app.js';
import {
  API_KEY,
  signedUrl,
  startEmulatorStack,
  type EmulatorStack,
} from './emulator-stack.js';
import { tenantTokenOf } from './pandium-token.verifier.js';
import {
  startWebhookReceiver,
  type WebhookReceiver,
} from './webhook-receiver.js';

export const INSTALL_PATH = `/${TEST_ACCOUNT}/tenants/create/1042`;

/** A run as `GET /v2/tenants/{id}/runs` lists it, as far as the suites read it. */
export interface ListedRun {
  id: number;
  mode: string;
  triggers: string[];
  status: { phase: string };
}

export interface TenantsHarness {
  readonly stack: EmulatorStack;
  readonly receiver: WebhookReceiver;
  /** A REST API request with the key. */
  api(
    method: 'get' | 'post' | 'delete',
    path: string,
  ): ReturnType<ReturnType<EmulatorStack['server']>['get']>;
  /** Loads an install page the example app signed (its jti is then seen) and returns its token. */
  loadedToken(email?: string): Promise<string>;
  /** Posts the page's Save form. */
  save(
    token: string,
    accept?: string,
  ): ReturnType<ReturnType<EmulatorStack['server']>['post']>;
  /** The next webhook body, after the `seen` already received. */
  nextWebhook(seen: number): Promise<Record<string, unknown>>;
  /** Polls the tenant's runs until none is running (bounded by count, not time), newest first. */
  settledRuns(id: number): Promise<ListedRun[]>;
  close(): Promise<void>;
}

export async function startTenantsHarness(): Promise<TenantsHarness> {
  const receiver = await startWebhookReceiver();
  const stack = await startEmulatorStack({
    webhookUrl: receiver.url,
    runDurationMs: 0,
  });
  const api: TenantsHarness['api'] = (method, path) =>
    stack.server()[method](path).set('X-API-KEY', API_KEY);
  return {
    stack,
    receiver,
    api,
    loadedToken: async (email) => {
      const url = await signedUrl(stack.app, undefined, email);
      await stack.open(url).expect(200);
      return tenantTokenOf(url);
    },
    save: (token, accept = 'text/html') =>
      stack
        .server()
        .post(INSTALL_PATH)
        .type('form')
        .set('Accept', accept)
        .send({ tenant: token }),
    nextWebhook: (seen) => receiver.nth(seen + 1),
    settledRuns: async (id) => {
      for (let attempt = 0; attempt < 100; attempt += 1) {
        const runs = (await api('get', `/v2/tenants/${id}/runs`).expect(200))
          .body as ListedRun[];
        if (!runs.some(({ status }) => status.phase === 'Running')) {
          return runs;
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error(`tenant ${id} still has a run under way`);
    },
    close: async () => {
      await stack.close();
      await receiver.close();
    },
  };
}
