import { describe, expect, it } from '@jest/globals';
import { frameAncestorsAllow } from './doctor-frame-ancestors.util.js';

const PAGE = 'https://imp.pandium.com';

describe('frameAncestorsAllow', () => {
  it.each<[string, string, boolean]>([
    ['https://app.example.com', 'https://app.example.com', true],
    ['https://app.example.com', 'https://other.example.com', false],
    ['https://app.example.com:443', 'https://app.example.com', true],
    ['https://app.example.com:8443', 'https://app.example.com', false],
    ['https://app.example.com:*', 'https://app.example.com:8443', true],
    ['app.example.com', 'https://app.example.com', true],
    ['http://app.example.com', 'https://app.example.com', true],
    ['https://app.example.com', 'http://app.example.com', false],
    ['*.example.com', 'https://app.example.com', true],
    ['https://*.example.com', 'https://example.com', false],
    ['https:', 'https://app.example.com', true],
    ['https:', 'http://localhost:3000', false],
    ['*', 'https://app.example.com', true],
    ["'none'", 'https://app.example.com', false],
    ["'self'", 'https://app.example.com', false],
    ["'self'", PAGE, true],
    ['http://localhost:3000', 'http://localhost:3000', true],
    ['http://localhost:3000', 'http://localhost:4000', false],
    ['https://app.example.com/path/', 'https://app.example.com', true],
  ])('%s should allow %s: %s', (source, ancestor, expected) => {
    expect(frameAncestorsAllow([source], ancestor, PAGE)).toBe(expected);
  });

  it('should allow when any source matches, and never with none', () => {
    expect(
      frameAncestorsAllow(
        ["'self'", 'https://a.example.com', 'https://b.example.com'],
        'https://b.example.com',
        PAGE,
      ),
    ).toBe(true);
    expect(frameAncestorsAllow([], 'https://b.example.com', PAGE)).toBe(false);
  });
});
