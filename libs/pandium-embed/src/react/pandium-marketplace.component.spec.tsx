/** @jest-environment jsdom */
import { render } from '@testing-library/react';
import { PandiumMarketplace } from './pandium-marketplace.component.js';
import {
  mountedFrame,
  server,
  ticketsAsked,
} from './pandium-react.spec-utils.js';

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
