import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { PandiumEmbedModule } from '../module/pandium-embed.module.js';
import type { PandiumWebhooksOptions } from './pandium-webhooks-options.interface.js';
import { PandiumWebhookReceiver } from './pandium-webhook.receiver.js';

const OPTIONS = {
  account: 'acme',
  sharedSecret: 'a-shared-secret-of-at-least-32-bytes!!',
  integrations: [],
};

const STRATEGIES = {
  claimsProvider: {
    useValue: {
      getClaims: () => ({
        sub: 'u',
        ti: { udn: 'o', ufn: 'U', uem: 'u@o.test' },
      }),
    },
  },
  tokenProvider: { useValue: { getToken: () => 't' } },
};

/** Compiles a module with the receiver on, and these run-time options. */
const compile = (
  options: Record<string, unknown>,
  webhooks: PandiumWebhooksOptions = {},
) =>
  Test.createTestingModule({
    imports: [
      PandiumEmbedModule.forRootAsync({
        ...STRATEGIES,
        useFactory: () => ({ ...OPTIONS, ...options }),
        webhooks,
      }),
    ],
  }).compile();

describe('createPandiumWebhooks', () => {
  afterEach(() => jest.restoreAllMocks());

  it('should refuse to boot with a secret but no apiKey, naming both ways out', async () => {
    await expect(compile({ webhookSecret: 'w'.repeat(32) })).rejects.toThrow(
      /apiKey is required by the webhook receiver.*confirmTenantEvents: false/,
    );
  });

  it('should boot without an apiKey when tenant events are not confirmed', async () => {
    const moduleRef = await compile(
      { webhookSecret: 'w'.repeat(32) },
      { confirmTenantEvents: false },
    );

    expect(moduleRef.get(PandiumWebhookReceiver)).toBeInstanceOf(
      PandiumWebhookReceiver,
    );
  });

  it('should boot without a secret, logging that the receiver is off', async () => {
    const log = jest
      .spyOn(Logger.prototype, 'log')
      .mockImplementation(() => undefined);
    const warn = jest.spyOn(Logger.prototype, 'warn');
    await compile({});

    expect(log).toHaveBeenCalledWith(
      expect.stringContaining('The webhook receiver is off'),
    );
    expect(warn).not.toHaveBeenCalled();
  });
});
