import { createHash } from 'node:crypto';
import { parsePandiumWebhook } from './pandium-webhook.payload.js';

const bytes = (value: unknown): Buffer =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));

const TENANT_FIELDS = {
  environment: 'sandbox',
  account_id: 7,
  account_name: 'acme',
  timestamp: '2026-12-06T09:00:00Z',
  tenant_id: 11,
  tenant_name: 'jane-gwt2hs',
  integration_id: 1042,
  integration_name: 'gwt2hs',
};

describe('parsePandiumWebhook', () => {
  describe('with a known notification', () => {
    it('should give a typed tenant event, its delivery id the SHA-256 of the raw body', () => {
      const raw = bytes({ event_type: 'tenant_created', ...TENANT_FIELDS });

      expect(parsePandiumWebhook(raw)).toEqual({
        event: {
          type: 'tenant_created',
          deliveryId: createHash('sha256').update(raw).digest('hex'),
          environment: 'sandbox',
          accountId: 7,
          accountName: 'acme',
          timestamp: '2026-12-06T09:00:00Z',
          tenantId: 11,
          tenantName: 'jane-gwt2hs',
          integrationId: 1042,
          integrationName: 'gwt2hs',
          payload: { event_type: 'tenant_created', ...TENANT_FIELDS },
        },
      });
    });

    it('should give run_failed its run fields, and keep unknown fields in the payload', () => {
      const { event } = parsePandiumWebhook(
        bytes({
          event_type: 'run_failed',
          ...TENANT_FIELDS,
          run_id: 5,
          run_status: 'Failed',
          link: 'https://example.test',
        }),
      );

      expect(event).toMatchObject({
        type: 'run_failed',
        runId: 5,
        runStatus: 'Failed',
        payload: { link: 'https://example.test' },
      });
    });

    it('should read new_integration_created, the spelling of Pandium’s example, as integration_created', () => {
      const { event } = parsePandiumWebhook(
        bytes({ event_type: 'new_integration_created', integration_id: 3 }),
      );

      expect(event).toMatchObject({
        type: 'integration_created',
        integrationId: 3,
      });
    });
  });

  describe('with an unknown event_type', () => {
    it('should give an unknown event carrying the type', () => {
      const { event } = parsePandiumWebhook(bytes({ event_type: 'future' }));

      expect(event).toMatchObject({ type: 'unknown', eventType: 'future' });
    });

    it('should not take an inherited name (toString) for a known type', () => {
      const { event } = parsePandiumWebhook(bytes({ event_type: 'toString' }));

      expect(event).toMatchObject({ type: 'unknown', eventType: 'toString' });
    });
  });

  describe('with a body that is not a notification', () => {
    it.each([
      ['malformed JSON', '{"event_type":'],
      ['a list', '[]'],
      ['null', 'null'],
      ['no event_type', { environment: 'sandbox' }],
      ['a numeric event_type', { event_type: 3 }],
      [
        'a tenant event without its tenant_id',
        { event_type: 'tenant_archived', integration_id: 1 },
      ],
      [
        'a string tenant_id',
        { event_type: 'run_failed', tenant_id: '11', integration_id: 1 },
      ],
      ['a string account_id', { event_type: 'future', account_id: '7' }],
    ])('should refuse %s, naming the problem', (_, body) => {
      const { event, problem } = parsePandiumWebhook(bytes(body));

      expect(event).toBeUndefined();
      expect(problem).toEqual(expect.any(String));
    });
  });
});
