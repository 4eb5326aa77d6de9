import { Matches } from 'class-validator';
import { INTEGRATION_ID_PATTERN } from '../signing/pandium-jwt.constants.js';
import { INTEGRATION_ID_RULE } from '../core/pandium-integration.dto.js';

/** What a refused `integrationId` route parameter answers. @internal */
export const INTEGRATION_ID_PARAM_MESSAGE = `integrationId ${INTEGRATION_ID_RULE}`;

/**
 * Route parameters of `GET <prefix>/integrations/:integrationId/install-url`, and of the run (`POST …/sync`) and
 * uninstall (`DELETE …/tenant`) routes.
 *
 * @internal
 */
export class InstallUrlParamsDto {
  /** Pandium's integration id, as listed by `GET <prefix>/integrations`. */
  @Matches(INTEGRATION_ID_PATTERN, { message: INTEGRATION_ID_PARAM_MESSAGE })
  integrationId!: string;
}
