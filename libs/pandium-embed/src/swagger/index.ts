// pandium-embed/swagger: OpenAPI metadata for the library's routes. The only entry point that imports
// @nestjs/swagger (an optional peer); the main entry never does.

// Call once before SwaggerModule.createDocument.
export { documentPandiumEmbed } from './pandium-embed.openapi.js';
export type { PandiumEmbedOpenApiOptions } from './pandium-embed-openapi-options.interface.js';

// The routes' response bodies, e.g. for getSchemaPath().
export { PandiumEmbedUrlResponseDto } from '../http/pandium-embed-url-response.dto.js';
export { PandiumErrorResponseDto } from '../http/pandium-error-response.dto.js';
export { PandiumInstallUrlResponseDto } from '../http/pandium-install-url-response.dto.js';
export { PandiumIntegrationResponseDto } from '../http/pandium-integration-response.dto.js';
export { PandiumIntegrationStatusResponseDto } from '../http/pandium-integration-status-response.dto.js';
export { PandiumLaunchLinkResponseDto } from '../launch/pandium-launch-link-response.dto.js';
export { PandiumSyncResponseDto } from '../http/pandium-sync-response.dto.js';
