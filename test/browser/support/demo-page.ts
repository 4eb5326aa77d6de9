// What the browser tests do on the demo page as a user would: sign in and out, find a tile and its buttons by role,
// reach the emulator's page in an iframe, take screenshots for a person to look at.
import { expect } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import type { Frame, Locator, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../../src/directory/demo-directory.js';

/** Where screenshots go (git-ignored). */
export const ARTIFACTS = fileURLToPath(
  new URL('../../artifacts/', import.meta.url),
);

/** Signs in on the page's form and waits until the header names the user. */
export async function signIn(
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

/** Signs out and waits for the sign-in form. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.locator('#login').waitFor({ state: 'visible' });
}

/** The tile (list item) of an integration, by its id. */
export const tileOf = (page: Page, integrationId: string): Locator =>
  page.locator(`li[data-integration-id="${integrationId}"]`);

/** The tile's main button, which opens the install flow. */
export const openButtonOf = (page: Page, integrationId: string): Locator =>
  page.locator(`button[data-integration-id="${integrationId}"]`);

/** The tile's badge and sentence, as a user reads them. */
export async function tileStatus(
  tile: Locator,
): Promise<{ badge: string | undefined; sentence: string }> {
  const badge = tile.locator('.tile-badge');
  return {
    badge: (await badge.isVisible())
      ? ((await badge.textContent()) ?? '')
      : undefined,
    sentence: (await tile.locator('.tile-sentence').textContent()) ?? '',
  };
}

/** Waits until the tile's badge reads `badge` (the sentence says the rest). */
export async function waitForBadge(
  tile: Locator,
  badge: string,
): Promise<void> {
  await tile.locator('.tile-badge', { hasText: badge }).waitFor();
}

/** Waits until the page's status line reads `text`. */
export async function waitForStatus(page: Page, text: string): Promise<void> {
  await page.getByTestId('status').filter({ hasText: text }).waitFor();
}

/** The frame inside the iframe the browser helper mounted in `container`, once it shows the emulator's verdict. */
export async function emulatorFrame(
  page: Page,
  container: string,
): Promise<Frame> {
  const handle = await page.locator(`${container} iframe`).elementHandle();
  const frame = await handle?.contentFrame();
  if (!frame) {
    throw new Error(`No iframe in ${container}`);
  }
  await frame.getByTestId('emulator-status').waitFor();
  return frame;
}

/** Expects the emulator's page in `frame` to say it verified a token signed for `email`. */
export async function expectVerifiedFor(
  frame: Frame,
  email: string,
): Promise<void> {
  await expect(
    frame.getByTestId('emulator-status').textContent(),
  ).resolves.toContain('Token verified');
  await expect(
    frame.getByTestId('emulator-user-email').textContent(),
  ).resolves.toBe(email);
}

/** A full-page screenshot into test/artifacts/, for a person to look at. */
export const screenshot = (page: Page, name: string): Promise<Buffer> =>
  page.screenshot({ path: `${ARTIFACTS}${name}.png`, fullPage: true });

/** What has keyboard focus: `#id`, `tag[data-integration-id]` for a tile's main button, else `tag.class "name"`. */
export const focused = (page: Page): Promise<string> =>
  page.evaluate(() => {
    const active = document.activeElement as HTMLElement | null;
    if (active === null || active === document.body) {
      return 'body';
    }
    if (active.id !== '') {
      return `#${active.id}`;
    }
    if (active.dataset.integrationId !== undefined) {
      return `${active.tagName.toLowerCase()}[data-integration-id="${active.dataset.integrationId}"]`;
    }
    return `${active.tagName.toLowerCase()}.${active.className} "${active.getAttribute('aria-label') ?? active.textContent ?? ''}"`;
  });
