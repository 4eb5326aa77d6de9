import { redactWebhookSecret } from './redact-webhook-secret.util.js';

const SECRET = 'k3Xv9Q_abcdefghijklmnopqrstuvwxyz-0123456789';

describe('redactWebhookSecret', () => {
  it('should replace the secret segment of a receiver path and keep the rest', () => {
    expect(redactWebhookSecret(`POST /pandium/webhooks/${SECRET} 202`)).toBe(
      'POST /pandium/webhooks/[redacted] 202',
    );
  });

  it('should stop at a query, a fragment, a slash or a quote', () => {
    expect(redactWebhookSecret(`/pandium/webhooks/${SECRET}?a=1`)).toBe(
      '/pandium/webhooks/[redacted]?a=1',
    );
    expect(redactWebhookSecret(`{"url":"/api/webhooks/${SECRET}"}`)).toBe(
      '{"url":"/api/webhooks/[redacted]"}',
    );
    expect(redactWebhookSecret(`/webhooks/${SECRET}/x#y`)).toBe(
      '/webhooks/[redacted]/x#y',
    );
  });

  it('should redact every receiver URL in a line, and leave other text as it is', () => {
    const line = `from /pandium/webhooks/${SECRET} to http://h/pandium/webhooks/${SECRET}`;

    expect(redactWebhookSecret(line)).not.toContain(SECRET);
    expect(redactWebhookSecret('GET /pandium/integrations 200')).toBe(
      'GET /pandium/integrations 200',
    );
  });
});
