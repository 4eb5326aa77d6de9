import { describe, expect, it } from '@jest/globals';
import type { PandiumCatalogEntry } from 'pandium-embed/browser';
import { actionsOf, describeStatus, timeAgo } from './tile-status.js';

const NOW = Date.parse('2026-12-06T10:00:00.000Z');
const ago = (seconds: number): string =>
  new Date(NOW - seconds * 1000).toISOString();

const entry = (
  status?: PandiumCatalogEntry['status'],
): PandiumCatalogEntry => ({
  id: '1042',
  name: 'gwt2hs',
  connectorName: 'gwt',
  status,
});

describe('timeAgo', () => {
  it('should say minutes, hours and days, and "less than a minute" below one', () => {
    expect(timeAgo(ago(20), NOW)).toBe('less than a minute ago');
    expect(timeAgo(ago(60), NOW)).toBe('1 minute ago');
    expect(timeAgo(ago(125), NOW)).toBe('2 minutes ago');
    expect(timeAgo(ago(3 * 3600), NOW)).toBe('3 hours ago');
    expect(timeAgo(ago(26 * 3600), NOW)).toBe('yesterday');
    expect(timeAgo(ago(3 * 86400), NOW)).toBe('3 days ago');
  });

  it('should give undefined for a missing or unreadable date, and "less than a minute" for a clock ahead', () => {
    expect(timeAgo(undefined, NOW)).toBeUndefined();
    expect(timeAgo('soon', NOW)).toBeUndefined();
    expect(timeAgo(ago(-30), NOW)).toBe('less than a minute ago');
  });
});

describe('describeStatus', () => {
  it('should give nothing when the server sent no status (no API key)', () => {
    expect(describeStatus(undefined, NOW)).toBeUndefined();
  });

  it('should say "Not installed" without a badge', () => {
    expect(describeStatus({ state: 'not-installed' }, NOW)).toEqual({
      state: 'not-installed',
      sentence: 'Not installed',
    });
  });

  it("should give an installed tenant's last run, or say it has not run", () => {
    expect(
      describeStatus(
        {
          state: 'installed',
          tenantId: 7,
          lastRunStatus: 'Succeeded',
          lastRunAt: ago(120),
        },
        NOW,
      ),
    ).toEqual({
      state: 'installed',
      badge: 'Installed',
      sentence: 'Last run succeeded 2 minutes ago',
    });
    expect(describeStatus({ state: 'installed', tenantId: 7 }, NOW)).toEqual({
      state: 'installed',
      badge: 'Installed',
      sentence: 'No run yet',
    });
  });

  it('should say when a failing run failed and when the last success was', () => {
    expect(
      describeStatus(
        {
          state: 'failing',
          tenantId: 7,
          lastRunStatus: 'Failed',
          lastRunAt: ago(180),
          lastSuccessfulRunAt: ago(2 * 3600),
        },
        NOW,
      ),
    ).toEqual({
      state: 'failing',
      badge: 'Failing',
      sentence: 'Last run failed 3 minutes ago · last success 2 hours ago',
    });
    expect(describeStatus({ state: 'failing' }, NOW)?.sentence).toBe(
      'Last run failed',
    );
  });

  it('should badge paused, disconnected and unknown with what to do', () => {
    expect(describeStatus({ state: 'paused' }, NOW)?.badge).toBe('Paused');
    expect(describeStatus({ state: 'disconnected' }, NOW)).toMatchObject({
      badge: 'Disconnected',
      sentence: expect.stringMatching(/^Reconnect/),
    });
    expect(describeStatus({ state: 'unknown' }, NOW)).toMatchObject({
      state: 'unknown',
      badge: 'Status unknown',
    });
  });

  it('should treat a state it does not know as unknown', () => {
    expect(
      describeStatus(
        { state: 'archived' } as unknown as PandiumCatalogEntry['status'],
        NOW,
      )?.state,
    ).toBe('unknown');
  });
});

describe('actionsOf', () => {
  it('should offer Run now and Uninstall for installed and failing tenants', () => {
    for (const state of ['installed', 'failing'] as const) {
      expect(actionsOf(entry({ state, tenantId: 7 }))).toEqual({
        run: true,
        uninstall: true,
      });
    }
  });

  it('should offer only Uninstall for paused and disconnected tenants', () => {
    for (const state of ['paused', 'disconnected'] as const) {
      expect(actionsOf(entry({ state, tenantId: 7 }))).toEqual({
        run: false,
        uninstall: true,
      });
    }
  });

  it('should offer nothing without a tenant, an unknown status or any status', () => {
    for (const status of [
      { state: 'not-installed' as const },
      { state: 'unknown' as const },
      undefined,
    ]) {
      expect(actionsOf(entry(status))).toEqual({
        run: false,
        uninstall: false,
      });
    }
  });
});
