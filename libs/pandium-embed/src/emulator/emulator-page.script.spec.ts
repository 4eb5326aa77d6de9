/** @jest-environment jsdom */
import { jest } from '@jest/globals';
import { EMULATOR_PAGE_SCRIPT } from './emulator-page.script.js';
import { renderVerifiedPage } from './emulator-page.renderer.js';
import { renderSavedPage } from './emulator-saved-page.renderer.js';
import type { EmulatorVerdict } from './pandium-emulator.verifier.js';

const HOST_ORIGIN = 'http://localhost:3000';

const VERDICT: EmulatorVerdict = {
  status: 200,
  target: { kind: 'install', account: 'acme', integrationId: '1042' },
  diagnosis: {
    valid: true,
    signatureVerified: true,
    claims: { sub: 'usr_1', ti: { uem: 'jane@acme.test', xti: {} } },
    problems: [],
  },
  tenant: { id: 123456789, name: 'gwt2hs for Acme Corp' },
  notes: [],
};

/** Loads `html` as the document and runs the page script in it, as the browser would. */
function loadPage(html: string): void {
  const page = new DOMParser().parseFromString(html, 'text/html');
  document.body.replaceWith(document.adoptNode(page.body));
  const script = document.createElement('script');
  script.textContent = EMULATOR_PAGE_SCRIPT;
  document.head.append(script);
}

describe('EMULATOR_PAGE_SCRIPT', () => {
  let postMessage: jest.Mock<(message: unknown, targetOrigin: string) => void>;
  let resize: () => void;
  let height: number;

  beforeEach(() => {
    const page = new DOMParser().parseFromString(
      renderVerifiedPage(
        VERDICT,
        { hostOrigin: HOST_ORIGIN, account: 'acme' },
        'eyJ.e30.sig',
      ),
      'text/html',
    );
    document.body.replaceWith(document.adoptNode(page.body));
    height = 400.2;
    jest
      .spyOn(document.body, 'getBoundingClientRect')
      .mockImplementation(() => ({ height }) as DOMRect);
    // The page is framed: its parent is the host page.
    postMessage = jest.fn();
    Object.defineProperty(window, 'parent', {
      configurable: true,
      value: { postMessage },
    });
    // jsdom has no ResizeObserver: this one lets the test say when the body resized.
    Object.defineProperty(window, 'ResizeObserver', {
      configurable: true,
      value: class {
        constructor(callback: () => void) {
          resize = callback;
        }
        observe(): void {}
      },
    });
    // As the browser runs it: a script element (jest's jsdom runs scripts).
    const script = document.createElement('script');
    script.textContent = EMULATOR_PAGE_SCRIPT;
    document.head.append(script);
  });

  const click = (testId: string): void =>
    (
      document.querySelector(`[data-testid="${testId}"]`) as HTMLElement
    ).click();

  it('should post the content height at load and on each resize, to the host origin only', () => {
    height = 640;
    resize();
    resize();

    expect(postMessage.mock.calls).toEqual([
      [{ message: 'pandium-content-height-change', height: 401 }, HOST_ORIGIN],
      [{ message: 'pandium-content-height-change', height: 640 }, HOST_ORIGIN],
    ]);
  });

  it('should leave Save to its form: a click posts no message before the emulator accepted the save', () => {
    postMessage.mockClear();
    const save = document.querySelector('[data-testid="emulator-save"]')!;

    expect(save.closest('form')?.getAttribute('method')).toBe('post');
    save
      .closest('form')!
      .addEventListener('submit', (event) => event.preventDefault());
    click('emulator-save');

    expect(postMessage).not.toHaveBeenCalled();
  });

  it('should post pandium-install-cancel on Cancel', () => {
    postMessage.mockClear();

    click('emulator-cancel');

    expect(postMessage).toHaveBeenCalledWith(
      { message: 'pandium-install-cancel' },
      HOST_ORIGIN,
    );
  });

  it('should show and hide the details', () => {
    const details = document.getElementById('emulator-details')!;
    expect(details.hidden).toBe(true);

    click('emulator-details-toggle');
    expect(details.hidden).toBe(false);
    expect(
      document
        .querySelector('[data-testid="emulator-details-toggle"]')!
        .getAttribute('aria-expanded'),
    ).toBe('true');

    click('emulator-details-toggle');
    expect(details.hidden).toBe(true);
  });

  it('should post pandium-save-sync with the tenant once the saved page loads, and log it', () => {
    postMessage.mockClear();

    loadPage(
      renderSavedPage(VERDICT.tenant!, true, {
        hostOrigin: HOST_ORIGIN,
        account: 'acme',
      }),
    );

    expect(postMessage).toHaveBeenCalledWith(
      {
        message: 'pandium-save-sync',
        tenant: { id: 123456789, name: 'gwt2hs for Acme Corp' },
      },
      HOST_ORIGIN,
    );
    expect(
      document.querySelector('[data-testid="emulator-messages"]')!.textContent,
    ).toContain('pandium-save-sync');
  });

  it("should post pandium-save-sync at once for a marketplace's Install button", () => {
    loadPage(
      renderVerifiedPage(
        {
          ...VERDICT,
          target: { kind: 'marketplace', account: 'acme' },
          tenant: undefined,
          offers: [
            {
              integration: {
                id: 1042,
                name: 'gwt2hs',
                long_name: null,
                connectors: [{ name: 'gwt' }],
              },
              tenant: { id: 7, name: 'gwt2hs for Acme Corp' },
            },
          ],
        },
        { hostOrigin: HOST_ORIGIN, account: 'acme' },
      ),
    );
    postMessage.mockClear();

    click('emulator-install-1042');

    expect(postMessage).toHaveBeenCalledWith(
      {
        message: 'pandium-save-sync',
        tenant: { id: 7, name: 'gwt2hs for Acme Corp' },
      },
      HOST_ORIGIN,
    );
  });
});
