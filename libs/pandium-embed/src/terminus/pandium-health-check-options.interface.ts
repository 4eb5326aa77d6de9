/**
 * Which `PandiumEmbedModule` a {@link PandiumHealthIndicator} check looks at.
 *
 * @publicApi
 */
export interface PandiumHealthCheckOptions {
  /**
   * The name of the instance to check, as registered with `forRoot({ name })` or `forRootAsync({ name })`: its
   * stores, its `apiKey` against its own Pandium API, its `clockSkewSeconds`. Unset: the first `PandiumEmbedModule`
   * registered (the unnamed one, or the only one).
   */
  readonly instance?: string;
}
