// The whole flow in a real browser: the demo page signs in, lists the host's tiles and opens Pandium's install
// flow through the library's browser helper (launch tickets); the emulator stands in for Pandium on another origin,
// verifies the token and talks back with postMessage. Screenshots go to test/artifacts/ (git-ignored).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir } from 'node:fs/promises';
import type { Browser, Locator, Page, Request } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/directory/demo-directory.js';
import { capturingLogger } from '../support/capturing.logger.js';
import { launchChromium } from './support/chromium.js';
import {
  activityLines,
  ARTIFACTS,
  emulatorFrame,
  expectVerifiedFor,
  focused,
  nextActivityRefresh,
  openButtonOf,
  screenshot,
  signIn,
  signOut,
  tileOf,
  tileStatus,
  waitForActivity,
  watchActivityList,
  waitForBadge,
  waitForStatus,
} from './support/demo-page.js';
import {
  BROWSER_API_KEY,
  stackSecrets,
  startDemoStack,
} from './support/demo-stack.js';
import type { DemoStack } from './support/demo-stack.js';

let browser: Browser;

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  // No stack's shared secret nor webhook URL secret reached a log line (the emulator's and the app's).
  const text = capturingLogger.entries.map((entry) => entry.text).join('\n');
  expect(stackSecrets.filter((secret) => text.includes(secret)).length).toBe(0);
});

