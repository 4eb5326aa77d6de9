import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import {
  emulatorAccountId,
  EmulatorWebhookSender,
} from './emulator-webhook.sender.js';
import type { EmulatorTenantRecord } from './emulator-tenant.interface.js';
import type { ResolvedPandiumEmulatorOptions } from './pandium-emulator-options.interface.js';

const NOW = Date.parse('2026-12-06T10:00:00.000Z');
const WEBHOOK_URL = 'http://127.0.0.1:9/hooks?secret=hook-secret-1234';
const TENANT = {
  id: 77,
  name: 'gwt2hs for Acme',
  integrationId: 1042,
  integrationName: 'gwt2hs',
} as EmulatorTenantRecord;

function sender(webhookUrl?: string): EmulatorWebhookSender {
  return new EmulatorWebhookSender({
    account: 'acme',
    webhookUrl,
    clock: { now: () => NOW },
  } as ResolvedPandiumEmulatorOptions);
}

describe('EmulatorWebhookSender', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it("should carry Pandium's fields: event_type, environment, account_id, account_name, RFC 3339 timestamp, the tenant's", () => {
    expect(sender().payload('tenant_created', TENANT)).toEqual({
      event_type: 'tenant_created',
      environment: 'sandbox',
      account_id: emulatorAccountId('acme'),
      account_name: 'acme',
      timestamp: '2026-12-06T10:00:00.000Z',
      tenant_id: 77,
      tenant_name: 'gwt2hs for Acme',
      integration_id: 1042,
      integration_name: 'gwt2hs',
    });
    expect(Number.isSafeInteger(emulatorAccountId('acme'))).toBe(true);
  });

  it("should add the run's id and status to run_failed", () => {
    const run = { id: 3, status: { phase: 'Failed' } } as never;

    expect(sender().payload('run_failed', TENANT, run)).toMatchObject({
      event_type: 'run_failed',
      run_id: 3,
      run_status: 'Failed',
    });
  });

  it('should POST JSON once, unsigned, and not again when it fails; the log never names the URL', async () => {
    const fetch = jest
      .spyOn(globalThis, 'fetch')
      .mockResolvedValue(new Response('no', { status: 500 }));
    const warn = jest
      .spyOn(Logger.prototype, 'warn')
      .mockImplementation(() => undefined);
    const webhooks = sender(WEBHOOK_URL);

    webhooks.send('tenant_archived', TENANT);
    await webhooks.onModuleDestroy();

    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0] as [string, RequestInit];
    expect(url).toBe(WEBHOOK_URL);
    expect(init).toMatchObject({
      method: 'POST',
      headers: { 'content-type': 'application/json' },
    });
    expect(JSON.parse(init.body as string)).toMatchObject({
      event_type: 'tenant_archived',
      tenant_id: 77,
    });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toMatch(/answered 500/);
    expect(String(warn.mock.calls[0][0])).not.toContain('hook-secret');
  });

  it('should send nothing without a webhook URL', async () => {
    const fetch = jest.spyOn(globalThis, 'fetch');
    const webhooks = sender();

    webhooks.send('tenant_created', TENANT);
    await webhooks.onModuleDestroy();

    expect(fetch).not.toHaveBeenCalled();
  });
});
