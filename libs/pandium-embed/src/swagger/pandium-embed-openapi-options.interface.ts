import type { SecurityRequirementObject } from '@nestjs/swagger';

/**
 * What {@link documentPandiumEmbed} adds to the library's operations besides what the library knows itself.
 *
 * @publicApi
 */
export interface PandiumEmbedOpenApiOptions {
  /**
   * Tags of the library's operations (Swagger UI groups operations by tag).
   *
   * @default ['pandium']
   */
  tags?: string[];
  /**
   * Security requirements of every route, naming the schemes your `DocumentBuilder` declares for the guards you
   * passed in `controller.guards`: e.g. `[{ bearer: [] }]` after `addBearerAuth()`. The library does not
   * authenticate anyone itself, so it declares none by default.
   *
   * @default []
   */
  security?: SecurityRequirementObject[];
}