/** WCAG contrast ratio between two computed `rgb(…)` colours. */
function contrast(a: string, b: string): number {
  const luminance = (color: string): number => {
    const [r, g, b] = (color.match(/\d+(\.\d+)?/g) ?? []).map(Number);
    const channel = (value: number): number => {
      const c = value / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

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
    await openButtonOf(page, '1042').click();
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
    // Save is a form post of the page's token: the emulator saves the tenant and answers a page that posts
    // pandium-save-sync with it.
    await frame.getByTestId('emulator-save').click();

    await page.getByTestId('status').filter({ hasText: 'Saved:' }).waitFor();
    const saved = frame.getByTestId('emulator-saved');
    const tenantId = Number(await saved.getAttribute('data-tenant-id'));
    await expect(page.getByTestId('status').textContent()).resolves.toBe(
      `Saved: gwt2hs for Acme Corp (tenant ${tenantId}).`,
    );
    const tenants = await fetch(
      `${stack.emulatorOrigin}/v2/tenants?user_name=usr_1001`,
      { headers: { 'X-API-KEY': BROWSER_API_KEY } },
    );
    await expect(tenants.json()).resolves.toEqual([
      expect.objectContaining({ id: tenantId, integration_id: 1042 }),
    ]);
    const texts = await page.evaluate(
      () => (window as unknown as { statusTexts: string[] }).statusTexts,
    );
    expect(texts.join('\n')).not.toContain('Forged');
    // The helper asked the server for fresh statuses, then the page re-read its tiles.
    await waitForBadge(tileOf(page, '1042'), 'Installed');
    await screenshot(page, 'install-saved');
  });

  it('should close the install panel when the emulator posts pandium-install-cancel', async () => {
    // The frame shows the saved page now: open the install flow again for its Cancel.
    await openButtonOf(page, '1042').click();
    const frame = await emulatorFrame(page, '#install-frame');
    await frame.getByTestId('emulator-cancel').click();

    await page.locator('#install').waitFor({ state: 'hidden' });
    await expect(page.locator('#install-frame iframe').count()).resolves.toBe(
      0,
    );
  });

  it('should give keyboard focus back to the tile when the install panel is closed', async () => {
    const tile = openButtonOf(page, '1042');
    await tile.focus();
    await page.keyboard.press('Enter');
    await emulatorFrame(page, '#install-frame');
    await expect(focused(page)).resolves.toBe('#install-title');

    await page.keyboard.press('Tab');
    await expect(focused(page)).resolves.toBe('#install-close');
    await page.keyboard.press('Enter');

    await page.locator('#install').waitFor({ state: 'hidden' });
    await expect(focused(page)).resolves.toBe(
      'button[data-integration-id="1042"]',
    );
  });

  it('should draw a focus ring with at least 3:1 contrast against the page and the cards', async () => {
    const tile = openButtonOf(page, '1042');
    await tile.focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Shift+Tab');
    const colors = await tile.evaluate((element) => ({
      outline: getComputedStyle(element).outlineColor,
      outlineStyle: getComputedStyle(element).outlineStyle,
      page: getComputedStyle(document.documentElement).backgroundColor,
      card: getComputedStyle(document.querySelector('.card') ?? element)
        .backgroundColor,
      header: getComputedStyle(document.querySelector('.app-header')!)
        .backgroundColor,
    }));

    expect(colors.outlineStyle).toBe('solid');
    expect(contrast(colors.outline, colors.page)).toBeGreaterThanOrEqual(3);
    expect(contrast(colors.outline, colors.card)).toBeGreaterThanOrEqual(3);
    // Sign out sits on the dark header.
    expect(contrast(colors.outline, colors.header)).toBeGreaterThanOrEqual(3);
  });

  it('should open the marketplace in the second tab', async () => {
    await page.getByRole('tab', { name: 'Marketplace' }).click();
    const frame = await emulatorFrame(page, '#marketplace-frame');

    await expectVerifiedFor(frame, 'jane@acme.test');
    expect(new URL(frame.url()).pathname).toBe('/acme-saas');
    await screenshot(page, 'marketplace-verified');
  });

  it("should show the next user's catalog, then their marketplace, after signing out on the Marketplace tab", async () => {
    await page.locator('#sign-out').focus();
    await page.keyboard.press('Enter');
    await expect(focused(page)).resolves.toBe('#login-email');
    await expect(
      page.locator('#marketplace-frame iframe').count(),
    ).resolves.toBe(0);

    await page.keyboard.press('Control+A');
    await page.keyboard.type('raj@acme.test');
    await page.keyboard.press('Tab');
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await page
      .getByTestId('session-user')
      .filter({ hasText: 'raj@acme.test' })
      .waitFor();
    await openButtonOf(page, '1042').waitFor();
    await expect(focused(page)).resolves.toBe('#workspace-title');

    // The panel on show is never an empty one.
    await expect(
      page.locator('#tab-catalog').getAttribute('aria-selected'),
    ).resolves.toBe('true');
    await expect(page.locator('#panel-catalog').isVisible()).resolves.toBe(
      true,
    );
    await page.keyboard.press('Tab');
    await expect(focused(page)).resolves.toBe('#tab-catalog');
    await page.keyboard.press('ArrowRight');
    await expect(focused(page)).resolves.toBe('#tab-marketplace');
    await expectVerifiedFor(
      await emulatorFrame(page, '#marketplace-frame'),
      'raj@acme.test',
    );
  });
});

