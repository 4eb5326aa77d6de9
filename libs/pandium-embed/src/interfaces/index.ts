export * from './claims-provider.interface.js';
export * from './integration-catalog.interface.js';
export * from './pandium-claims.interface.js';
export * from './pandium-clock.interface.js';
export * from './pandium-embed-module-options.interface.js';
export * from './pandium-embed-url.interface.js';
export * from './pandium-integration.interface.js';
export * from './token-provider.interface.js';
