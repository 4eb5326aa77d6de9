import { Test } from '@nestjs/testing';
import { PANDIUM_CLOCK } from '../pandium-embed.tokens.js';
import { InMemoryWebhookDeliveryStore } from './in-memory-webhook-delivery.store.js';

/** The store with a small bound, to see it hold. */
class SmallWebhookDeliveryStore extends InMemoryWebhookDeliveryStore {
  protected override readonly maxEntries = 3;
}

describe('InMemoryWebhookDeliveryStore', () => {
  let now: number;
  let store: InMemoryWebhookDeliveryStore;

  beforeEach(async () => {
    now = 1_000_000;
    const moduleRef = await Test.createTestingModule({
      providers: [
        SmallWebhookDeliveryStore,
        { provide: PANDIUM_CLOCK, useValue: { now: () => now } },
      ],
    }).compile();
    store = moduleRef.get(SmallWebhookDeliveryStore);
  });

  describe('remember', () => {
    it('should answer true for a first delivery and false for its repeat within the window', async () => {
      await expect(store.remember('a', 1000)).resolves.toBe(true);
      await expect(store.remember('a', 1000)).resolves.toBe(false);
      await expect(store.remember('b', 1000)).resolves.toBe(true);
    });

    it('should answer true again once the window has passed', async () => {
      await store.remember('a', 1000);
      now += 1000;

      await expect(store.remember('a', 1000)).resolves.toBe(true);
    });

    it('should keep at most its bound, forgetting the oldest first', async () => {
      for (const id of ['a', 'b', 'c', 'd']) {
        await store.remember(id, 60_000);
      }

      await expect(store.remember('d', 60_000)).resolves.toBe(false);
      await expect(store.remember('a', 60_000)).resolves.toBe(true);
    });
  });
});
