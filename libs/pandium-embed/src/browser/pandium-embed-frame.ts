import { PandiumLaunchError } from './pandium-browser.errors.js';
import type { PandiumEmbedHandle } from './pandium-embed-handle.interface.js';
import {
  createErrorBox,
  createLoadingStatus,
  createPandiumIframe,
} from './pandium-embed.elements.js';
import type {
  PandiumEmbedTarget,
  PandiumLaunch,
  PandiumLaunchClient,
} from './pandium-launch.client.js';
import type { PandiumClient } from './pandium-integrations.client.js';
import { isPandiumMessage } from './pandium-messages.js';
import type { PandiumMessage, PandiumTenant } from './pandium-messages.js';
import type { ResolvedMountOptions } from './pandium-mount.options.js';

interface MountedFrame {
  iframe: HTMLIFrameElement;
  trustedOrigin: string;
}

/** The live handle of each container: a second mount in the same container replaces the first. */
const mountedIn = new WeakMap<HTMLElement, PandiumEmbedFrame>();

/**
 * The mount logic behind {@link PandiumEmbedHandle}: one container, one message listener, one attempt at a time.
 *
 * @internal
 */
export class PandiumEmbedFrame implements PandiumEmbedHandle {
  private mounted: MountedFrame | undefined;
  private loading: HTMLElement | undefined;
  private errorBox: HTMLElement | undefined;
  private attempt: AbortController | undefined;
  private current: Promise<void>;
  private destroyed = false;
  /** The refreshes asked after a Save that have not settled yet; a destroy aborts them. */
  private readonly refreshes = new Set<AbortController>();
  private readonly document: Document;
  private readonly window: Window;

  constructor(
    private readonly container: HTMLElement,
    private readonly options: ResolvedMountOptions,
    private readonly target: PandiumEmbedTarget,
    private readonly client: PandiumLaunchClient,
    private readonly statuses: Pick<PandiumClient, 'refreshStatuses'>,
    view: Window,
  ) {
    this.document = container.ownerDocument;
    this.window = view;
    // Two handles in one container would stack two iframes and two listeners; the newest wins.
    mountedIn.get(container)?.destroy();
    mountedIn.set(container, this);
    this.window.addEventListener('message', this.onMessage);
    this.current = this.start();
  }

  get iframe(): HTMLIFrameElement | undefined {
    return this.mounted?.iframe;
  }

  get ready(): Promise<void> {
    return this.current;
  }

  reload(): Promise<void> {
    if (this.destroyed) {
      return Promise.resolve();
    }
    this.current = this.start();
    return this.current;
  }

  destroy(): void {
    if (this.destroyed) {
      return;
    }
    this.destroyed = true;
    this.attempt?.abort();
    this.attempt = undefined;
    this.refreshes.forEach((refresh) => refresh.abort());
    this.refreshes.clear();
    this.window.removeEventListener('message', this.onMessage);
    this.clear();
    if (mountedIn.get(this.container) === this) {
      mountedIn.delete(this.container);
    }
  }

  private start(): Promise<void> {
    this.attempt?.abort();
    const hadFocus = this.hasFocus();
    this.clear();
    const attempt = new AbortController();
    this.attempt = attempt;
    this.loading = createLoadingStatus(this.document);
    this.container.append(this.loading);
    if (hadFocus) {
      // "Try again" (or the iframe) just left the page: keep keyboard users in the embed, not on <body>.
      this.loading.tabIndex = -1;
      this.loading.focus();
    }
    const run = this.run(attempt.signal);
    // Failures are reported through the error box and onError; whoever awaits `ready` still sees the rejection.
    run.catch(() => undefined);
    return run;
  }

  private async run(signal: AbortSignal): Promise<void> {
    let launch: PandiumLaunch;
    try {
      launch = await this.client.launch(this.target, signal);
    } catch (error) {
      if (signal.aborted) {
        return;
      }
      const failure =
        error instanceof PandiumLaunchError
          ? error
          : PandiumLaunchError.network(error);
      this.showError(failure);
      throw failure;
    }
    // A host's fetch may ignore the signal: a destroy or reload during the request must still win.
    if (signal.aborted) {
      return;
    }
    this.mount(launch);
  }

