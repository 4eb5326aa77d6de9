import type { ReactElement } from 'react';
import { mountPandiumInstall } from '../browser/index.js';
import type { PandiumInstallMountOptions } from '../browser/index.js';
import { usePandiumMount } from './pandium-mount.hook.js';

/**
 * Props of {@link PandiumInstall}: the options of `mountPandiumInstall`, and the container's class.
 *
 * @publicApi
 */
export interface PandiumInstallProps extends PandiumInstallMountOptions {
  /** The class of the `<div>` the iframe (or its loading line and error box) is put in. */
  className?: string;
}

/**
 * Pandium's install flow for one integration, through `mountPandiumInstall`: mounted after render, destroyed on
 * unmount, mounted again when `integrationId` (or another mount option) changes. New callback functions on each
 * render do not remount it.
 *
 * ```tsx
 * <PandiumInstall integrationId={entry.id} onSaveSync={() => reload()} onCancel={close} />
 * ```
 *
 * @publicApi
 */
export function PandiumInstall({
  className,
  ...options
}: PandiumInstallProps): ReactElement {
  const container = usePandiumMount(mountPandiumInstall, options);
  return <div ref={container} className={className} />;
}
