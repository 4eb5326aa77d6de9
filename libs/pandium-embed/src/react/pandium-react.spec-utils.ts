// Test doubles shared by the React entry's component specs (excluded from the build like the specs).
import { expect } from '@jest/globals';
import { act, waitFor } from '@testing-library/react';
import {
  PANDIUM_ORIGIN,
  fakeFetch,
  jsonResponse,
  ticketResponse,
} from '../browser/pandium-browser.spec-utils.js';

export const REFRESH_URL = 'http://localhost/pandium/integrations/refresh';

/** A fetch answering ticket requests with a ticket and the refresh with `refresh` (a 204 by default). */
export function server(
  refresh: () => Response | Promise<Response> = () =>
    jsonResponse(204, undefined),
) {
  return fakeFetch((url) =>
    url === REFRESH_URL ? refresh() : ticketResponse(),
  );
}

/** The body of each ticket request made so far. */
export function ticketsAsked(fetch: ReturnType<typeof fakeFetch>): unknown[] {
  return fetch.mock.calls
    .filter(([url]) => (url as string).endsWith('/launch-tickets'))
    .map(([, init]) => JSON.parse(init!.body as string) as unknown);
}

/** The one iframe in `container`, once the embed has mounted it. */
export async function mountedFrame(
  container: HTMLElement,
): Promise<HTMLIFrameElement> {
  return waitFor(() => {
    const frames = container.querySelectorAll('iframe');
    expect(frames).toHaveLength(1);
    return frames[0];
  });
}

/** What Pandium's page in `iframe` would post. */
export function post(iframe: HTMLIFrameElement, data: unknown): void {
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
