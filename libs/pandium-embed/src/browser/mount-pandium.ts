import { PandiumMountOptionsError } from './pandium-browser.errors.js';
import type { PandiumEmbedHandle } from './pandium-embed-handle.interface.js';
import { PandiumEmbedFrame } from './pandium-embed-frame.js';
import { createPandiumClient } from './pandium-integrations.client.js';
import { PandiumLaunchClient } from './pandium-launch.client.js';
import type { PandiumEmbedTarget } from './pandium-launch.client.js';
import type {
  PandiumInstallMountOptions,
  PandiumMarketplaceMountOptions,
  PandiumMountOptions,
} from './pandium-mount-options.interface.js';
import { resolveMountOptions } from './pandium-mount.options.js';

/**
 * Mounts Pandium's install flow for one integration in `container`: fetches a fresh launch ticket (or signed
 * URL) from the library's routes, then appends an iframe that follows Pandium's height and reports its events.
 *
 * ```ts
 * const handle = mountPandiumInstall(document.getElementById('pandium')!, {
 *   integrationId: '1042',
 *   onSaveSync: (tenant) => showToast(`${tenant.name} is syncing`),
 * });
 * // later: handle.destroy();
 * ```
 *
 * @throws {PandiumMountOptionsError} for a container that is not an element in a window, or a bad option.
 * @publicApi
 */
export function mountPandiumInstall(
  container: HTMLElement,
  options: PandiumInstallMountOptions,
): PandiumEmbedHandle {
  const integrationId = (options as Partial<PandiumInstallMountOptions>)
    ?.integrationId;
  if (typeof integrationId !== 'string' || integrationId.trim() === '') {
    throw PandiumMountOptionsError.invalid(
      'integrationId',
      'must be a non-empty string',
    );
  }
  return mount(container, options, { kind: 'install', integrationId });
}

/**
 * Mounts Pandium's in-app marketplace in `container`, like {@link mountPandiumInstall}.
 *
 * @throws {PandiumMountOptionsError} for a container that is not an element in a window, or a bad option.
 * @publicApi
 */
export function mountPandiumMarketplace(
  container: HTMLElement,
  options: PandiumMarketplaceMountOptions = {},
): PandiumEmbedHandle {
  return mount(container, options, { kind: 'marketplace' });
}

function mount(
  container: HTMLElement,
  options: PandiumMountOptions,
  target: PandiumEmbedTarget,
): PandiumEmbedHandle {
  // Duck-typed rather than `instanceof HTMLElement`, which fails for elements from another frame.
  const view = (container as Partial<HTMLElement> | null)?.ownerDocument
    ?.defaultView;
  if (container?.nodeType !== 1 || view === null || view === undefined) {
    throw PandiumMountOptionsError.invalid(
      'container',
      'must be an element of a document shown in a window',
    );
  }
  const resolved = resolveMountOptions(options, target.kind);
  const client = new PandiumLaunchClient({
    endpoint: resolved.endpoint,
    mode: resolved.mode,
    fetch: resolved.fetch,
    credentials: resolved.credentials,
    baseUrl: container.ownerDocument.baseURI,
  });
  // The same fetch, credentials and base as the launch calls: the refresh after Save is the same user's request.
  const statuses = createPandiumClient({
    endpoint: resolved.endpoint,
    fetch: resolved.fetch,
    credentials: resolved.credentials,
    baseUrl: container.ownerDocument.baseURI,
  });
  return new PandiumEmbedFrame(
    container,
    resolved,
    target,
    client,
    statuses,
    view,
  );
}
