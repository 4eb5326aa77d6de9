import type { PandiumEmbedUrl } from '../core/pandium-embed-url.interface.js';

/**
 * The body of `GET <prefix>/marketplace-url`: a signed URL for an iframe's `src`. A class (not only the
 * {@link PandiumEmbedUrl} interface) so that `pandium-embed/swagger` can describe it in the OpenAPI document; the
 * service still answers plain objects of this shape.
 *
 * @publicApi
 */
export class PandiumEmbedUrlResponseDto implements PandiumEmbedUrl {
  /** The URL, token included. Use it once, right away. */
  url!: string;
  /** When the token expires, as an ISO 8601 timestamp. */
  expiresAt!: string;
  /** Seconds until the token expires, so a browser never has to trust its own clock. */
  expiresIn!: number;
}
