/**
 * Saved views of the work queue in Chromium: a nurse names the current filters, finds them again
 * in the "Saved views" menu after clearing them and after a reload, and deletes them; another
 * user of the same browser does not see them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserHarness, type BrowserHarness } from '../support/browser';
import { seriousViolations } from '../support/axe';

let b: BrowserHarness;
beforeAll(async () => {
  b = await browserHarness({ demo: true });
});
afterAll(async () => b?.close());

const VIEW = 'Expedited, unassigned';

async function queueRows(page: Page): Promise<string[][]> {
  const rows = page.getByRole('table', { name: 'Work queue' }).locator('tbody tr');
  await expect.poll(() => rows.count(), { timeout: 20_000 }).toBeGreaterThan(0);
  return rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
}

/** Priority is the 6th column, the assignee the 8th. */
const PRIORITY = 5;
const ASSIGNED = 7;

async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).first().click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

describe('saved views of the work queue', () => {
  it('saves the current filters under a name, opens them from the menu, keeps them per user, deletes them', async () => {
    const page = await b.newPage();
    await b.login(page, 'nurse');
    await page.goto('/queue');
    const all = await queueRows(page);
    // The unfiltered queue mixes priorities and assignees, so the view below has something to filter.
    expect(all.some((r) => r[PRIORITY] === 'Standard')).toBe(true);
    expect(all.some((r) => r[ASSIGNED] !== '—')).toBe(true);

    await choose(page, 'Priority', 'Expedited');
    await choose(page, 'Assignee', 'Unassigned');
    await page.waitForURL(/priority=expedited/);
    await page.getByRole('button', { name: /^Saved views/ }).click();
    expect(await page.getByRole('menu').textContent()).toContain('No saved view yet');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('menuitem', { name: 'Save the current filters…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Save this view' });
    await dialog.getByLabel(/^View name/).fill(VIEW);
    expect(await dialog.textContent()).toMatch(/priority expedited.*assignee none|assignee none.*priority expedited/);
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Save the view' }).click();
    await expect.poll(() => dialog.count()).toBe(0);

    // Cleared filters, then the view from the menu: the same filters and only matching cases.
    await page.goto('/queue');
    expect((await queueRows(page)).some((r) => r[PRIORITY] === 'Standard')).toBe(true);
    await page.getByRole('button', { name: 'Saved views (1)' }).click();
    await page.getByRole('menuitem', { name: new RegExp(`^${VIEW}`) }).click();
    await page.waitForURL(/\/queue\/nurse\?/);
    const url = new URL(page.url());
    expect(url.searchParams.get('priority')).toBe('expedited');
    expect(url.searchParams.get('assignee')).toBe('none');
    expect(await page.getByLabel('Priority', { exact: true }).first().inputValue()).toBe('Expedited');
    await expect.poll(async () => (await queueRows(page)).every((r) => r[PRIORITY] === 'Expedited' && r[ASSIGNED] === '—')).toBe(true);

    // Kept after a reload of the application.
    await page.goto('/cases');
    await page.reload();
    await page.goto('/queue');
    await page.getByRole('button', { name: 'Saved views (1)' }).click();
    await expect.poll(() => page.getByRole('menuitem', { name: new RegExp(`^${VIEW}`) }).count()).toBe(1);
    await page.keyboard.press('Escape');

    // Another user in the same browser has their own (none). (Logging out from the case list: the
    // next login returns to the page the browser was last on.)
    await page.goto('/cases');
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL(/\/login/);
    await b.login(page, 'md');
    await page.goto('/queue');
    await page.getByRole('button', { name: /^Saved views/ }).click();
    expect(await page.getByRole('menu').textContent()).toContain('No saved view yet');
    await page.keyboard.press('Escape');
    await page.goto('/cases');
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL(/\/login/);

    // The nurse deletes it.
    await b.login(page, 'nurse');
    await page.goto('/queue');
    await page.getByRole('button', { name: 'Saved views (1)' }).click();
    await page.getByRole('menuitem', { name: `Delete “${VIEW}”` }).click();
    await page.getByRole('button', { name: 'Saved views', exact: true }).click();
    expect(await page.getByRole('menu').textContent()).toContain('No saved view yet');
  });
});
