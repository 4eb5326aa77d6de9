/** @jest-environment jsdom */
import { jest } from '@jest/globals';
import { StrictMode } from 'react';
import { act, render, waitFor } from '@testing-library/react';
import {
  PANDIUM_ORIGIN,
  deferred,
  fakeFetch,
  jsonResponse,
  ticketResponse,
} from '../browser/pandium-browser.spec-utils.js';
import { PandiumInstall } from './pandium-install.component.js';
import { PandiumMarketplace } from './pandium-marketplace.component.js';

const REFRESH_URL = 'http://localhost/pandium/integrations/refresh';

/** A fetch answering ticket requests with a ticket and the refresh with `refresh` (a 204 by default). */
function server(
  refresh: () => Response | Promise<Response> = () =>
    jsonResponse(204, undefined),
) {
  return fakeFetch((url) =>
    url === REFRESH_URL ? refresh() : ticketResponse(),
  );
}

/** The body of each ticket request made so far. */
function ticketsAsked(fetch: ReturnType<typeof fakeFetch>): unknown[] {
  return fetch.mock.calls
    .filter(([url]) => (url as string).endsWith('/launch-tickets'))
    .map(([, init]) => JSON.parse(init!.body as string) as unknown);
}

async function mountedFrame(
  container: HTMLElement,
): Promise<HTMLIFrameElement> {
  return waitFor(() => {
    const frames = container.querySelectorAll('iframe');
    expect(frames).toHaveLength(1);
    return frames[0];
  });
}

/** What Pandium's page in `iframe` would post. */
function post(iframe: HTMLIFrameElement, data: unknown): void {
  act(() => {
    window.dispatchEvent(
      new MessageEvent('message', {
        data,
        origin: PANDIUM_ORIGIN,
        source: iframe.contentWindow,
      }),
    );
  });
}

afterEach(() => {
  jest.restoreAllMocks();
});

describe('PandiumInstall', () => {
  it('should mount one iframe for the integration in its div', async () => {
    const fetch = server();
    const { container } = render(
      <PandiumInstall integrationId="1042" fetch={fetch} className="embed" />,
    );

    const iframe = await mountedFrame(container);

    expect(iframe.parentElement).toBe(container.querySelector('div.embed'));
    expect(iframe.title).toBe('Pandium integration install');
    expect(ticketsAsked(fetch)).toEqual([
      { kind: 'install', integrationId: '1042' },
    ]);
  });

  it('should mount one iframe under StrictMode, whose effects run twice', async () => {
    const fetch = server();
    const { container } = render(
      <StrictMode>
        <PandiumInstall integrationId="1042" fetch={fetch} />
      </StrictMode>,
    );

    await mountedFrame(container);

    expect(container.querySelectorAll('iframe')).toHaveLength(1);
  });

  it('should destroy the embed and mount another when integrationId changes', async () => {
    const fetch = server();
    const { container, rerender } = render(
      <PandiumInstall integrationId="1042" fetch={fetch} />,
    );
    const first = await mountedFrame(container);

    rerender(<PandiumInstall integrationId="2077" fetch={fetch} />);
    const second = await waitFor(() => {
      const frame = container.querySelector('iframe');
      expect(frame).not.toBeNull();
      expect(frame).not.toBe(first);
      return frame!;
    });

    expect(first.isConnected).toBe(false);
    expect(container.querySelectorAll('iframe')).toHaveLength(1);
    expect(second.isConnected).toBe(true);
    expect(ticketsAsked(fetch)).toEqual([
      { kind: 'install', integrationId: '1042' },
      { kind: 'install', integrationId: '2077' },
    ]);
  });

  it('should keep the embed when only callbacks or fetch change, and call the newest callback', async () => {
    const fetch = server();
    const first = jest.fn();
    const { container, rerender } = render(
      <PandiumInstall integrationId="1042" fetch={fetch} onResize={first} />,
    );
    const iframe = await mountedFrame(container);
    const latest = jest.fn();

    rerender(
      <PandiumInstall
        integrationId="1042"
        fetch={server()}
        onResize={latest}
      />,
    );
    post(iframe, { message: 'pandium-content-height-change', height: 700 });

    expect(iframe.isConnected).toBe(true);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(first).not.toHaveBeenCalled();
    expect(latest).toHaveBeenCalledWith(700);
  });

  it('should destroy the embed on unmount: no iframe, no message listener', async () => {
    const remove = jest.spyOn(window, 'removeEventListener');
    const onResize = jest.fn();
    const { container, unmount } = render(
      <PandiumInstall
        integrationId="1042"
        fetch={server()}
        onResize={onResize}
      />,
    );
    const iframe = await mountedFrame(container);
    const source = iframe.contentWindow;

    unmount();
    window.dispatchEvent(
      new MessageEvent('message', {
        data: { message: 'pandium-content-height-change', height: 700 },
        origin: PANDIUM_ORIGIN,
        source,
      }),
    );

    expect(iframe.isConnected).toBe(false);
    expect(remove).toHaveBeenCalledWith('message', expect.any(Function));
    expect(onResize).not.toHaveBeenCalled();
  });

  it('should call onSaveSync once the refresh after Save has settled', async () => {
    const refresh = deferred<Response>();
    const fetch = server(() => refresh.promise);
    const onSaveSync = jest.fn();
    const { container } = render(
      <PandiumInstall
        integrationId="1042"
        fetch={fetch}
        onSaveSync={onSaveSync}
      />,
    );
    const iframe = await mountedFrame(container);

    post(iframe, {
      message: 'pandium-save-sync',
      tenant: { id: 7, name: 'Acme' },
    });
    await waitFor(() =>
      expect(fetch.mock.calls.map(([url]) => url)).toContain(REFRESH_URL),
    );
    expect(onSaveSync).not.toHaveBeenCalled();
    refresh.resolve(jsonResponse(204, undefined));

    await waitFor(() =>
      expect(onSaveSync).toHaveBeenCalledWith({ id: 7, name: 'Acme' }),
    );
    expect(
      fetch.mock.calls.find(([url]) => url === REFRESH_URL)![1],
    ).toMatchObject({ method: 'POST', credentials: 'same-origin' });
  });
});

describe('PandiumMarketplace', () => {
  it('should mount the marketplace, and destroy it on unmount', async () => {
    const fetch = server();
    const { container, unmount } = render(
      <PandiumMarketplace fetch={fetch} title="Integrations" />,
    );

    const iframe = await mountedFrame(container);
    expect(iframe.title).toBe('Integrations');
    expect(ticketsAsked(fetch)).toEqual([{ kind: 'marketplace' }]);

    unmount();
    expect(iframe.isConnected).toBe(false);
  });
});
