import { Controller, Logger } from '@nestjs/common';
import type { Provider, Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { PandiumApiBusyGate } from '../core/pandium-api-busy.gate.js';
import type { PandiumStatusSource } from '../core/pandium-integration-status.interface.js';
import { PandiumOptionsError } from '../errors/pandium-options.error.js';
import type { ResolvedPandiumEmbedOptions } from '../options/pandium-embed-options.validator.js';
import type { PandiumStrategy } from '../options/pandium-strategy.interface.js';
import {
  PANDIUM_API_BUSY_GATE,
  PANDIUM_RESOLVED_OPTIONS,
  PANDIUM_STATUS_SOURCE,
  PANDIUM_WEBHOOK_DELIVERY_STORE,
  PANDIUM_WEBHOOK_HANDLERS,
  PANDIUM_WEBHOOK_SETTINGS,
} from '../pandium-embed.tokens.js';
import { InMemoryWebhookDeliveryStore } from './in-memory-webhook-delivery.store.js';
import { PandiumWebhookBodyReader } from './pandium-webhook-body.reader.js';
import type { PandiumWebhookDeliveryStore } from './pandium-webhook-delivery-store.interface.js';
import type { PandiumWebhookHandler } from './pandium-webhook-handler.interface.js';
import { PandiumWebhookController } from './pandium-webhook.controller.js';
import { PandiumWebhookDispatcher } from './pandium-webhook.dispatcher.js';
import { PandiumWebhookReceiver } from './pandium-webhook.receiver.js';
import { PandiumWebhookSecretMatcher } from './pandium-webhook-secret.matcher.js';
import { PandiumWebhookTenantConfirmer } from './pandium-webhook-tenant.confirmer.js';
import type { PandiumWebhooksOptions } from './pandium-webhooks-options.interface.js';
import type { ResolvedPandiumWebhooksOptions } from './pandium-webhooks-options.schema.js';

/** How long one confirmation request to Pandium's API may take, in milliseconds. */
const CONFIRMATION_TIMEOUT_MS = 5000;

/** Turns a strategy into a provider under a token (the module's own helper, passed in). @internal */
export type StrategyProviderFactory = <T>(
  token: string,
  strategy: PandiumStrategy<T>,
) => Provider;

/** The boot error for a run-time option the receiver needs. */
function missing(option: string, message: string): PandiumOptionsError {
  return PandiumOptionsError.invalid('PandiumEmbedModule options', [
    { path: option, message },
  ]);
}

/**
 * The dispatcher, with the confirmer when tenant events are confirmed (which needs the API key); the confirmer is
 * behind the module's 429 gate, as the other calls to Pandium's tenant API are.
 */
function createDispatcher(
  options: ResolvedPandiumEmbedOptions,
  settings: ResolvedPandiumWebhooksOptions,
  statusSource: PandiumStatusSource | null,
  handlers: PandiumWebhookHandler[],
  moduleRef: ModuleRef,
  gate: PandiumApiBusyGate,
): PandiumWebhookDispatcher {
  if (
    settings.confirmTenantEvents &&
    options.apiKey === undefined &&
    options.webhookSecrets.length > 0
  ) {
    throw missing(
      'apiKey',
      "is required by the webhook receiver, to confirm tenant events against Pandium's API: set it " +
        '(PANDIUM_API_KEY), or webhooks.confirmTenantEvents: false',
    );
  }
  const confirmer =
    settings.confirmTenantEvents && options.apiKey !== undefined
      ? new PandiumWebhookTenantConfirmer({
          apiKey: options.apiKey,
          apiBaseUrl: options.apiBaseUrl,
          requestTimeoutMs: CONFIRMATION_TIMEOUT_MS,
          gate,
        })
      : undefined;
  return new PandiumWebhookDispatcher(
    handlers,
    statusSource,
    confirmer,
    moduleRef,
    settings.emitEvents,
  );
}

/**
 * The webhook receiver's providers and controller, for a module whose `webhooks` extra is set: the route
 * `POST <path>/webhooks/:secret`, the raw-body reader, the receiver, the dispatcher, the handlers and the delivery
 * store. Without a `webhookSecret` the receiver is off (every delivery answers 404, a boot log line says so); with
 * one, confirming tenant events needs `apiKey` (a boot error otherwise).
 *
 * @internal
 */
export function createPandiumWebhooks(
  settings: ResolvedPandiumWebhooksOptions,
  webhooks: PandiumWebhooksOptions,
  toProvider: StrategyProviderFactory,
): { providers: Provider[]; controllers: Type<unknown>[] } {
  const handlerTokens = (webhooks.handlers ?? []).map(
    (_, index) => `${PANDIUM_WEBHOOK_HANDLERS}:${index}`,
  );
  class ConfiguredPandiumWebhookController extends PandiumWebhookController {}
  Controller(settings.path)(ConfiguredPandiumWebhookController);
  Object.defineProperty(ConfiguredPandiumWebhookController, 'name', {
    value: PandiumWebhookController.name,
  });
  const providers: Provider[] = [
    { provide: PANDIUM_WEBHOOK_SETTINGS, useValue: settings },
    ...(webhooks.handlers ?? []).map((handler, index) =>
      toProvider(handlerTokens[index], handler),
    ),
    {
      provide: PANDIUM_WEBHOOK_HANDLERS,
      useFactory: (...handlers: PandiumWebhookHandler[]) => handlers,
      inject: handlerTokens,
    },
    toProvider(
      PANDIUM_WEBHOOK_DELIVERY_STORE,
      webhooks.deliveryStore ?? InMemoryWebhookDeliveryStore,
    ),
    {
      provide: PandiumWebhookDispatcher,
      useFactory: createDispatcher,
      inject: [
        PANDIUM_RESOLVED_OPTIONS,
        PANDIUM_WEBHOOK_SETTINGS,
        PANDIUM_STATUS_SOURCE,
        PANDIUM_WEBHOOK_HANDLERS,
        ModuleRef,
        PANDIUM_API_BUSY_GATE,
      ],
    },
    {
      provide: PandiumWebhookReceiver,
      useFactory: (
        options: ResolvedPandiumEmbedOptions,
        store: PandiumWebhookDeliveryStore,
        dispatcher: PandiumWebhookDispatcher,
      ) => {
        if (options.webhookSecrets.length === 0) {
          // Not a warning: an app may turn the receiver on from the environment, by setting the variable or not.
          new Logger('PandiumWebhooks').log(
            'The webhook receiver is off: webhookSecret (PANDIUM_WEBHOOK_SECRET) is not set, so every delivery ' +
              'answers 404. Set it to a random value of at least 32 characters to turn it on.',
          );
        }
        return new PandiumWebhookReceiver(
          new PandiumWebhookSecretMatcher(options.webhookSecrets),
          store,
          dispatcher,
          settings.deduplicationWindowSeconds * 1000,
        );
      },
      inject: [
        PANDIUM_RESOLVED_OPTIONS,
        PANDIUM_WEBHOOK_DELIVERY_STORE,
        PandiumWebhookDispatcher,
      ],
    },
    PandiumWebhookBodyReader,
  ];
  return { providers, controllers: [ConfiguredPandiumWebhookController] };
}
