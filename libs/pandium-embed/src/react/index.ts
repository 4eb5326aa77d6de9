// pandium-embed/react: React bindings of the browser helper (React is an optional peer: only this entry needs it).

// Tiles: the user's catalog with statuses, and the actions on it.
export { usePandiumIntegrations } from './pandium-integrations.hook.js';
export type { PandiumIntegrations } from './pandium-integrations.hook.js';

// Embeds: the install flow and the marketplace as components.
export { PandiumInstall } from './pandium-install.component.js';
export type { PandiumInstallProps } from './pandium-install.component.js';
export { PandiumMarketplace } from './pandium-marketplace.component.js';
export type { PandiumMarketplaceProps } from './pandium-marketplace.component.js';
