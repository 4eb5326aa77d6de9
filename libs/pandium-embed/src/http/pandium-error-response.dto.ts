/**
 * The JSON body of every error the library's routes answer (400, 401, 404, 429, 502, 503, 504): Nest's usual
 * shape, plus a `correlationId` on 5xx answers that names the server log line holding the details. It never
 * carries a secret, a token or a strategy's internals.
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
  /** 5xx only: the id of the server log line with the details. */
  correlationId?: string;
}
