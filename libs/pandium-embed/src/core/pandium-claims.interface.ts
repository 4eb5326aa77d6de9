/**
 * A JSON value, as `xti` extras may carry.
 *
 * @publicApi
 */
export type PandiumJsonValue =
  | string
  | number
  | boolean
  | null
  | PandiumJsonValue[]
  | { [key: string]: PandiumJsonValue };

/**
 * Extra tenant information (`ti.xti`) beyond the three fields the library sets itself. Pandium acts on some
 * keys when they are configured for the account: `hidden_integrations` (list of ids), `user_group`,
 * `user_tier`, `allowed_installs`.
 *
 * @see https://docs.pandium.com/marketplaces/customizing-the-jwt
 * @publicApi
 */
export type PandiumXtiExtras = { [key: string]: PandiumJsonValue };

/**
 * The user's tenant information (`ti`), with Pandium's field names as in its reference example.
 *
 * @publicApi
 */
export interface PandiumTenantInfo {
  /** `udn`: the display name Pandium shows for this user's organisation or account (e.g. "Pandium Test"). */
  udn: string;
  /** `ufn`: the user's full name (e.g. "Important Person"). */
  ufn: string;
  /** `uem`: the user's email address. */
  uem: string;
  /** `ili`: a list of identifiers Pandium keeps with the tenant. @default [] */
  ili?: string[];
  /** `aid`: an account id. @default '' */
  aid?: string;
  /** `adn`: an account display name. @default '' */
  adn?: string;
  /** Extra `xti` entries. `connector_name`, `integration_name` and `token` are the library's and may not appear here. */
  xti?: PandiumXtiExtras;
}

/**
 * What a {@link ClaimsProvider} returns for a user: who they are to Pandium.
 *
 * @publicApi
 */
export interface PandiumUserClaims {
  /** `sub`: stable per user, never reused; Pandium keys the user's tenants on it. */
  sub: string;
  /** `ti`: the tenant information. */
  ti: PandiumTenantInfo;
}

/**
 * The complete payload that is signed, in the order it is serialised.
 *
 * @publicApi
 */
export interface PandiumJwtPayload {
  /** Issued at, in seconds since the epoch. */
  iat: number;
  /** Expires at, in seconds since the epoch: `iat` + the TTL. */
  exp: number;
  /** A fresh UUID v4 per token. */
  jti: string;
  ti: Required<Omit<PandiumTenantInfo, 'xti'>> & {
    xti: PandiumXtiExtras & {
      connector_name?: string;
      integration_name?: string;
      token: string;
    };
  };
  sub: string;
}
