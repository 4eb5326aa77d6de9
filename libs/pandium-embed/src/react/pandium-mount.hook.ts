import { useEffect, useRef } from 'react';
import type { RefObject } from 'react';
import type {
  PandiumEmbedHandle,
  PandiumMountOptions,
} from '../browser/index.js';

/** The options that change what is mounted: a change destroys the embed and mounts a new one. */
const MOUNT_KEYS = [
  'integrationId',
  'endpoint',
  'mode',
  'credentials',
  'title',
  'height',
  'minHeight',
  'maxHeight',
  'refreshOnSave',
] as const;

/**
 * Mounts an embed with `mount` into the returned ref's element after render and destroys it on unmount or when
 * one of the mount options changes. `fetch` and the callbacks are read from the latest render, so new functions on
 * each render neither remount nor go stale.
 *
 * @internal
 */
export function usePandiumMount<Options extends PandiumMountOptions>(
  mount: (container: HTMLElement, options: Options) => PandiumEmbedHandle,
  options: Options,
): RefObject<HTMLDivElement | null> {
  const container = useRef<HTMLDivElement>(null);
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });
  const record = options as Record<string, unknown>;
  const key = JSON.stringify(MOUNT_KEYS.map((name) => record[name] ?? null));

  useEffect(() => {
    const element = container.current;
    if (element === null) {
      return undefined;
    }
    const current = (): Options => latest.current;
    const handle = mount(element, {
      ...current(),
      fetch: (input, init) =>
        (current().fetch ?? globalThis.fetch)(input, init),
      onLoad: () => current().onLoad?.(),
      onError: (error) => current().onError?.(error),
      onSaveSync: (tenant) => current().onSaveSync?.(tenant),
      onCancel: (tenant) => current().onCancel?.(tenant),
      onResize: (height) => current().onResize?.(height),
    });
    return () => handle.destroy();
    // `key` stands for the mount options; the rest is read through `latest`.
  }, [mount, key]);

  return container;
}
