import type { ReactElement } from 'react';
import { mountPandiumMarketplace } from '../browser/index.js';
import type { PandiumMarketplaceMountOptions } from '../browser/index.js';
import { usePandiumMount } from './pandium-mount.hook.js';

/**
 * Props of {@link PandiumMarketplace}: the options of `mountPandiumMarketplace`, and the container's class.
 *
 * @publicApi
 */
export interface PandiumMarketplaceProps extends PandiumMarketplaceMountOptions {
  /** The class of the `<div>` the iframe (or its loading line and error box) is put in. */
  className?: string;
}

/**
 * Pandium's in-app marketplace, through `mountPandiumMarketplace`, like {@link PandiumInstall}.
 *
 * @publicApi
 */
export function PandiumMarketplace({
  className,
  ...options
}: PandiumMarketplaceProps): ReactElement {
  const container = usePandiumMount(mountPandiumMarketplace, options);
  return <div ref={container} className={className} />;
}
