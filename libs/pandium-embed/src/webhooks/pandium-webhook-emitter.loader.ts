import { Logger } from '@nestjs/common';
import type { ModuleRef } from '@nestjs/core';

/** What the dispatcher calls on `@nestjs/event-emitter`'s `EventEmitter2`. @internal */
export interface WebhookEventEmitter {
  emitAsync(event: string, ...values: unknown[]): Promise<unknown[]>;
}

/** The package, by a name in a variable: TypeScript and bundlers then leave it to be loaded only here. */
const EVENT_EMITTER_PACKAGE = '@nestjs/event-emitter';

/**
 * The app's `EventEmitter2`, when `@nestjs/event-emitter` (an optional peer) is installed and the app registered
 * `EventEmitterModule.forRoot()`; `undefined` otherwise (the handlers still run). The package is loaded only here,
 * when the webhook receiver is on.
 *
 * @internal
 */
export async function loadEventEmitter(
  moduleRef: ModuleRef,
): Promise<WebhookEventEmitter | undefined> {
  let EventEmitter2: unknown;
  try {
    ({ EventEmitter2 } = (await import(EVENT_EMITTER_PACKAGE)) as {
      EventEmitter2: unknown;
    });
  } catch {
    return undefined;
  }
  try {
    return moduleRef.get(EventEmitter2 as never, { strict: false });
  } catch {
    new Logger('PandiumWebhooks').log(
      '@nestjs/event-emitter is installed but EventEmitterModule.forRoot() is not registered: webhook events go ' +
        'to the handlers only.',
    );
    return undefined;
  }
}
