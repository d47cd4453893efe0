/**
 * Withdraw and cancel in Chromium: each shows what it will do and asks to confirm; going back
 * sends nothing; a double click on the confirmation sends the action once.
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

/** Counts the POSTs the page sends to a case action (…/withdraw, …/cancel). */
function countPosts(page: Page, action: string): () => number {
  let n = 0;
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname.endsWith(`/${action}`)) n += 1;
  });
  return () => n;
}

/** Opens the n-th case of the nurse's queue; returns its number. */
async function openNurseCase(page: Page, n: number): Promise<string> {
  await page.goto('/cases?queue=nurse');
  const links = page.getByRole('table', { name: 'Cases' }).getByRole('link');
  await expect.poll(() => links.count(), { timeout: 20_000 }).toBeGreaterThan(n);
  const caseNumber = (await links.nth(n).textContent()) ?? '';
  await links.nth(n).click();
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 20_000 }).toBe(`Case ${caseNumber}`);
  await page.getByRole('heading', { name: 'Actions' }).waitFor();
  return caseNumber;
}

describe('closing a case in Chromium', () => {
  it('withdraws a request only after confirming what it will do, once despite a double click', async () => {
    const page = await b.newPage();
    await b.login(page, 'nurse');
    const posts = countPosts(page, 'withdraw');
    await openNurseCase(page, 0);
    const reason = 'The member moved out of the service area; the office withdrew the request by phone.';

    await page.getByRole('button', { name: 'Withdraw the request…' }).click();
    await page.getByLabel(/^Reason for the withdrawal/).fill(reason);
    await page.getByRole('button', { name: 'Withdraw the request…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Confirm the withdrawal' });
    await dialog.waitFor();
    const said = (await dialog.textContent()) ?? '';
    expect(said).toMatch(/pending lines? will be closed as withdrawn: line 1 \(/);
    expect(said).toContain('leaves the work queues');
    expect(said).toContain(reason);
    expect(said).toContain('This cannot be undone.');
    expect(await seriousViolations(page)).toEqual([]);

    // Going back sends nothing and leaves the case as it was.
    await dialog.getByRole('button', { name: 'Back' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    expect(posts()).toBe(0);
    expect(await page.getByLabel(/^Disposition:/).textContent()).toBe('Pending');

    await page.getByRole('button', { name: 'Withdraw the request…' }).click();
    await dialog.getByRole('button', { name: 'Withdraw the request', exact: true }).dblclick();
    await expect.poll(() => page.getByLabel(/^Disposition:/).textContent(), { timeout: 20_000 }).toBe('Withdrawn');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(posts()).toBe(1);
    expect(await page.getByRole('main').getByRole('alert').filter({ hasText: /The case is closed|failed/ }).count()).toBe(0);
    await expect.poll(() => page.getByText(`Request withdrawn: ${reason}`).count()).toBe(1);
    // Nothing is left to do on a withdrawn case.
    expect(await page.getByRole('button', { name: /^(Withdraw the request|Cancel the case)/ }).count()).toBe(0);
  });

  it('cancels a case only after confirming, once despite a double click', async () => {
    const page = await b.newPage();
    await b.login(page, 'nurse');
    const posts = countPosts(page, 'cancel');
    const caseNumber = await openNurseCase(page, 0);
    const reason = 'Entered twice by intake; the other case is being reviewed.';

    await page.getByRole('button', { name: 'Cancel the case…' }).click();
    // The confirmation needs the reason first.
    expect(await page.getByRole('button', { name: 'Cancel the case…' }).isDisabled()).toBe(true);
    await page.getByLabel(/^Reason for the cancellation/).fill(reason);
    await page.getByRole('button', { name: 'Cancel the case…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Confirm the cancellation' });
    await dialog.waitFor();
    const said = (await dialog.textContent()) ?? '';
    expect(said).toContain(`Case ${caseNumber} will be closed as cancelled`);
    expect(said).toContain('no decision or letter is made');
    expect(said).toContain(reason);
    expect(await seriousViolations(page)).toEqual([]);
    // Escape closes the confirmation without sending.
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(posts()).toBe(0);

    await page.getByRole('button', { name: 'Cancel the case…' }).click();
    await dialog.getByRole('button', { name: 'Cancel the case', exact: true }).dblclick();
    await expect.poll(() => page.getByLabel(/^Disposition:/).textContent(), { timeout: 20_000 }).toBe('Cancelled');
    expect(posts()).toBe(1);
    await expect.poll(() => page.getByText(`Case cancelled: ${reason}`).count()).toBe(1);
    // It has left the nurse queue.
    await page.goto(`/cases?queue=nurse&q=${encodeURIComponent(caseNumber)}`);
    await page.getByRole('table', { name: 'Cases' }).waitFor();
    await expect.poll(() => page.getByText('No cases match these filters.').count()).toBe(1);
  });
});
