// What every HTML error page of the launch routes must carry, whichever test asks (the library's controller spec,
// the example app's e2e) and whichever HTTP server answers.
import { expect } from '@jest/globals';
import type request from 'supertest';

/** The Content-Security-Policy of the error pages: nothing loads, only the inline style applies. */
export const LAUNCH_ERROR_PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'";

/**
 * Expects `res` to be a launch error page: this status, uncached HTML under {@link LAUNCH_ERROR_PAGE_CSP}, no
 * redirect, `text` (HTML-escaped as the page writes it) and `HTTP <status>` shown, and no signed URL.
 */
export function expectLaunchErrorPage(
  res: request.Response,
  status: number,
  text: string,
): void {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
  expect(res.headers['cache-control']).toBe('no-store');
  expect(res.headers['content-security-policy']).toBe(LAUNCH_ERROR_PAGE_CSP);
  expect(res.headers.location).toBeUndefined();
  expect(res.text).toMatch(/^<!doctype html>/);
  expect(res.text).toContain(text.replace(/'/g, '&#39;'));
  expect(res.text).toContain(`HTTP ${status}`);
  expect(res.text).not.toContain('tenant=');
}
