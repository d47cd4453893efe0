/**
 * Screen sizes in Chromium: on a tablet (820×1180, portrait) the navigation is behind a burger
 * button and the reviewer can still reach the queue and open a case; at 1280×800 the navigation
 * is always shown.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { browserHarness, type BrowserHarness } from '../support/browser';
import { seriousViolations } from '../support/axe';

let b: BrowserHarness;
beforeAll(async () => {
  b = await browserHarness({ demo: true });
});
afterAll(async () => b?.close());

async function pageOfSize(width: number, height: number): Promise<Page> {
  const context = await b.browser.newContext({ viewport: { width, height }, baseURL: b.baseUrl, hasTouch: width < 1024 });
  return context.newPage();
}

/** Whether the element's box lies (at least half) inside the viewport. */
async function onScreen(l: Locator, page: Page): Promise<boolean> {
  const box = await l.boundingBox();
  const vp = page.viewportSize();
  if (box === null || vp === null) return false;
  return box.x + box.width / 2 > 0 && box.x + box.width / 2 < vp.width && box.y + box.height / 2 > 0 && box.y + box.height / 2 < vp.height;
}

const horizontalOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe('screen sizes', () => {
  it('on a tablet, opens the navigation with the burger, goes to the queue and opens a case', async () => {
    const page = await pageOfSize(820, 1180);
    await b.login(page, 'nurse');
    const nav = page.getByRole('navigation', { name: 'Queues' });
    const queueLink = page.getByRole('link', { name: 'Work queue' });
    const burger = page.getByRole('button', { name: 'Open the navigation' });
    await burger.waitFor();
    expect(await onScreen(queueLink, page)).toBe(false);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    await burger.click();
    await expect.poll(() => onScreen(queueLink, page)).toBe(true);
    expect(await page.getByRole('button', { name: 'Close the navigation' }).getAttribute('aria-expanded')).toBe('true');
    expect(await seriousViolations(page)).toEqual([]);
    await queueLink.click();
    await page.waitForURL(/\/queue$/);
    // The navigation closes again after a choice, so that it does not cover the queue.
    await expect.poll(() => onScreen(nav.getByRole('link', { name: 'Timeliness' }), page)).toBe(false);
    const table = page.getByRole('table', { name: 'Work queue' });
    await expect.poll(() => table.getByRole('row').count(), { timeout: 20_000 }).toBeGreaterThan(3);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page)).toEqual([]);

    const first = table.getByRole('link').first();
    const caseNumber = (await first.textContent()) ?? '';
    expect(await onScreen(first, page)).toBe(true);
    await first.click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 20_000 }).toBe(`Case ${caseNumber}`);
    await expect.poll(() => page.getByRole('heading', { name: 'Decision clock' }).count(), { timeout: 20_000 }).toBe(1);
    // The side column (clock, decision, actions) stacks under the case on a narrow screen.
    expect(await page.getByRole('heading', { name: 'Actions' }).count()).toBe(1);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('at 1280×800, shows the navigation beside the page without a burger', async () => {
    const page = await pageOfSize(1280, 800);
    await b.login(page, 'nurse');
    const queueLink = page.getByRole('link', { name: 'Work queue' });
    await queueLink.waitFor();
    expect(await onScreen(queueLink, page)).toBe(true);
    await expect.poll(() => page.getByRole('table', { name: 'Cases' }).getByRole('row').count(), { timeout: 20_000 }).toBeGreaterThan(3);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(await page.getByRole('button', { name: /the navigation$/ }).isVisible()).toBe(false);
    await queueLink.click();
    await page.waitForURL(/\/queue$/);
    const table = page.getByRole('table', { name: 'Work queue' });
    await expect.poll(() => table.getByRole('row').count(), { timeout: 20_000 }).toBeGreaterThan(3);
    // Still there after navigating, and the queue is beside it, not under it.
    expect(await onScreen(queueLink, page)).toBe(true);
    const navBox = await page.getByRole('navigation', { name: 'Queues' }).boundingBox();
    const tableBox = await table.boundingBox();
    expect(navBox).not.toBeNull();
    expect(tableBox?.x ?? 0).toBeGreaterThanOrEqual((navBox?.x ?? 0) + (navBox?.width ?? 0));
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  });
});
