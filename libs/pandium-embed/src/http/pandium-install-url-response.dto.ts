import type { PandiumInstallUrl } from '../core/pandium-embed-url.interface.js';
import { PandiumEmbedUrlResponseDto } from './pandium-embed-url-response.dto.js';

/**
 * The body of `GET <prefix>/integrations/:integrationId/install-url`: a signed URL for one integration's install
 * flow. The class form of {@link PandiumInstallUrl}, for the OpenAPI document.
 *
 * @publicApi
 */
export class PandiumInstallUrlResponseDto
  extends PandiumEmbedUrlResponseDto
  implements PandiumInstallUrl
{
  /** The integration the URL opens. */
  integrationId!: string;
}
