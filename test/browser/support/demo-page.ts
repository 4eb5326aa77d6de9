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

/** The Activity panel's lines, as a user reads them. */
export const activityLines = (page: Page): Promise<string[]> =>
  page.getByTestId('activity-list').getByRole('listitem').allTextContents();

/** The panel's next `GET /demo/activity` answer (it asks every few seconds while a user is signed in). */
export async function nextActivityRefresh(page: Page): Promise<void> {
  const response = await page.waitForResponse(
    (answer) => new URL(answer.url()).pathname === '/demo/activity',
  );
  await response.finished();
}

/** How many of the panel's own refreshes {@link waitForActivity} waits through. */
const ACTIVITY_REFRESHES = 5;

/**
 * Waits, through at most a few of the panel's own refreshes (as a user watching it would), until its lines satisfy
 * `wanted`; then returns them.
 *
 * @throws {Error} with the last lines when they never did.
 */
export async function waitForActivity(
  page: Page,
  wanted: (lines: string[]) => boolean,
): Promise<string[]> {
  let lines = await activityLines(page);
  for (let refresh = 0; !wanted(lines); refresh += 1) {
    if (refresh === ACTIVITY_REFRESHES) {
      throw new Error(
        `The Activity panel still reads ${JSON.stringify(lines)} after ${ACTIVITY_REFRESHES} refreshes`,
      );
    }
    await nextActivityRefresh(page);
    // The panel draws the answer it just got after reading its body: ask the page once more before looking.
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve)));
    lines = await activityLines(page);
  }
  return lines;
}

/** The changes made to the Activity list since {@link watchActivityList}: what a screen reader is given to read. */
export interface ActivityListChanges {
  /** The text of each item added. */
  added: string[];
  /** The text of each item removed. */
  removed: string[];
  /** Changes of text or attributes inside the list. */
  other: number;
}

/** Starts recording the changes to the Activity list (a live region); the function reads what was recorded. */
export async function watchActivityList(
  page: Page,
): Promise<() => Promise<ActivityListChanges>> {
  await page.evaluate(() => {
    const changes = { added: [], removed: [], other: 0 } as {
      added: string[];
      removed: string[];
      other: number;
    };
    (window as unknown as { activityChanges: typeof changes }).activityChanges =
      changes;
    new MutationObserver((records) => {
      for (const record of records) {
        if (record.type !== 'childList' || record.target.nodeName !== 'UL') {
          changes.other += 1;
          continue;
        }
        const texts = (nodes: NodeList): string[] =>
          [...nodes].map((node) => node.textContent ?? '');
        changes.added.push(...texts(record.addedNodes));
        changes.removed.push(...texts(record.removedNodes));
      }
    }).observe(document.getElementById('activity-list')!, {
      childList: true,
      characterData: true,
      subtree: true,
      attributes: true,
    });
  });
  return () =>
    page.evaluate(
      () =>
        (window as unknown as { activityChanges: ActivityListChanges })
          .activityChanges,
    );
}
