import { PandiumOptionsError } from '../errors/pandium-options.error.js';
import { resolvePandiumWebhooksOptions } from './pandium-webhooks-options.schema.js';
import type { PandiumWebhooksOptions } from './pandium-webhooks-options.interface.js';

describe('resolvePandiumWebhooksOptions', () => {
  it('should turn the receiver off for undefined or false', () => {
    expect(resolvePandiumWebhooksOptions(undefined, 'pandium')).toBeUndefined();
    expect(resolvePandiumWebhooksOptions(false, 'pandium')).toBeUndefined();
  });

  it('should apply the defaults, under the controller path', () => {
    expect(resolvePandiumWebhooksOptions({}, 'pandium')).toEqual({
      path: 'pandium',
      emitEvents: true,
      confirmTenantEvents: true,
      deduplicationWindowSeconds: 3600,
    });
  });

  it('should keep what was given, its path without surrounding slashes', () => {
    expect(
      resolvePandiumWebhooksOptions(
        {
          path: '/hooks/pandium/',
          emitEvents: false,
          confirmTenantEvents: false,
          deduplicationWindowSeconds: 60,
          handlers: [],
        },
        'pandium',
      ),
    ).toEqual({
      path: 'hooks/pandium',
      emitEvents: false,
      confirmTenantEvents: false,
      deduplicationWindowSeconds: 60,
    });
  });

  it('should list every bad setting under webhooks.', () => {
    const bad = {
      path: 'a b',
      emitEvents: 'yes',
      confirmTenantEvents: 1,
      deduplicationWindowSeconds: 0,
      handlers: 'InstallRecorder',
      deliveryStore: 42,
    } as unknown as PandiumWebhooksOptions;
    let error: unknown;
    try {
      resolvePandiumWebhooksOptions(bad, 'pandium');
    } catch (thrown) {
      error = thrown;
    }

    expect(error).toBeInstanceOf(PandiumOptionsError);
    for (const field of [
      'path',
      'emitEvents',
      'confirmTenantEvents',
      'deduplicationWindowSeconds',
      'handlers',
      'deliveryStore',
    ]) {
      expect((error as Error).message).toContain(`webhooks.${field}`);
    }
  });
});
