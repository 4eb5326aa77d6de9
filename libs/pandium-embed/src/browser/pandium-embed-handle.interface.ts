/**
 * A mounted Pandium iframe, as the mount functions return it.
 *
 * @publicApi
 */
export interface PandiumEmbedHandle {
  /** The current iframe; `undefined` while loading, after an error and after `destroy()`. */
  readonly iframe: HTMLIFrameElement | undefined;
  /**
   * The current attempt: resolves once the iframe is in the page with its address, rejects with the
   * `PandiumLaunchError` when the address could not be obtained (the error box and `onError` report it too; no
   * unhandled rejection when nobody awaits it), resolves without an iframe when `reload()` or `destroy()`
   * cut the attempt short.
   */
  readonly ready: Promise<void>;
  /**
   * Removes the iframe or error box, fetches a fresh URL or ticket and mounts a new iframe. Settles like
   * {@link ready}. Does nothing after `destroy()`.
   */
  reload(): Promise<void>;
  /** Removes what the helper added and stops listening to messages; a pending fetch never mounts. Idempotent. */
  destroy(): void;
}
