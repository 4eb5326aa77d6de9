import { Matches } from 'class-validator';
import { INTEGRATION_ID_PATTERN } from '../signing/pandium-jwt.constants.js';
import { INTEGRATION_ID_RULE } from '../core/pandium-integration.dto.js';

/**
 * Route parameters of `GET <prefix>/integrations/:integrationId/install-url`.
 *
 * @internal
 */
export class InstallUrlParamsDto {
  /** Pandium's integration id, as listed by `GET <prefix>/integrations`. */
  @Matches(INTEGRATION_ID_PATTERN, {
    message: `integrationId ${INTEGRATION_ID_RULE}`,
  })
  integrationId!: string;
}
