import type { PandiumIntegration } from '../core/pandium-integration.interface.js';

/**
 * The integrations an emulator started without `integrations` offers: three samples, so its install URLs resolve
 * before a host has a catalog of its own.
 *
 * @internal
 */
export const DEFAULT_EMULATOR_INTEGRATIONS: readonly PandiumIntegration[] = [
  {
    id: '1042',
    name: 'gwt2hs',
    connectorName: 'gwt',
    displayName: 'GWT to HubSpot',
  },
  {
    id: '2318',
    name: 'netsuite-orders',
    connectorName: 'netsuite',
    displayName: 'NetSuite orders',
  },
  {
    id: '3107',
    name: 'shopify-sync',
    connectorName: 'shopify',
    displayName: 'Shopify sync',
  },
];
