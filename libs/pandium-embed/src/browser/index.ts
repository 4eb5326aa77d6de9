// pandium-embed/browser: the iframe helper for the page, free of Nest and Node (a bundler takes only this).

// Mount: Pandium's install flow or marketplace in a container, and the handle to reload or remove it.
export {
  mountPandiumInstall,
  mountPandiumMarketplace,
} from './mount-pandium.js';
export type { PandiumEmbedHandle } from './pandium-embed-handle.interface.js';
export type {
  PandiumEmbedErrorInfo,
  PandiumInstallMountOptions,
  PandiumLaunchMode,
  PandiumMarketplaceMountOptions,
  PandiumMountOptions,
} from './pandium-mount-options.interface.js';

// Client: the catalog with each user's status, and the lifecycle calls a tile makes.
export { createPandiumClient } from './pandium-integrations.client.js';
export type {
  PandiumClient,
  PandiumClientOptions,
} from './pandium-integrations.client.js';
export type {
  PandiumCatalogEntry,
  PandiumIntegrationState,
  PandiumIntegrationStatus,
  PandiumSyncResult,
} from './pandium-catalog-entry.interface.js';

// Messages: what Pandium's pages post, for the host's own listeners.
export { isPandiumMessage } from './pandium-messages.js';
export type {
  PandiumContentHeightChangeMessage,
  PandiumInstallCancelMessage,
  PandiumMessage,
  PandiumMessageName,
  PandiumSaveSyncMessage,
  PandiumTenant,
} from './pandium-messages.js';

// Errors: bad mount options, and a launch that failed.
export {
  PandiumBrowserError,
  PandiumLaunchError,
  PandiumMountOptionsError,
  PandiumRequestError,
} from './pandium-browser.errors.js';
export type { PandiumLaunchFailure } from './pandium-browser.errors.js';
