import type { PandiumHttpErrorCode } from '../errors/pandium-error.codes.js';

/**
 * The JSON body of every error the library's routes answer (400, 401, 404, 429, 502, 503, 504): Nest's usual
 * shape, the stable `code` of the failure, and a `correlationId` on 5xx answers that names the server log line
 * holding the details. It never carries a secret, a token or a strategy's internals. An error the host app's own
 * guard or strategy throws passes through with its own body.
 *
 * @publicApi
 */
export class PandiumErrorResponseDto {
  /** The HTTP status, repeated. */
  statusCode!: number;
  /** The status's reason phrase, e.g. `Not Found`. */
  error!: string;
  /** What went wrong, for people; a list when parameter validation found several problems. */
  message!: string | string[];
  /** The stable code of the failure, for code: switch on it, never on `message`. */
  code!: PandiumHttpErrorCode;
  /** 5xx only: the id of the server log line with the details. */
  correlationId?: string;
}
