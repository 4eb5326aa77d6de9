/** @jest-environment jsdom */
import { jest } from '@jest/globals';
import {
  PandiumLaunchError,
  PandiumMountOptionsError,
} from './pandium-browser.errors.js';
import type { PandiumEmbedHandle } from './pandium-embed-handle.interface.js';
import {
  mountPandiumInstall,
  mountPandiumMarketplace,
} from './mount-pandium.js';
import type {
  PandiumInstallMountOptions,
  PandiumMountOptions,
} from './pandium-mount-options.interface.js';
import {
  FAKE_JWT,
  PANDIUM_ORIGIN,
  SIGNED_URL,
  deferred,
  fakeFetch,
  jsonResponse,
  settle,
  textResponse,
  ticketRequestInit,
  ticketResponse,
} from './pandium-browser.spec-utils.js';

const handles: PandiumEmbedHandle[] = [];

function setup(
  options: Partial<PandiumMountOptions> = {},
  respond: Parameters<typeof fakeFetch>[0] = () => ticketResponse(),
) {
  const container = document.createElement('div');
  document.body.append(container);
  const fetch = fakeFetch(respond);
  const callbacks = {
    onLoad: jest.fn(),
    onError: jest.fn(),
    onSaveSync: jest.fn(),
    onCancel: jest.fn(),
    onResize: jest.fn(),
  };
  const handle = mountPandiumInstall(container, {
    integrationId: '1042',
    fetch,
    ...callbacks,
    ...options,
  });
  handles.push(handle);
  return { container, fetch, handle, ...callbacks };
}

/** What Pandium's page would post, from `source` (the iframe's window unless told) and `origin`. */
function post(
  data: unknown,
  {
    origin = PANDIUM_ORIGIN,
    source,
  }: { origin?: string; source: MessageEventSource | null },
): void {
  window.dispatchEvent(new MessageEvent('message', { data, origin, source }));
}

/** Pandium's page asking, from `source`, for the iframe to be `height` pixels tall. */
function postHeight(height: number, source: MessageEventSource | null): void {
  post({ message: 'pandium-content-height-change', height }, { source });
}

function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

function frameOf(handle: PandiumEmbedHandle): HTMLIFrameElement {
  expect(handle.iframe).toBeDefined();
  return handle.iframe!;
}

/** The "Try again" button of the error box in `container`. */
function retryButtonOf(container: HTMLElement): HTMLButtonElement {
  const button = container.querySelector<HTMLButtonElement>(
    '[role="alert"] button',
  );
  expect(button).not.toBeNull();
  return button!;
}

afterEach(() => {
  handles.splice(0).forEach((handle) => handle.destroy());
  document.body.replaceChildren();
  jest.restoreAllMocks();
});

