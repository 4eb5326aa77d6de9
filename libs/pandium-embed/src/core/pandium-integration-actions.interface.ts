/**
 * What `runIntegration` gives: Pandium's id of the trigger that starts the run (`trigger_id`, as a string even when
 * Pandium sends a number). Pandium debounces triggers and bundles those that arrive during a run into the next one.
 *
 * @publicApi
 */
export interface PandiumSyncResult {
  /** Pandium's `trigger_id` of the run. */
  triggerId: string;
}

/**
 * Runs and uninstalls a user's integrations on Pandium, only ever on the tenant that Pandium lists for that user
 * (`user_name=<sub>`) and integration, never on an id a client sends. Each call logs one audit line.
 *
 * @internal
 */
export interface PandiumIntegrationActions {
  /**
   * Starts a run of the user's live tenant of this integration.
   *
   * @throws {PandiumHttpException} `PANDIUM_TENANT_NOT_FOUND` (404) when the user has no live tenant of it.
   * @throws {PandiumHttpException} `PANDIUM_API_FAILED` (502), `PANDIUM_API_BUSY` (503) or `PANDIUM_API_TIMEOUT`
   *   (504) when Pandium's API fails, answers 429, or does not answer in time.
   */
  sync(userName: string, integrationId: string): Promise<PandiumSyncResult>;

  /**
   * Archives the user's live tenant of this integration.
   *
   * @throws {PandiumHttpException} as {@link sync} does.
   */
  uninstall(userName: string, integrationId: string): Promise<void>;
}
