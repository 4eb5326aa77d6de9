import { PandiumEmbedError } from './pandium-embed.error.js';
import { PandiumErrorCode } from './pandium-error.codes.js';

/**
 * The signed token is larger than `maxTokenBytes`: a URL that long gets cut by proxies and browsers.
 * Code `PANDIUM_TOKEN_TOO_LARGE`. Logged server-side; the client sees a {@link PandiumHttpException} with code
 * `PANDIUM_STRATEGY_FAILED` (502).
 *
 * @internal
 */
export class PandiumTokenTooLargeError extends PandiumEmbedError {
  /** Prefer {@link PandiumTokenTooLargeError.over}, which writes the message. */
  constructor(message: string) {
    super(PandiumErrorCode.TOKEN_TOO_LARGE, message);
  }

  /** A token of `bytes` bytes, over the `maxBytes` budget. */
  static over(bytes: number, maxBytes: number): PandiumTokenTooLargeError {
    return new PandiumTokenTooLargeError(
      `The signed token is ${bytes} bytes, over maxTokenBytes (${maxBytes}): a URL that long gets cut by proxies. ` +
        'Send fewer or shorter xti extras or ili entries, or a shorter connector token.',
    );
  }
}
