/**
 * One integration a user may install, as the catalog describes it.
 *
 * @publicApi
 */
export interface PandiumIntegration {
  /** Pandium's integration id (numeric in Pandium's API), the `<integration_id>` of the install URL. */
  id: string;
  /** The integration's programmatic name; signed as `ti.xti.integration_name`. */
  name: string;
  /** The programmatic name of the integration's connector; signed as `ti.xti.connector_name`. */
  connectorName: string;
  /** A name to show people, when it differs from `name`. */
  displayName?: string;
}

/**
 * What a Pandium page is opened for: one integration's install flow, or the whole marketplace.
 *
 * @publicApi
 */
export type PandiumEmbedTarget =
  | { kind: 'install'; integration: PandiumIntegration }
  | { kind: 'marketplace' };
