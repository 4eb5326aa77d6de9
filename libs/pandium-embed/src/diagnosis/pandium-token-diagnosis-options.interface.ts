/**
 * What {@link diagnosePandiumToken} checks a token against.
 *
 * @publicApi
 */
export interface PandiumTokenDiagnosisOptions {
  /**
   * The shared secret the token should be signed with. Without it the signature is not checked and the result
   * carries a `signature-unchecked` warning.
   */
  secret?: string;
  /** The account slug the URL must carry; a different one is an `account-mismatch`. Checked for URLs only. */
  expectedAccount?: string;
  /**
   * For install URLs: the names the integration has in Pandium; a different `xti.integration_name` or
   * `xti.connector_name` is an `integration-mismatch`. Without it, only their presence is checked.
   */
  expectedIntegration?: { integrationName?: string; connectorName?: string };
  /** The time to check `iat` and `exp` against, in milliseconds since the epoch. @default Date.now() */
  now?: number;
  /** How far `iat` may be in the future and `exp` in the past before the token is refused. @default 30 */
  clockSkewSeconds?: number;
  /**
   * The longest lifetime (`exp - iat`) accepted. The default is the longest `PandiumJwtSigner` signs:
   * `tokenTtlSeconds` (at most 3600) plus `clockSkewSeconds` (at most 300). @default 3900
   */
  maxLifetimeSeconds?: number;
  /**
   * Says whether this `jti` was already used (a `replayed-jti` when true). Called once per diagnosis, with a
   * non-empty string `jti`, whatever the other problems; recording the `jti` is up to the caller.
   */
  isReplay?: (jti: string) => boolean;
}
