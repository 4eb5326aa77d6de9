import type { ActivityEvent } from './activity-feed.js';
import { ActivityFeed, MAX_ENTRIES_PER_USER } from './activity-feed.js';

/** A tenant event as the library dispatches it. */
const event = (fields: Partial<ActivityEvent> = {}): ActivityEvent => ({
  type: 'tenant_created',
  deliveryId: 'd',
  payload: {},
  tenantId: 11,
  integrationId: 1042,
  timestamp: '2026-12-06T09:00:00.000Z',
  ...fields,
});

describe('ActivityFeed', () => {
  let feed: ActivityFeed;

  beforeEach(() => {
    feed = new ActivityFeed();
  });

  it("should give an event with its user to that user only, as the feed's entry", () => {
    feed.record(event({ userKey: 'jane' }));

    expect(feed.entriesOf('jane', new Set())).toEqual([
      {
        type: 'tenant_created',
        integrationId: '1042',
        tenantId: 11,
        at: '2026-12-06T09:00:00.000Z',
      },
    ]);
    expect(feed.entriesOf('john', new Set([11]))).toEqual([]);
  });

  it('should keep an event without a user until the user whose tenants include it asks, then give it to them only', () => {
    feed.record(event());

    expect(feed.entriesOf('john', new Set([12]))).toEqual([]);
    expect(feed.entriesOf('jane', new Set([11]))).toHaveLength(1);
    expect(feed.entriesOf('raj', new Set([11]))).toEqual([]);
  });

  it('should answer newest first, at most its bound per user', () => {
    for (let minute = 0; minute < MAX_ENTRIES_PER_USER + 5; minute += 1) {
      feed.record(
        event({
          userKey: 'jane',
          tenantId: minute,
          timestamp: new Date(Date.UTC(2026, 11, 6, 9, minute)).toISOString(),
        }),
      );
    }
    const entries = feed.entriesOf('jane', new Set());

    expect(entries).toHaveLength(MAX_ENTRIES_PER_USER);
    expect(entries[0].tenantId).toBe(MAX_ENTRIES_PER_USER + 4);
    expect(entries.map(({ at }) => at)).toEqual(
      entries
        .map(({ at }) => at)
        .sort()
        .reverse(),
    );
  });
});
