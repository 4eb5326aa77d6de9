/** @jest-environment jsdom */
import { isPandiumMessage, isPandiumTenant } from './pandium-messages.js';

const tenant = { id: 7, name: 'Acme HubSpot' };

describe('isPandiumMessage', () => {
  it.each([
    { message: 'pandium-content-height-change', height: 812 },
    { message: 'pandium-content-height-change', height: 0 },
    { message: 'pandium-save-sync', tenant },
    { message: 'pandium-save-sync', tenant: { id: 't-7', name: '' } },
    { message: 'pandium-install-cancel', tenant },
    { message: 'pandium-install-cancel' },
    { message: 'pandium-install-cancel', tenant: null },
    { message: 'pandium-save-sync', tenant, extra: true },
  ])('should accept %j', (data) => {
    expect(isPandiumMessage(data)).toBe(true);
  });

  it.each([
    null,
    undefined,
    'pandium-save-sync',
    JSON.stringify({ message: 'pandium-save-sync', tenant }),
    [],
    {},
    { message: 'pandium-something-else' },
    { message: 'pandium-content-height-change' },
    { message: 'pandium-content-height-change', height: '812' },
    { message: 'pandium-content-height-change', height: Number.NaN },
    { message: 'pandium-content-height-change', height: Infinity },
    { message: 'pandium-content-height-change', height: -1 },
    { message: 'pandium-save-sync' },
    { message: 'pandium-save-sync', tenant: null },
    { message: 'pandium-save-sync', tenant: { id: 7 } },
    { message: 'pandium-save-sync', tenant: { name: 'x' } },
    { message: 'pandium-install-cancel', tenant: { id: '', name: 'x' } },
    { message: 'pandium-install-cancel', tenant: 'Acme' },
  ])('should refuse %j', (data) => {
    expect(isPandiumMessage(data)).toBe(false);
  });
});

describe('isPandiumTenant', () => {
  it('should accept a numeric or string id with a name', () => {
    expect(isPandiumTenant({ id: 1, name: 'a' })).toBe(true);
    expect(isPandiumTenant({ id: '1', name: 'a' })).toBe(true);
  });

  it('should refuse a non-finite id', () => {
    expect(isPandiumTenant({ id: Number.NaN, name: 'a' })).toBe(false);
  });
});
