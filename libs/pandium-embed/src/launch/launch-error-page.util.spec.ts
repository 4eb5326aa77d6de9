import {
  escapeHtml,
  launchErrorTitle,
  renderLaunchErrorPage,
} from './launch-error-page.util.js';

describe('launch error page', () => {
  describe('escapeHtml', () => {
    it('should escape the five characters that matter in HTML text and attributes', () => {
      expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe(
        '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;',
      );
    });

    it('should leave other text as it is', () => {
      expect(escapeHtml('Open it again — from the app.')).toBe(
        'Open it again — from the app.',
      );
    });
  });

  describe('renderLaunchErrorPage', () => {
    it('should show the status, title, message and correlation id', () => {
      const page = renderLaunchErrorPage({
        status: 503,
        title: 'Pandium cannot be opened right now',
        message: 'Try again later.',
        correlationId: '3f2c1d9e-0000-4000-8000-000000000000',
      });

      expect(page).toMatch(/^<!doctype html>/);
      expect(page).toContain(
        '<title>Pandium cannot be opened right now</title>',
      );
      expect(page).toContain('<h1>Pandium cannot be opened right now</h1>');
      expect(page).toContain('<p>Try again later.</p>');
      expect(page).toContain(
        '<code>3f2c1d9e-0000-4000-8000-000000000000</code>',
      );
      expect(page).toContain('HTTP 503');
    });

    it("should show the library's error code beside the status", () => {
      const page = renderLaunchErrorPage({
        status: 410,
        title: 'This link can no longer be used',
        message: 'Used.',
        code: 'PANDIUM_LAUNCH_TICKET_USED',
      });

      expect(page).toContain(
        '<p class="meta">HTTP 410 · PANDIUM_LAUNCH_TICKET_USED</p>',
      );
    });

    it('should show the status alone for an error the library did not raise', () => {
      const page = renderLaunchErrorPage({
        status: 403,
        title: 'Pandium is not available to you',
        message: 'Your plan has no integrations.',
      });

      expect(page).toContain('<p class="meta">HTTP 403</p>');
    });

    it('should leave the reference out when there is no correlation id', () => {
      const page = renderLaunchErrorPage({
        status: 410,
        title: 'This link can no longer be used',
        message: 'Used.',
      });

      expect(page).not.toContain('Reference');
    });

    it('should escape every value, so a message cannot add markup or script', () => {
      const page = renderLaunchErrorPage({
        status: 400,
        title: '<img src=x onerror=alert(1)>',
        message: '</p><script>alert("x")</script>',
        correlationId: '"><script>',
      });

      expect(page).not.toContain('<script');
      expect(page).not.toContain('<img');
      expect(page).toContain(
        '&lt;/p&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;',
      );
      expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    });

    it('should load nothing from elsewhere and run no script', () => {
      const page = renderLaunchErrorPage({
        status: 404,
        title: 'Link not found',
        message: 'Not valid.',
      });

      expect(page).not.toMatch(/<script|<link|<img|src=|href=/i);
    });
  });

  describe('launchErrorTitle', () => {
    it.each([
      [400, 'This link is malformed'],
      [401, 'Sign in to open Pandium'],
      [403, 'Pandium is not available to you'],
      [404, 'Link not found'],
      [410, 'This link can no longer be used'],
      [429, 'Too many requests'],
      [418, 'Pandium cannot be opened'],
      [502, 'Pandium cannot be opened right now'],
      [503, 'Pandium cannot be opened right now'],
    ])('should title %d "%s"', (status, title) => {
      expect(launchErrorTitle(status)).toBe(title);
    });
  });
});
