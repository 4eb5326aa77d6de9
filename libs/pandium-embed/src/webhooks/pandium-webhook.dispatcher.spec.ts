import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { ModuleRef } from '@nestjs/core';
import type { PandiumStatusSource } from '../core/pandium-integration-status.interface.js';
import type {
  PandiumTenantCreatedEvent,
  PandiumWebhookEvent,
} from './pandium-webhook-event.interface.js';
import { PandiumWebhookDispatcher } from './pandium-webhook.dispatcher.js';
import type { PandiumWebhookTenantConfirmer } from './pandium-webhook-tenant.confirmer.js';

const EVENT: PandiumTenantCreatedEvent = {
  type: 'tenant_created',
  deliveryId: 'd1',
  tenantId: 11,
  integrationId: 1042,
  payload: {},
};

/** A status source that knows tenant 11 as jane's. */
function fakeStatusSource() {
  return {
    statusesFor: jest.fn(() => Promise.resolve(undefined)),
    forget: jest.fn((_user: string) => Promise.resolve()),
    refresh: jest.fn(() => Promise.resolve(true)),
    userOfTenant: jest.fn((id: number) =>
      Promise.resolve(id === 11 ? 'jane' : undefined),
    ),
  } satisfies PandiumStatusSource;
}

/** Records the events a handler gets. */
const recorder = () => {
  const events: PandiumWebhookEvent[] = [];
  return {
    events,
    handle: (event: PandiumWebhookEvent) => void events.push(event),
  };
};

describe('PandiumWebhookDispatcher', () => {
  let errors: string[];

  beforeEach(() => {
    errors = [];
    jest
      .spyOn(Logger.prototype, 'error')
      .mockImplementation(
        (message: unknown) => void errors.push(String(message)),
      );
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });

  afterEach(() => jest.restoreAllMocks());

  /** A dispatcher, an event dispatched through it, and its end awaited. */
  async function dispatch(
    dispatcher: PandiumWebhookDispatcher,
    event: PandiumWebhookEvent = EVENT,
  ): Promise<void> {
    dispatcher.dispatch(event, 'c0rre1at10n', Promise.resolve());
    await dispatcher.whenIdle();
  }

  describe('dispatch of a tenant event', () => {
    it("should give the handlers the tenant's user and drop that user's cached statuses", async () => {
      const source = fakeStatusSource();
      const handler = recorder();
      await dispatch(
        new PandiumWebhookDispatcher(
          [handler],
          source,
          undefined,
          {} as ModuleRef,
          false,
        ),
      );

      expect(handler.events).toEqual([{ ...EVENT, userKey: 'jane' }]);
      expect(source.forget).toHaveBeenCalledWith('jane');
    });

    it('should dispatch without a user, and drop nothing, when the tenant is not known', async () => {
      const source = fakeStatusSource();
      const handler = recorder();
      await dispatch(
        new PandiumWebhookDispatcher(
          [handler],
          source,
          undefined,
          {} as ModuleRef,
          false,
        ),
        { ...EVENT, tenantId: 12 },
      );

      expect(handler.events).toEqual([{ ...EVENT, tenantId: 12 }]);
      expect(source.forget).not.toHaveBeenCalled();
    });

    it('should not dispatch an event the API could not confirm, and log it with the correlation id', async () => {
      const handler = recorder();
      const confirmer = {
        confirm: () => Promise.reject(new Error('API down')),
      } as unknown as PandiumWebhookTenantConfirmer;
      await dispatch(
        new PandiumWebhookDispatcher(
          [handler],
          null,
          confirmer,
          {} as ModuleRef,
          false,
        ),
      );

      expect(handler.events).toEqual([]);
      expect(errors).toEqual([expect.stringContaining('c0rre1at10n')]);
    });
  });

  describe('with @nestjs/event-emitter', () => {
    it('should emit under the event name, and run the handlers even when a listener fails', async () => {
      const emitAsync = jest.fn((_name: string, _event: unknown) =>
        Promise.reject(new Error('listener failed')),
      );
      const moduleRef = { get: () => ({ emitAsync }) } as unknown as ModuleRef;
      const handler = recorder();
      const dispatcher = new PandiumWebhookDispatcher(
        [handler],
        null,
        undefined,
        moduleRef,
        true,
      );
      await dispatcher.onApplicationBootstrap();
      await dispatch(dispatcher);

      expect(emitAsync).toHaveBeenCalledWith('pandium.tenant_created', EVENT);
      expect(handler.events).toEqual([EVENT]);
      expect(errors).toEqual([expect.stringContaining('listener failed')]);
    });

    it('should emit nothing when the app did not register EventEmitterModule', async () => {
      jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
      const moduleRef = {
        get: () => {
          throw new Error('not registered');
        },
      } as unknown as ModuleRef;
      const handler = recorder();
      const dispatcher = new PandiumWebhookDispatcher(
        [handler],
        null,
        undefined,
        moduleRef,
        true,
      );
      await dispatcher.onApplicationBootstrap();
      await dispatch(dispatcher);

      expect(handler.events).toEqual([EVENT]);
      expect(errors).toEqual([]);
    });
  });
});