describe("The demo page's tiles through an integration's lifecycle (browser)", () => {
  let stack: DemoStack;
  let page: Page;
  /** Jane's tenant of GWT to HubSpot, as the emulator's saved page names it. */
  let tenantId: number;

  beforeAll(async () => {
    stack = await startDemoStack();
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  });

  afterAll(async () => {
    await page?.close();
    await stack?.close();
  });

  const tile = (): Locator => tileOf(page, '1042');
  const runNow = (): Locator =>
    page.getByRole('button', { name: 'Run now: GWT to HubSpot' });
  const uninstall = (): Locator =>
    page.getByRole('button', { name: 'Uninstall GWT to HubSpot' });

  it('should show a tile as not installed, then installed once Jane saves it in Pandium', async () => {
    await signIn(page, stack.appOrigin, 'jane@acme.test');
    await waitForStatus(page, '3 integrations available.');
    await expect(tileStatus(tile())).resolves.toEqual({
      badge: undefined,
      sentence: 'Not installed',
    });
    await expect(runNow().count()).resolves.toBe(0);

    // The tile's main button, by the name a screen reader gives it (the title and the connector, apart).
    await page
      .getByRole('button', { name: 'GWT to HubSpot gwt · gwt2hs', exact: true })
      .click();
    const frame = await emulatorFrame(page, '#install-frame');
    await frame.getByTestId('emulator-save').click();
    tenantId = Number(
      await frame.getByTestId('emulator-saved').getAttribute('data-tenant-id'),
    );
    await waitForBadge(tile(), 'Installed');

    await expect(tileStatus(tile())).resolves.toEqual({
      badge: 'Installed',
      sentence: 'No run yet',
    });
    await expect(runNow().isVisible()).resolves.toBe(true);
    await expect(uninstall().isVisible()).resolves.toBe(true);
    // The other tiles are not Jane's installs.
    await expect(tileStatus(tileOf(page, '2318'))).resolves.toEqual({
      badge: undefined,
      sentence: 'Not installed',
    });
    await page.getByRole('button', { name: 'Close' }).click();
    await screenshot(page, 'tile-installed');
  });

  it("should not show Jane's install to Raj (same organisation) nor to John: no Run now, no Uninstall", async () => {
    for (const email of ['raj@acme.test', 'john@globex.test']) {
      await signOut(page);
      await signIn(page, stack.appOrigin, email);
      await waitForStatus(page, 'integrations available.');

      await expect(tileStatus(tile())).resolves.toEqual({
        badge: undefined,
        sentence: 'Not installed',
      });
      await expect(
        page.getByRole('button', { name: /^(Run now|Uninstall)/ }).count(),
      ).resolves.toBe(0);
    }
  });

  it('should run the integration, say the run started, and show its outcome', async () => {
    await signOut(page);
    await signIn(page, stack.appOrigin, 'jane@acme.test');
    await waitForBadge(tile(), 'Installed');

    await runNow().click();
    await waitForStatus(page, 'The run of GWT to HubSpot started.');
    await expect(tileStatus(tile())).resolves.toEqual({
      badge: 'Installed',
      sentence: 'Run started · waiting for its outcome',
    });
    await waitForStatus(page, 'The run of GWT to HubSpot succeeded.');

    await expect(tileStatus(tile())).resolves.toEqual({
      badge: 'Installed',
      sentence: 'Last run succeeded less than a minute ago',
    });
    // Focus stayed on the button while the tile was re-drawn around it.
    await expect(focused(page)).resolves.toBe(
      'button.tile-run "Run now: GWT to HubSpot"',
    );
  });

  it("should show a run the emulator's control made fail as failing", async () => {
    const control = await fetch(
      `${stack.emulatorOrigin}/__emulator/tenants/${tenantId}/fail-next-run`,
      { method: 'POST', headers: { Accept: 'application/json' } },
    );
    expect(control.status).toBe(200);

    await runNow().click();
    await waitForStatus(page, 'The run of GWT to HubSpot failed.');

    await expect(tileStatus(tile())).resolves.toEqual({
      badge: 'Failing',
      sentence:
        'Last run failed less than a minute ago · last success less than a minute ago',
    });
    await expect(tile().getAttribute('data-state')).resolves.toBe('failing');
    await expect(runNow().isVisible()).resolves.toBe(true);
    // The badge's text is readable on its tint (WCAG 1.4.3, 4.5:1).
    const badge = await tile()
      .locator('.tile-badge')
      .evaluate((element) => ({
        color: getComputedStyle(element).color,
        background: getComputedStyle(element).backgroundColor,
      }));
    expect(contrast(badge.color, badge.background)).toBeGreaterThanOrEqual(4.5);
    await screenshot(page, 'tile-failing');
  });

  it('should ask before uninstalling, keep the tile on Cancel (Escape), and return focus to Uninstall', async () => {
    await uninstall().focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', {
      name: 'Uninstall GWT to HubSpot?',
    });
    await dialog.waitFor();
    await expect(focused(page)).resolves.toBe('#confirm-cancel');
    await screenshot(page, 'uninstall-dialog');

    await page.keyboard.press('Escape');

    await dialog.waitFor({ state: 'hidden' });
    await expect(focused(page)).resolves.toBe(
      'button.tile-uninstall "Uninstall GWT to HubSpot"',
    );
    await expect(tileStatus(tile())).resolves.toMatchObject({
      badge: 'Failing',
    });
  });

  it('should uninstall after the confirmation: the tile is back to not installed, focus on it', async () => {
    await uninstall().click();
    const dialog = page.getByRole('dialog', {
      name: 'Uninstall GWT to HubSpot?',
    });
    await dialog.getByRole('button', { name: 'Uninstall' }).click();

    await waitForStatus(page, 'GWT to HubSpot is uninstalled.');
    await expect(dialog.isVisible()).resolves.toBe(false);
    await expect(tileStatus(tile())).resolves.toEqual({
      badge: undefined,
      sentence: 'Not installed',
    });
    await expect(
      page.getByRole('button', { name: /^(Run now|Uninstall)/ }).count(),
    ).resolves.toBe(0);
    await expect(focused(page)).resolves.toBe(
      'button[data-integration-id="1042"]',
    );
    const tenants = await fetch(
      `${stack.emulatorOrigin}/v2/tenants?user_name=usr_1001&archived=true`,
      { headers: { 'X-API-KEY': BROWSER_API_KEY } },
    );
    await expect(tenants.json()).resolves.toEqual([
      expect.objectContaining({ id: tenantId, archived: true }),
    ]);
  });
});