describe('mountPandiumInstall', () => {
  describe('fetching', () => {
    it('should fetch a fresh ticket for every mount and every reload', async () => {
      const { fetch, handle } = setup();
      await handle.ready;
      const first = frameOf(handle);

      await handle.reload();
      const second = frameOf(handle);

      expect(fetch).toHaveBeenCalledTimes(2);
      expect(second).not.toBe(first);
      expect(first.isConnected).toBe(false);
      expect(second.src).not.toBe(first.src);

      const other = setup();
      await other.handle.ready;
      expect(other.fetch).toHaveBeenCalledTimes(1);
    });

    it('should POST the ticket request through the given fetch in ticket mode (the default)', async () => {
      const { fetch, handle } = setup({ endpoint: '/api/pandium' });
      await handle.ready;

      const [url, init] = fetch.mock.calls[0];
      expect(url).toBe('http://localhost/api/pandium/launch-tickets');
      expect(init).toMatchObject(
        ticketRequestInit({ kind: 'install', integrationId: '1042' }),
      );
      expect(frameOf(handle).src).toMatch(
        /^http:\/\/localhost\/pandium\/launch\/ticket-\d+$/,
      );
    });

    it("should fetch with credentials: 'include' when told, for an endpoint on another origin", async () => {
      const { fetch, handle } = setup({
        endpoint: 'https://api.example.com/pandium',
        credentials: 'include',
      });
      await handle.ready.catch(() => undefined);

      const [url, init] = fetch.mock.calls[0];
      expect(url).toBe('https://api.example.com/pandium/launch-tickets');
      expect(init).toMatchObject({ method: 'POST', credentials: 'include' });
    });

    it('should GET the signed URL in url mode and load it', async () => {
      const { fetch, handle } = setup({ mode: 'url' }, () =>
        jsonResponse(200, { url: SIGNED_URL, expiresIn: 300 }),
      );
      await handle.ready;

      const [url, init] = fetch.mock.calls[0];
      expect(url).toBe(
        'http://localhost/pandium/integrations/1042/install-url',
      );
      expect(init).toMatchObject({
        method: 'GET',
        headers: { Accept: 'application/json' },
      });
      expect(frameOf(handle).src).toBe(SIGNED_URL);
    });

    it('should use the global fetch when none is given', async () => {
      const globalFetch = fakeFetch(() => ticketResponse());
      const saved = globalThis.fetch;
      globalThis.fetch = globalFetch;
      try {
        const container = document.body.appendChild(
          document.createElement('div'),
        );
        const handle = mountPandiumMarketplace(container);
        handles.push(handle);
        await handle.ready;

        expect(globalFetch).toHaveBeenCalledTimes(1);
        expect(
          JSON.parse(globalFetch.mock.calls[0][1]!.body as string),
        ).toEqual({ kind: 'marketplace' });
      } finally {
        globalThis.fetch = saved;
      }
    });
  });

  describe('the iframe', () => {
    it('should carry referrerpolicy, the default title, full width, no border and the default height', async () => {
      const { container, handle } = setup();
      await handle.ready;
      const iframe = frameOf(handle);

      expect(iframe.parentElement).toBe(container);
      expect(iframe.getAttribute('referrerpolicy')).toBe('no-referrer');
      expect(iframe.title).toBe('Pandium integration install');
      expect(iframe.style.width).toBe('100%');
      expect(iframe.style.height).toBe('600px');
      expect(iframe.style.border).toMatch(/^0/);
      expect(iframe.hasAttribute('allow')).toBe(false);
    });

    it('should take a custom title and height', async () => {
      const { handle } = setup({ title: 'Connect HubSpot', height: 420 });
      await handle.ready;

      expect(frameOf(handle).title).toBe('Connect HubSpot');
      expect(frameOf(handle).style.height).toBe('420px');
    });

    it('should title the marketplace "Pandium marketplace"', async () => {
      const container = document.body.appendChild(
        document.createElement('div'),
      );
      const handle = mountPandiumMarketplace(container, {
        fetch: fakeFetch(() => ticketResponse()),
      });
      handles.push(handle);
      await handle.ready;

      expect(frameOf(handle).title).toBe('Pandium marketplace');
    });

    it('should show a loading status until the iframe loads, then call onLoad once', async () => {
      const pending = deferred<Response>();
      const { container, handle, onLoad } = setup({}, () => pending.promise);

      const status = container.querySelector('[role="status"]');
      expect(status?.textContent).toBe('Loading Pandium…');
      expect(handle.iframe).toBeUndefined();

      pending.resolve(ticketResponse());
      await handle.ready;
      expect(container.querySelector('[role="status"]')).not.toBeNull();

      frameOf(handle).dispatchEvent(new Event('load'));
      frameOf(handle).dispatchEvent(new Event('load'));
      expect(container.querySelector('[role="status"]')).toBeNull();
      expect(onLoad).toHaveBeenCalledTimes(1);
    });
  });

  describe('messages', () => {
    it('should resize the iframe on a height message and call onResize', async () => {
      const { handle, onResize } = setup();
      await handle.ready;
      const iframe = frameOf(handle);

      postHeight(812.4, iframe.contentWindow);

      expect(iframe.style.height).toBe('813px');
      expect(onResize).toHaveBeenCalledWith(813);
    });

    it('should clamp the height to minHeight and maxHeight', async () => {
      const { handle, onResize } = setup({ minHeight: 200, maxHeight: 1000 });
      await handle.ready;
      const iframe = frameOf(handle);

      postHeight(10, iframe.contentWindow);
      expect(iframe.style.height).toBe('200px');
      postHeight(1e9, iframe.contentWindow);
      expect(iframe.style.height).toBe('1000px');
      expect(onResize.mock.calls).toEqual([[200], [1000]]);
    });

    it('should call onSaveSync with the tenant', async () => {
      const { handle, onSaveSync } = setup();
      await handle.ready;

      post(
        { message: 'pandium-save-sync', tenant: { id: 7, name: 'Acme' } },
        { source: frameOf(handle).contentWindow },
      );
      await settle();

      expect(onSaveSync).toHaveBeenCalledWith({ id: 7, name: 'Acme' });
    });

    describe('the refresh after Save', () => {
      const REFRESH_URL = 'http://localhost/pandium/integrations/refresh';
      const saved = {
        message: 'pandium-save-sync',
        tenant: { id: 7, name: 'Acme' },
      };

      /** A mount whose refresh request is answered by `refresh`, every other request with a ticket. */
      function setupRefresh(
        refresh: () => Response | Promise<Response>,
        options: Partial<PandiumMountOptions> = {},
      ) {
        return setup(options, (url) =>
          url.endsWith('/integrations/refresh') ? refresh() : ticketResponse(),
        );
      }

      it("should POST <endpoint>/integrations/refresh with the launch calls' fetch and credentials", async () => {
        const { fetch, handle } = setupRefresh(
          () => jsonResponse(204, undefined),
          {
            endpoint: 'https://api.example.com/pandium/',
            credentials: 'include',
          },
        );
        await handle.ready;

        post(saved, { source: frameOf(handle).contentWindow });
        await settle();

        expect(fetch).toHaveBeenCalledTimes(2);
        const [url, init] = fetch.mock.calls[1];
        expect(url).toBe(
          'https://api.example.com/pandium/integrations/refresh',
        );
        expect(init).toMatchObject({
          method: 'POST',
          credentials: 'include',
          cache: 'no-store',
        });
      });

      it('should call onSaveSync only once the refresh has settled', async () => {
        const pending = deferred<Response>();
        const { fetch, handle, onSaveSync } = setupRefresh(
          () => pending.promise,
        );
        await handle.ready;

        post(saved, { source: frameOf(handle).contentWindow });
        await settle();
        expect(fetch.mock.calls.map(([url]) => url)).toContain(REFRESH_URL);
        expect(onSaveSync).not.toHaveBeenCalled();

        pending.resolve(jsonResponse(204, undefined));
        await settle();
        expect(onSaveSync).toHaveBeenCalledTimes(1);
        expect(onSaveSync).toHaveBeenCalledWith({ id: 7, name: 'Acme' });
      });

      it.each<[string, () => Response]>([
        [
          'a 404 from a server without the route',
          () => jsonResponse(404, { statusCode: 404 }),
        ],
        ['a 429', () => jsonResponse(429, { statusCode: 429 })],
        [
          'a network error',
          () => {
            throw new TypeError('Failed to fetch');
          },
        ],
      ])('should still call onSaveSync after %s', async (_case, refresh) => {
        const { handle, onSaveSync, onError } = setupRefresh(refresh);
        await handle.ready;

        post(saved, { source: frameOf(handle).contentWindow });
        await settle();

        expect(onSaveSync).toHaveBeenCalledTimes(1);
        expect(onError).not.toHaveBeenCalled();
      });

      it('should abort the refresh and call nothing when destroyed while it is pending', async () => {
        const pending = deferred<Response>();
        const { fetch, handle, onSaveSync } = setupRefresh(
          () => pending.promise,
        );
        await handle.ready;
        post(saved, { source: frameOf(handle).contentWindow });
        await settle();
        const signal = fetch.mock.calls[1][1]!.signal!;

        handle.destroy();
        expect(signal.aborted).toBe(true);
        pending.resolve(jsonResponse(204, undefined));
        await settle();

        expect(onSaveSync).not.toHaveBeenCalled();
      });

      it('should call onSaveSync without a request when refreshOnSave is false', async () => {
        const { fetch, handle, onSaveSync } = setupRefresh(
          () => jsonResponse(204, undefined),
          { refreshOnSave: false },
        );
        await handle.ready;

        post(saved, { source: frameOf(handle).contentWindow });
        await settle();

        expect(fetch).toHaveBeenCalledTimes(1);
        expect(onSaveSync).toHaveBeenCalledTimes(1);
      });
    });

    it('should call onCancel with the tenant, or nothing when there is none', async () => {
      const { handle, onCancel } = setup();
      await handle.ready;
      const source = frameOf(handle).contentWindow;

      post(
        { message: 'pandium-install-cancel', tenant: { id: 7, name: 'Acme' } },
        { source },
      );
      post({ message: 'pandium-install-cancel' }, { source });
      post({ message: 'pandium-install-cancel', tenant: null }, { source });

      expect(onCancel.mock.calls).toEqual([
        [{ id: 7, name: 'Acme' }],
        [undefined],
        [undefined],
      ]);
    });

    it('should trust the URL origin in url mode', async () => {
      const { handle, onResize } = setup({ mode: 'url' }, () =>
        jsonResponse(200, { url: SIGNED_URL }),
      );
      await handle.ready;

      postHeight(700, frameOf(handle).contentWindow);

      expect(onResize).toHaveBeenCalledWith(700);
    });

    describe('ignored', () => {
      const resize = { message: 'pandium-content-height-change', height: 900 };

      it('should ignore a message from another origin, including the launch route origin', async () => {
        const { handle, onResize } = setup();
        await handle.ready;
        const source = frameOf(handle).contentWindow;

        post(resize, { origin: 'https://evil.example', source });
        post(resize, { origin: 'http://localhost', source });
        post(resize, { origin: 'https://imp.pandium.com', source });

        expect(onResize).not.toHaveBeenCalled();
        expect(frameOf(handle).style.height).toBe('600px');
      });

      it('should ignore a message from another window, even with the right origin', async () => {
        const { handle, onResize } = setup();
        await handle.ready;
        const other = document.body.appendChild(
          document.createElement('iframe'),
        );

        post(resize, { source: other.contentWindow });
        post(resize, { source: window });
        post(resize, { source: null });

        expect(onResize).not.toHaveBeenCalled();
      });

      it('should ignore malformed messages', async () => {
        const { handle, onResize, onSaveSync, onCancel } = setup();
        await handle.ready;
        const source = frameOf(handle).contentWindow;

        for (const data of [
          'pandium-save-sync',
          JSON.stringify(resize),
          null,
          { message: 'pandium-content-height-change', height: '900' },
          { message: 'pandium-content-height-change', height: Number.NaN },
          { message: 'pandium-save-sync' },
          { message: 'pandium-save-sync', tenant: { name: 'no id' } },
          { message: 'pandium-install-cancel', tenant: 'Acme' },
        ]) {
          post(data, { source });
        }

        expect(onResize).not.toHaveBeenCalled();
        expect(onSaveSync).not.toHaveBeenCalled();
        expect(onCancel).not.toHaveBeenCalled();
      });

      it('should ignore messages before the iframe is mounted', () => {
        const { onResize } = setup({}, () => new Promise<Response>(() => {}));

        post(resize, { source: window });

        expect(onResize).not.toHaveBeenCalled();
      });
    });
  });

  describe('errors', () => {
    it('should show an alert with the message and call onError', async () => {
      const { container, handle, onError } = setup({}, () =>
        jsonResponse(401, {
          statusCode: 401,
          error: 'Unauthorized',
          message: 'Sign in to open Pandium.',
        }),
      );

      await expect(handle.ready).rejects.toBeInstanceOf(PandiumLaunchError);

      const alert = container.querySelector('[role="alert"]');
      expect(alert?.textContent).toContain('Sign in to open Pandium.');
      expect(alert?.querySelector('button')?.textContent).toBe('Try again');
      expect(handle.iframe).toBeUndefined();
      expect(container.querySelector('[role="status"]')).toBeNull();
      expect(onError).toHaveBeenCalledWith(
        expect.objectContaining({
          status: 401,
          message: 'Sign in to open Pandium.',
        }),
      );
    });

    it('should fetch again and mount when "Try again" is clicked', async () => {
      let calls = 0;
      const { container, fetch, handle } = setup({}, () =>
        ++calls === 1
          ? jsonResponse(503, { statusCode: 503, message: 'Try later.' })
          : ticketResponse(),
      );
      await handle.ready.catch(() => undefined);

      retryButtonOf(container).click();
      await handle.ready;

      expect(fetch).toHaveBeenCalledTimes(2);
      expect(container.querySelector('[role="alert"]')).toBeNull();
      expect(frameOf(handle).isConnected).toBe(true);
    });

    it('should keep keyboard focus in the embed after "Try again": on the loading status, then on the new button', async () => {
      const { container, handle } = setup({}, () =>
        jsonResponse(503, { statusCode: 503, message: 'Try later.' }),
      );
      await handle.ready.catch(() => undefined);
      const button = retryButtonOf(container);
      button.focus();

      button.click();
      const status = container.querySelector('[role="status"]');
      expect(status).not.toBeNull();
      expect(document.activeElement).toBe(status);

      await handle.ready.catch(() => undefined);
      expect(document.activeElement).toBe(
        container.querySelector('[role="alert"] button'),
      );
    });

    it('should move focus from the loading status to the iframe when a retry loads', async () => {
      let calls = 0;
      const { container, handle } = setup({}, () =>
        ++calls === 1 ? jsonResponse(503, {}) : ticketResponse(),
      );
      await handle.ready.catch(() => undefined);
      const button = retryButtonOf(container);
      button.focus();
      button.click();
      await handle.ready;

      frameOf(handle).dispatchEvent(new Event('load'));

      expect(document.activeElement).toBe(frameOf(handle));
    });

    it('should not take focus it did not have', async () => {
      const outside = document.body.appendChild(
        document.createElement('button'),
      );
      outside.focus();
      const { handle } = setup({}, () => jsonResponse(503, {}));
      await handle.ready.catch(() => undefined);
      await handle.reload().catch(() => undefined);

      expect(document.activeElement).toBe(outside);
    });

    it('should put the message in as text, not HTML', async () => {
      const { container, handle } = setup({}, () =>
        jsonResponse(400, { message: '<img src=x onerror=alert(1)>' }),
      );
      await handle.ready.catch(() => undefined);

      expect(container.querySelector('img')).toBeNull();
      expect(container.querySelector('[role="alert"] p')?.textContent).toBe(
        '<img src=x onerror=alert(1)>',
      );
    });

    it('should never put the URL or token in the error, the alert or the console', async () => {
      const log = jest.spyOn(console, 'log');
      const warn = jest.spyOn(console, 'warn');
      const error = jest.spyOn(console, 'error');
      const cases: Array<() => Response> = [
        () => textResponse(200, `{"url":"${SIGNED_URL}"`),
        () => jsonResponse(200, { url: `javascript:${FAKE_JWT}` }),
        () => jsonResponse(502, { message: `upstream: ${SIGNED_URL}` }),
      ];
      for (const respond of cases) {
        const { container, handle, onError } = setup({ mode: 'url' }, respond);
        const failure = await handle.ready.then(
          () => undefined,
          (reason: unknown) => reason as PandiumLaunchError,
        );

        expect(failure).toBeInstanceOf(PandiumLaunchError);
        const reported = onError.mock.calls[0][0] as PandiumLaunchError;
        for (const text of [
          failure!.message,
          String(failure),
          failure!.stack,
          reported.message,
          container.textContent,
        ]) {
          expect(text).not.toContain(FAKE_JWT);
        }
      }
      expect([
        ...log.mock.calls,
        ...warn.mock.calls,
        ...error.mock.calls,
      ]).toEqual([]);
    });
  });

  describe('destroy', () => {
    it('should remove the iframe and the message listener', async () => {
      const add = jest.spyOn(window, 'addEventListener');
      const remove = jest.spyOn(window, 'removeEventListener');
      const { container, handle, onResize } = setup();
      await handle.ready;
      const source = frameOf(handle).contentWindow;
      const listener = add.mock.calls.find(([type]) => type === 'message')![1];

      handle.destroy();

      expect(container.childElementCount).toBe(0);
      expect(handle.iframe).toBeUndefined();
      expect(remove).toHaveBeenCalledWith('message', listener);
      postHeight(900, source);
      expect(onResize).not.toHaveBeenCalled();
    });

    it('should remove the error box', async () => {
      const { container, handle } = setup({}, () => jsonResponse(503, {}));
      await handle.ready.catch(() => undefined);

      handle.destroy();

      expect(container.childElementCount).toBe(0);
    });

    it('should be idempotent, and reload afterwards should do nothing', async () => {
      const { fetch, handle } = setup();
      await handle.ready;

      handle.destroy();
      handle.destroy();
      await handle.reload();

      expect(fetch).toHaveBeenCalledTimes(1);
      expect(handle.iframe).toBeUndefined();
    });

    it('should abort a pending fetch and never mount afterwards, even when fetch ignores the signal', async () => {
      const pending = deferred<Response>();
      const { container, fetch, handle, onError } = setup(
        {},
        () => pending.promise,
      );
      const signal = fetch.mock.calls[0][1]!.signal!;

      handle.destroy();
      expect(signal.aborted).toBe(true);
      pending.resolve(ticketResponse());
      await handle.ready;

      expect(handle.iframe).toBeUndefined();
      expect(container.childElementCount).toBe(0);
      expect(onError).not.toHaveBeenCalled();
    });

    it('should let a reload during a pending fetch win over the first fetch', async () => {
      const first = deferred<Response>();
      let calls = 0;
      const { container, handle } = setup({}, () =>
        ++calls === 1 ? first.promise : ticketResponse(),
      );
      const firstReady = handle.ready;

      await handle.reload();
      const mounted = frameOf(handle);
      first.resolve(ticketResponse());
      await firstReady;

      expect(container.querySelectorAll('iframe')).toHaveLength(1);
      expect(handle.iframe).toBe(mounted);
    });
  });

  describe('a second mount in the same container', () => {
    it('should replace the first: one iframe, and the first handle destroyed, its pending fetch never mounting', async () => {
      const remove = jest.spyOn(window, 'removeEventListener');
      const container = document.body.appendChild(
        document.createElement('div'),
      );
      const pending = deferred<Response>();
      const first = mountPandiumInstall(container, {
        integrationId: '1042',
        fetch: fakeFetch(() => pending.promise),
      });
      const second = mountPandiumInstall(container, {
        integrationId: '2077',
        fetch: fakeFetch(() => ticketResponse()),
      });
      handles.push(first, second);

      expect(container.querySelectorAll('[role="status"]')).toHaveLength(1);
      await second.ready;
      pending.resolve(ticketResponse());
      await first.ready;

      expect(container.querySelectorAll('iframe')).toHaveLength(1);
      expect(first.iframe).toBeUndefined();
      expect(second.iframe?.isConnected).toBe(true);
      expect(remove).toHaveBeenCalledWith('message', expect.any(Function));
    });

    it('should leave a handle in another container alone', async () => {
      const one = setup();
      const two = setup();
      await Promise.all([one.handle.ready, two.handle.ready]);

      expect(one.handle.iframe?.isConnected).toBe(true);
      expect(two.handle.iframe?.isConnected).toBe(true);
    });

    it('should let a destroyed earlier handle stay destroyed without touching the new one', async () => {
      const container = document.body.appendChild(
        document.createElement('div'),
      );
      const fetch = fakeFetch(() => ticketResponse());
      const first = mountPandiumInstall(container, {
        integrationId: '1',
        fetch,
      });
      first.destroy();
      const second = mountPandiumInstall(container, {
        integrationId: '2',
        fetch,
      });
      handles.push(second);
      await second.ready;
      first.destroy();

      expect(second.iframe?.isConnected).toBe(true);
    });
  });

  describe('options', () => {
    const container = () =>
      document.body.appendChild(document.createElement('div'));
    const fetch = fakeFetch(() => ticketResponse());

    it.each<[string, Record<string, unknown>]>([
      ['integrationId', { integrationId: '' }],
      ['mode', { integrationId: '1', mode: 'cookie' }],
      ['endpoint', { integrationId: '1', endpoint: '' }],
      ['height', { integrationId: '1', height: -5 }],
      ['minHeight', { integrationId: '1', minHeight: 900, maxHeight: 800 }],
      ['onSaveSync', { integrationId: '1', onSaveSync: 'yes' }],
      ['credentials', { integrationId: '1', credentials: 'omit' }],
      ['refreshOnSave', { integrationId: '1', refreshOnSave: 'no' }],
    ])('should throw naming %s', (option, options) => {
      const error = thrownBy(() =>
        mountPandiumInstall(container(), {
          fetch,
          ...options,
        } as unknown as PandiumInstallMountOptions),
      );

      expect(error).toBeInstanceOf(PandiumMountOptionsError);
      expect(error).toMatchObject({ option });
      expect(fetch).not.toHaveBeenCalled();
    });

    it('should refuse a container that is not an element', () => {
      const error = thrownBy(() =>
        mountPandiumMarketplace(
          document.createTextNode('x') as unknown as HTMLElement,
          { fetch },
        ),
      );

      expect(error).toBeInstanceOf(PandiumMountOptionsError);
      expect(error).toMatchObject({ option: 'container' });
    });
  });
});
