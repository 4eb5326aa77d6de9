// The secret segment ends where a URL path segment does, or at a quote, `<`, `>` or `\` (JSON and `util.inspect`
// log lines put a quote right after the URL); none of those is in a webhook secret.
const WEBHOOK_SECRET_SEGMENT = /(\/webhooks\/)[^/?#\s"'<>\\]+/gi;

/**
 * Replaces the secret in a webhook receiver URL (`/pandium/webhooks/<secret>`) with `[redacted]`, for log lines. Use
 * it in your request logger: whoever reads the URL can post notifications to your app.
 *
 * @example redactWebhookSecret('POST /pandium/webhooks/k3Xv9Q… 202') // 'POST /pandium/webhooks/[redacted] 202'
 * @publicApi
 */
export function redactWebhookSecret(text: string): string {
  return text.replace(WEBHOOK_SECRET_SEGMENT, '$1[redacted]');
}
