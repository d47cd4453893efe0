import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserHarness, type BrowserHarness } from '../support/browser';
import { seriousViolations } from '../support/axe';

let b: BrowserHarness;
beforeAll(async () => {
  b = await browserHarness({ demo: true });
});
afterAll(async () => b?.close());

describe('the work queue in Chromium', () => {
  it('opens the nurse queue with time-to-breach in words, takes the next case and shows its decision clock', async () => {
    const page = await b.newPage();
    await b.login(page, 'nurse');
    await page.getByRole('link', { name: 'Work queue' }).click();
    await page.waitForURL(/\/queue$/);
    const table = page.getByRole('table', { name: 'Work queue' });
    await expect.poll(() => table.getByRole('row').count(), { timeout: 20_000 }).toBeGreaterThan(3);
    // Time to breach, plainly: "… left", "At risk: … left" or "Overdue by …", first the earliest due.
    const breach = table.getByLabel(/^Time to breach:/);
    const words = await breach.allTextContents();
    expect(words.length).toBeGreaterThan(2);
    expect(words.every((w) => /(left|Overdue by .+)$/.test(w))).toBe(true);
    await expect.poll(() => page.getByLabel('Queue counts').textContent()).toMatch(/\d+ open · \d+ unassigned · \d+ overdue · \d+ at risk/);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Take next' }).click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/, { timeout: 20_000 });
    await expect.poll(() => page.getByRole('heading', { name: 'Decision clock' }).count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => page.getByLabel('Citation').textContent()).toMatch(/CFR|Code|ILCS|Law/);
    await expect.poll(() => page.getByText('Nadia Holloway, RN').count()).toBeGreaterThan(0);
    const history = page.getByRole('table', { name: 'Clock history' });
    await expect.poll(() => history.getByRole('row').count()).toBeGreaterThan(1);
    expect(await history.textContent()).toMatch(/clock started/);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('shows supervisors the timeliness by line of business and month', async () => {
    const page = await b.newPage();
    await b.login(page, 'supervisor');
    await page.getByRole('link', { name: 'Timeliness' }).click();
    const table = page.getByRole('table', { name: 'Timeliness by line of business and month' });
    await expect.poll(() => table.getByRole('row').count(), { timeout: 20_000 }).toBeGreaterThan(1);
    expect(await table.textContent()).toMatch(/medicare advantage/);
    // The chart above the table: one group of bars per month the table lists.
    const figure = page.getByRole('figure', { name: /Decided cases per month/ });
    await expect.poll(() => figure.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
    const months = new Set(await table.locator('tbody tr td:first-child').allTextContents());
    await expect.poll(() => figure.locator('.recharts-xAxis .recharts-cartesian-axis-tick').count()).toBe(months.size);
    expect(await seriousViolations(page)).toEqual([]);
  });
});
