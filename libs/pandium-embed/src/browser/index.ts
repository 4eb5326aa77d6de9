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
export { isPandiumMessage, isPandiumTenant } from './pandium-messages.js';
export type {
  PandiumContentHeightChangeMessage,
  PandiumInstallCancelMessage,
  PandiumMessage,
  PandiumMessageName,
  PandiumSaveSyncMessage,
  PandiumTenant,
} from './pandium-messages.js';
export {
  PandiumBrowserError,
  PandiumLaunchError,
  PandiumMountOptionsError,
} from './pandium-browser.errors.js';
export type { PandiumLaunchFailure } from './pandium-browser.errors.js';
export { PandiumLaunchClient } from './pandium-launch.client.js';
export type {
  PandiumEmbedTarget,
  PandiumLaunch,
  PandiumLaunchClientOptions,
} from './pandium-launch.client.js';
export {
  PANDIUM_DEFAULT_ENDPOINT,
  PANDIUM_DEFAULT_HEIGHT,
  PANDIUM_DEFAULT_MAX_HEIGHT,
  PANDIUM_DEFAULT_MIN_HEIGHT,
} from './pandium-browser.constants.js';