  private mount({ src, trustedOrigin }: PandiumLaunch): void {
    const iframe = createPandiumIframe(this.document, this.options);
    let loaded = false;
    // `load` fires again on every navigation inside the frame; onLoad is once per mount.
    iframe.addEventListener('load', () => {
      if (loaded || this.mounted?.iframe !== iframe) {
        return;
      }
      loaded = true;
      const hadFocus = this.hasFocus([this.loading]);
      this.loading?.remove();
      this.loading = undefined;
      if (hadFocus) {
        iframe.focus();
      }
      this.notify(() => this.options.callbacks.onLoad?.());
    });
    this.mounted = { iframe, trustedOrigin };
    iframe.src = src;
    this.container.append(iframe);
  }

  private showError(error: PandiumLaunchError): void {
    const hadFocus = this.hasFocus();
    this.clear();
    this.errorBox = createErrorBox(this.document, error.message, () => {
      void this.reload();
    });
    this.container.append(this.errorBox);
    if (hadFocus) {
      this.errorBox.querySelector('button')?.focus();
    }
    this.notify(() => this.options.callbacks.onError?.(error));
  }

  /** Whether keyboard focus is in one of `elements`, by default anything this helper put in the container. */
  private hasFocus(
    elements: readonly (Element | undefined)[] = [
      this.mounted?.iframe,
      this.loading,
      this.errorBox,
    ],
  ): boolean {
    const active = this.document.activeElement;
    return (
      active !== null &&
      elements.some((element) => element?.contains(active) === true)
    );
  }

  private clear(): void {
    this.mounted?.iframe.remove();
    this.mounted = undefined;
    this.loading?.remove();
    this.loading = undefined;
    this.errorBox?.remove();
    this.errorBox = undefined;
  }

  private readonly onMessage = (event: MessageEvent): void => {
    const frame = this.mounted;
    const source = frame?.iframe.contentWindow;
    // Both checks: the origin alone would trust any Pandium page the user has open, the source alone any page
    // this iframe navigated to.
    if (
      frame === undefined ||
      source === null ||
      source === undefined ||
      event.source !== source ||
      event.origin !== frame.trustedOrigin ||
      !isPandiumMessage(event.data)
    ) {
      return;
    }
    this.handle(frame.iframe, event.data);
  };

  private handle(iframe: HTMLIFrameElement, data: PandiumMessage): void {
    const { callbacks, minHeight, maxHeight } = this.options;
    switch (data.message) {
      case 'pandium-content-height-change': {
        const height = Math.min(
          maxHeight,
          Math.max(minHeight, Math.ceil(data.height)),
        );
        iframe.style.height = `${height}px`;
        this.notify(() => callbacks.onResize?.(height));
        break;
      }
      case 'pandium-save-sync':
        void this.saved(data.tenant);
        break;
      case 'pandium-install-cancel':
        this.notify(() => callbacks.onCancel?.(data.tenant ?? undefined));
        break;
    }
  }

  /**
   * After a Save: asks the server for fresh statuses (unless `refreshOnSave` is off), then tells the host, so that
   * a catalog read in `onSaveSync` sees the new installation. Nothing is called once the handle is destroyed.
   */
  private async saved(tenant: PandiumTenant): Promise<void> {
    if (this.options.refreshOnSave) {
      const refresh = new AbortController();
      this.refreshes.add(refresh);
      // A server without the route (404) or a failed request must not cost the host its onSaveSync.
      await this.statuses
        .refreshStatuses(refresh.signal)
        .catch(() => undefined);
      this.refreshes.delete(refresh);
    }
    if (!this.destroyed) {
      this.notify(() => this.options.callbacks.onSaveSync?.(tenant));
    }
  }

  /** Runs a host callback; a throwing one is reported like an uncaught error and does not break the embed. */
  private notify(callback: () => void): void {
    try {
      callback();
    } catch (error) {
      if (typeof this.window.reportError === 'function') {
        this.window.reportError(error);
      } else {
        setTimeout(() => {
          throw error;
        });
      }
    }
  }
}
