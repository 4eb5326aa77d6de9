import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { ModuleRef } from '@nestjs/core';
import type { PandiumStatusSource } from '../core/pandium-integration-status.interface.js';
import type { IncomingMessage } from 'node:http';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host.js';
import { resolveControllerOptions } from '../http/pandium-embed-controller-options.schema.js';
import { PandiumRateLimitGuard } from '../rate-limit/pandium-rate-limit.guard.js';
import { PandiumSecret } from '../options/pandium.secret.js';
import { WEBHOOK_BODY } from '../webhooks/pandium-webhook-body.reader.js';
import { PandiumWebhookDispatcher } from '../webhooks/pandium-webhook.dispatcher.js';
import { PandiumWebhookReceiver } from '../webhooks/pandium-webhook.receiver.js';
import { PandiumWebhookSecretMatcher } from '../webhooks/pandium-webhook-secret.matcher.js';
import { InMemoryTelemetry } from './pandium-telemetry.spec-utils.js';

const WEBHOOK_SECRET = 'event-telemetry-webhook-secret-0123456789';

let telemetry: InMemoryTelemetry;

beforeAll(async () => {
  telemetry = await InMemoryTelemetry.start();
});

afterAll(async () => {
  await telemetry.stop();
});

describe('pandium.rate_limit.refusals', () => {
  it('counts a request over the limit, by budget', async () => {
    const store = {
      increment: () => Promise.resolve({ totalHits: 3, timeToExpire: 1000 }),
    };
    const options = resolveControllerOptions({
      controller: { rateLimit: { limit: 2, windowSeconds: 60 } },
    });
    expect(options).toBeDefined();
    const guard = new PandiumRateLimitGuard(options!, store);
    const context = new ExecutionContextHost([
      { user: { id: 'u-1' } },
      { header: () => undefined },
    ]);
    context.setType('http');
    await expect(guard.canActivate(context)).rejects.toMatchObject({
      code: 'PANDIUM_RATE_LIMIT_EXCEEDED',
    });

    expect(
      await telemetry.value('pandium.rate_limit.refusals', {
        'pandium.rate_limit.budget': 'pandium-embed',
      }),
    ).toBe(1);
    const point = (await telemetry.points()).find(
      ({ name }) => name === 'pandium.rate_limit.refusals',
    );
    expect(point?.unit).toBe('{request}');
  });
});

describe('pandium.webhooks.received', () => {
  const dispatch = jest.fn();
  let first = true;
  const receiver = new PandiumWebhookReceiver(
    new PandiumWebhookSecretMatcher([PandiumSecret.from(WEBHOOK_SECRET)]),
    {
      remember: () => {
        const answer = first;
        first = false;
        return Promise.resolve(answer);
      },
    },
    { dispatch } as unknown as PandiumWebhookDispatcher,
    60_000,
  );
  const delivery = (body: unknown, contentType = 'application/json') =>
    ({
      url: `/pandium/webhooks/${WEBHOOK_SECRET}`,
      [WEBHOOK_BODY]: {
        bytes: Buffer.from(JSON.stringify(body)),
        contentType,
      },
    }) as unknown as IncomingMessage;
  const created = {
    event_type: 'tenant_created',
    environment: 'sandbox',
    account_id: 7,
    account_name: 'acme',
    timestamp: '2026-12-06T09:00:00Z',
    tenant_id: 11,
    tenant_name: 'jane-gwt2hs',
    integration_id: 1042,
    integration_name: 'gwt2hs',
  };

  it('counts each delivery by type and outcome, and no secret or tenant name reaches an attribute', async () => {
    const answered = Promise.resolve();
    await receiver.accept(WEBHOOK_SECRET, delivery(created), answered);
    await receiver.accept(WEBHOOK_SECRET, delivery(created), answered);
    await expect(
      receiver.accept(
        WEBHOOK_SECRET,
        delivery(created, 'text/plain'),
        answered,
      ),
    ).rejects.toMatchObject({ code: 'PANDIUM_REQUEST_INVALID' });
    await expect(
      receiver.accept('wrong', delivery(created), answered),
    ).rejects.toThrow();

    const count = (type: string, outcome: string) =>
      telemetry.value('pandium.webhooks.received', {
        'pandium.webhook.type': type,
        'pandium.webhook.outcome': outcome,
      });
    expect(await count('tenant_created', 'accepted')).toBe(1);
    expect(await count('tenant_created', 'duplicate')).toBe(1);
    expect(await count('none', 'invalid')).toBe(1);
    expect(await count('none', 'rejected')).toBe(1);
    expect(dispatch).toHaveBeenCalledTimes(1);
    const exported = await telemetry.exportedText();
    expect(exported).toContain('pandium.webhooks.received');
    expect(exported).not.toContain(WEBHOOK_SECRET);
    expect(exported).not.toContain('jane-gwt2hs');
  });
});

describe('pandium.webhooks.processed', () => {
  it('counts a delivery whose dispatch itself failed (a status source that threw) as failed', async () => {
    const error = jest
      .spyOn(Logger.prototype, 'error')
      .mockImplementation(() => undefined);
    const broken: PandiumStatusSource = {
      statusesFor: () => Promise.resolve(undefined),
      forget: () => Promise.resolve(),
      refresh: () => Promise.resolve(true),
      userOfTenant: () => Promise.reject(new Error('the store is gone')),
    };
    const dispatcher = new PandiumWebhookDispatcher(
      [],
      broken,
      undefined,
      {} as ModuleRef,
      false,
    );
    dispatcher.dispatch(
      {
        type: 'tenant_archived',
        deliveryId: 'd1',
        tenantId: 11,
        integrationId: 1042,
        payload: {},
      },
      'correlation-1',
      Promise.resolve(),
    );
    await dispatcher.whenIdle();

    expect(
      await telemetry.value('pandium.webhooks.processed', {
        'pandium.webhook.type': 'tenant_archived',
        'pandium.webhook.outcome': 'failed',
      }),
    ).toBe(1);
    expect(error).toHaveBeenCalledTimes(1);
    error.mockRestore();
  });
});
