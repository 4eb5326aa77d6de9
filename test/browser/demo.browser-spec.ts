// The whole flow in a real browser: the demo page signs in, lists the host's tiles and opens Pandium's install
// flow through the library's browser helper (launch tickets); the emulator stands in for Pandium on another origin,
// verifies the token and talks back with postMessage. Screenshots go to test/artifacts/ (git-ignored).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser, Frame, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/directory/demo-directory.js';
import { launchChromium } from './support/chromium.js';
import { startDemoStack } from './support/demo-stack.js';
import type { DemoStack } from './support/demo-stack.js';

const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));

let browser: Browser;

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

async function signIn(
  page: Page,
  origin: string,
  email: string,
): Promise<void> {
  await page.goto(`${origin}/`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('session-user').filter({ hasText: email }).waitFor();
}

/** The frame inside the iframe the browser helper mounted in `container`, once it shows the emulator's verdict. */
async function emulatorFrame(page: Page, container: string): Promise<Frame> {
  const handle = await page.locator(`${container} iframe`).elementHandle();
  const frame = await handle?.contentFrame();
  if (!frame) {
    throw new Error(`No iframe in ${container}`);
  }
  await frame.getByTestId('emulator-status').waitFor();
  return frame;
}

/** Expects the emulator's page in `frame` to say it verified a token signed for `email`. */
async function expectVerifiedFor(frame: Frame, email: string): Promise<void> {
  await expect(
    frame.getByTestId('emulator-status').textContent(),
  ).resolves.toContain('Token verified');
  await expect(
    frame.getByTestId('emulator-user-email').textContent(),
  ).resolves.toBe(email);
}

/** A full-page screenshot into test/artifacts/, for a person to look at. */
const screenshot = (page: Page, name: string): Promise<Buffer> =>
  page.screenshot({ path: `${ARTIFACTS}${name}.png`, fullPage: true });

const iframeHeight = (page: Page, container: string): Promise<number> =>
  page
    .locator(`${container} iframe`)
    .evaluate((iframe) => iframe.getBoundingClientRect().height);

describe('The demo page with the embed emulator in Chromium (browser)', () => {
  let stack: DemoStack;
  let page: Page;

  beforeAll(async () => {
    stack = await startDemoStack();
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await signIn(page, stack.appOrigin, 'jane@acme.test');
  });

  afterAll(async () => {
    await page?.close();
    await stack?.close();
  });

  it("should open an integration's install flow and show the emulator's verified page for the user and integration", async () => {
    await page.locator('[data-integration-id="1042"]').click();
    const frame = await emulatorFrame(page, '#install-frame');

    await expectVerifiedFor(frame, 'jane@acme.test');
    await expect(
      frame.getByTestId('emulator-integration').textContent(),
    ).resolves.toContain('1042');
    await expect(
      frame.getByTestId('emulator-connector').textContent(),
    ).resolves.toBe('gwt');
    // Launched with a ticket: the iframe went to the app's launch path, which redirected it to "Pandium".
    expect(new URL(frame.url()).origin).toBe(stack.emulatorOrigin);
    expect(new URL(frame.url()).pathname).toBe(
      '/acme-saas/tenants/create/1042',
    );
    expect(
      await page
        .locator('#install-frame iframe')
        .getAttribute('referrerpolicy'),
    ).toBe('no-referrer');
    await screenshot(page, 'install-verified');
  });

  it('should resize the iframe when the emulator reports a new content height', async () => {
    const frame = await emulatorFrame(page, '#install-frame');
    const before = await iframeHeight(page, '#install-frame');

    await frame.getByTestId('emulator-details-toggle').click();

    await page.waitForFunction(
      (previous) =>
        document.querySelector('#install-frame iframe')!.getBoundingClientRect()
          .height !== previous,
      before,
    );
    const bodyHeight = await frame.evaluate(
      () => document.documentElement.scrollHeight,
    );
    expect(
      Math.abs((await iframeHeight(page, '#install-frame')) - bodyHeight),
    ).toBeLessThanOrEqual(2);
  });

  it('should ignore a message from another origin, and react to the emulator’s pandium-save-sync', async () => {
    // Every text the status line shows, from now on.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { statusTexts: string[] }).statusTexts = seen;
      new MutationObserver(() =>
        seen.push(document.getElementById('status')!.textContent ?? ''),
      ).observe(document.getElementById('status')!, {
        childList: true,
        characterData: true,
        subtree: true,
      });
    });
    // The host page's own origin is not Pandium's: a forged save must change nothing.
    await page.evaluate(() =>
      window.postMessage(
        {
          message: 'pandium-save-sync',
          tenant: { id: 666, name: 'Forged tenant' },
        },
        '*',
      ),
    );

    const frame = await emulatorFrame(page, '#install-frame');
    await frame.getByTestId('emulator-save').click();

    await page.getByTestId('status').filter({ hasText: 'Saved:' }).waitFor();
    const texts = await page.evaluate(
      () => (window as unknown as { statusTexts: string[] }).statusTexts,
    );
    expect(texts.join('\n')).not.toContain('Forged');
    await expect(
      page.locator('[data-integration-id="1042"] .tile-badge').textContent(),
    ).resolves.toBe('Installed');
    await screenshot(page, 'install-saved');
  });

  it('should close the install panel when the emulator posts pandium-install-cancel', async () => {
    const frame = await emulatorFrame(page, '#install-frame');
    await frame.getByTestId('emulator-cancel').click();

    await page.locator('#install').waitFor({ state: 'hidden' });
    await expect(page.locator('#install-frame iframe').count()).resolves.toBe(
      0,
    );
  });

  it('should open the marketplace in the second tab', async () => {
    await page.getByRole('tab', { name: 'Marketplace' }).click();
    const frame = await emulatorFrame(page, '#marketplace-frame');

    await expectVerifiedFor(frame, 'jane@acme.test');
    expect(new URL(frame.url()).pathname).toBe('/acme-saas');
    await screenshot(page, 'marketplace-verified');
  });
});

describe('The demo page when the app and the emulator hold different secrets (browser)', () => {
  let stack: DemoStack;

  beforeAll(async () => {
    stack = await startDemoStack({
      emulatorSecret: 'a-different-shared-secret-0123456789abcdef',
    });
  });

  afterAll(async () => {
    await stack?.close();
  });

  it("should show the emulator's page naming the signature mismatch", async () => {
    const page = await browser.newPage({
      viewport: { width: 390, height: 844 },
    });
    try {
      await signIn(page, stack.appOrigin, 'john@globex.test');
      await page.locator('[data-integration-id="1042"]').click();
      const frame = await emulatorFrame(page, '#install-frame');

      await expect(
        frame.getByTestId('emulator-status').textContent(),
      ).resolves.toContain('Token refused');
      const problem = frame.locator('[data-code="signature-mismatch"]');
      await expect(problem.textContent()).resolves.toMatch(/secret/i);
      await screenshot(page, 'signature-mismatch-phone');
    } finally {
      await page.close();
    }
  });
});
