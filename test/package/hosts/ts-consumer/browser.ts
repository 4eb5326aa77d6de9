// Type-checked only: the browser entry as a front end (lib dom) uses it.
import {
  isPandiumMessage,
  mountPandiumInstall,
  mountPandiumMarketplace,
  PandiumLaunchError,
} from 'pandium-embed/browser';
import type { PandiumEmbedHandle, PandiumTenant } from 'pandium-embed/browser';

export function open(
  container: HTMLElement,
  accessToken: string,
  onSaved: (tenant: PandiumTenant) => void,
): PandiumEmbedHandle {
  const handle = mountPandiumInstall(container, {
    integrationId: '1042',
    fetch: (input, init) =>
      fetch(input, {
        ...init,
        headers: { ...init?.headers, Authorization: `Bearer ${accessToken}` },
      }),
    onSaveSync: onSaved,
    onError: (error) => console.warn(error.message),
  });
  handle.ready.catch((error: unknown) => {
    if (error instanceof PandiumLaunchError) {
      console.warn(error.status);
    }
  });
  return handle;
}

export const marketplace = (container: HTMLElement): PandiumEmbedHandle =>
  mountPandiumMarketplace(container, { mode: 'url', height: 800 });

window.addEventListener('message', (event: MessageEvent) => {
  if (isPandiumMessage(event.data)) {
    console.log(event.data.message);
  }
});
