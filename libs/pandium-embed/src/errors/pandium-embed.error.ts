import type { PandiumErrorCode } from './pandium-error.codes.js';

/**
 * Base class of the library's non-HTTP errors (bad options at boot, failing strategies, Pandium's API, the
 * diagnosis tools): `name` is the subclass's name, `code` the stable {@link PandiumErrorCode} of the failure.
 * Messages say what failed and what to do; they name fields and strategies, never a secret, a signed token or a
 * connector token.
 *
 * @publicApi
 */
export class PandiumEmbedError extends Error {
  /**
   * @param code the stable code of this failure.
   * @param message what failed, and what to do about it.
   */
  constructor(
    readonly code: PandiumErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}
