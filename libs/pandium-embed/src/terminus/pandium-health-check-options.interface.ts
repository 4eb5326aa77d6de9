/**
 * Which `PandiumEmbedModule` a {@link PandiumHealthIndicator} check looks at.
 *
 * @publicApi
 */
export interface PandiumHealthCheckOptions {
  /**
   * The name of the instance to check, as registered with `forRoot({ name })` or `forRootAsync({ name })`: its
   * stores, its `apiKey` against its own Pandium API, its `clockSkewSeconds`. Unset: the unnamed `PandiumEmbedModule`
   * (with named instances only, the last registered: name the one to check).
   */
  readonly instance?: string;
}