describe('The demo page with a session the server no longer accepts (browser)', () => {
  let stack: DemoStack;

  beforeAll(async () => {
    stack = await startDemoStack();
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('should go back to the sign-in form and say why, instead of a workspace with nothing in it', async () => {
    const page = await browser.newPage({
      viewport: { width: 390, height: 844 },
    });
    try {
      // What a tab holds after the app restarted with a new auth secret, or after the token expired.
      await page.goto(`${stack.appOrigin}/`);
      await page.evaluate(() => {
        sessionStorage.setItem(
          'pandium-embed-demo:access-token',
          'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c3RhbGU',
        );
        sessionStorage.setItem('pandium-embed-demo:email', 'jane@acme.test');
      });
      await page.reload();

      await page.locator('#login').waitFor({ state: 'visible' });
      await expect(page.locator('#workspace').isHidden()).resolves.toBe(true);
      await expect(page.getByTestId('status').textContent()).resolves.toMatch(
        /sign in again/i,
      );
      await expect(
        page.evaluate(() =>
          sessionStorage.getItem('pandium-embed-demo:access-token'),
        ),
      ).resolves.toBeNull();
    } finally {
      await page.close();
    }
  });
});

describe('The demo page when the app and the emulator hold different secrets (browser)', () => {
  let stack: DemoStack;

  beforeAll(async () => {
    stack = await startDemoStack({
      appSecret: 'a-different-shared-secret-0123456789abcdef',
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
      await openButtonOf(page, '1042').click();
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

describe("The demo page's Activity panel, fed by the emulator's webhooks (browser)", () => {
  let stack: DemoStack;
  let page: Page;
  /** Jane's tenant of GWT to HubSpot, as the emulator's saved page names it. */
  let tenantId: number;

  beforeAll(async () => {
    stack = await startDemoStack();
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  });

  afterAll(async () => {
    await page?.close();
    await stack?.close();
  });

  const runNow = (): Locator =>
    page.getByRole('button', { name: 'Run now: GWT to HubSpot' });

  it('should say there is nothing yet, then show Jane the install she made in the emulator', async () => {
    await signIn(page, stack.appOrigin, 'jane@acme.test');
    await expect(
      waitForActivity(page, (lines) => lines.length > 0),
    ).resolves.toEqual(['Nothing yet: install an integration to see it here.']);

    await page
      .getByRole('button', { name: 'GWT to HubSpot gwt · gwt2hs', exact: true })
      .click();
    const frame = await emulatorFrame(page, '#install-frame');
    await frame.getByTestId('emulator-save').click();
    tenantId = Number(
      await frame.getByTestId('emulator-saved').getAttribute('data-tenant-id'),
    );
    await page.getByRole('button', { name: 'Close' }).click();

    const lines = await waitForActivity(page, (seen) =>
      seen[0].startsWith('Installed'),
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(`^Installed: GWT to HubSpot \\(tenant ${tenantId}\\), \\S`),
    );
  });

  it("should show a run the emulator's control made fail as a failed run, above the install", async () => {
    const control = await fetch(
      `${stack.emulatorOrigin}/__emulator/tenants/${tenantId}/fail-next-run`,
      { method: 'POST', headers: { Accept: 'application/json' } },
    );
    expect(control.status).toBe(200);
    await runNow().click();
    await waitForStatus(page, 'The run of GWT to HubSpot failed.');

    const lines = await waitForActivity(page, (seen) => seen.length === 2);
    expect(lines[0]).toMatch(
      new RegExp(`^Sync failed: GWT to HubSpot \\(tenant ${tenantId}, \\w+`),
    );
    expect(lines[1]).toMatch(/^Installed: GWT to HubSpot/);
  });

  it('should show the uninstall, adding only its line to the list (a live region: the rest is not read again)', async () => {
    const changes = await watchActivityList(page);
    await page
      .getByRole('button', { name: 'Uninstall GWT to HubSpot' })
      .click();
    await page
      .getByRole('dialog', { name: 'Uninstall GWT to HubSpot?' })
      .getByRole('button', { name: 'Uninstall' })
      .click();
    await waitForStatus(page, 'GWT to HubSpot is uninstalled.');

    const lines = await waitForActivity(page, (seen) => seen.length === 3);
    expect(lines[0]).toMatch(
      new RegExp(`^Uninstalled: GWT to HubSpot \\(tenant ${tenantId}\\), \\S`),
    );
    expect(lines.slice(1).map((line) => line.split(':')[0])).toEqual([
      'Sync failed',
      'Installed',
    ]);
    await expect(changes()).resolves.toEqual({
      added: [lines[0]],
      removed: [],
      other: 0,
    });
    await page.getByTestId('activity-list').scrollIntoViewIfNeeded();
    await screenshot(page, 'activity-panel');
  });

  it('should leave the list alone when a refresh brings nothing new, so a screen reader does not read it again', async () => {
    const changes = await watchActivityList(page);

    // The panel draws each answer as soon as it has read it, before it asks again.
    await nextActivityRefresh(page);
    await nextActivityRefresh(page);

    await expect(changes()).resolves.toEqual({
      added: [],
      removed: [],
      other: 0,
    });
    await expect(activityLines(page)).resolves.toHaveLength(3);
  });

  it("should show John, signed in after Jane, none of Jane's events, even those Jane's page asked for before she signed out", async () => {
    // Jane's next refresh is held on its way until John is signed in.
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const janes = new Promise<Request>((resolve) => {
      let held = false;
      void page.route('**/demo/activity', async (route) => {
        if (!held) {
          held = true;
          resolve(route.request());
          await gate;
        }
        await route.continue();
      });
    });
    const janesRequest = await janes;
    await signOut(page);
    await expect(activityLines(page)).resolves.toEqual([]);
    // On the same page (no reload): Jane's request is still on its way.
    await page.getByLabel('Email').fill('john@globex.test');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page
      .getByTestId('session-user')
      .filter({ hasText: 'john@globex.test' })
      .waitFor();
    await expect(
      waitForActivity(page, (lines) => lines.length > 0),
    ).resolves.toEqual(['Nothing yet: install an integration to see it here.']);

    const janesToken = janesRequest.headers().authorization;
    const janesAnswer = page.waitForResponse(
      (response) =>
        new URL(response.url()).pathname === '/demo/activity' &&
        response.request().headers().authorization === janesToken,
    );
    release();
    await (await janesAnswer).finished();
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve)));
    await expect(activityLines(page)).resolves.toEqual([
      'Nothing yet: install an integration to see it here.',
    ]);
    await page.unroute('**/demo/activity');
    // And still none after the panel's next refresh.
    await nextActivityRefresh(page);
    await expect(activityLines(page)).resolves.toEqual([
      'Nothing yet: install an integration to see it here.',
    ]);
  });
});
