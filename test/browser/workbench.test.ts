import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserHarness, type BrowserHarness } from '../support/browser';
import { seriousViolations } from '../support/axe';

let b: BrowserHarness;
beforeAll(async () => {
  b = await browserHarness({ demo: true });
});
afterAll(async () => b?.close());

/** The rows of the case list for one queue that carry this case number (0 or 1 of them). */
async function rowsInQueue(page: Page, queue: string, caseNumber: string): Promise<string[]> {
  await page.goto(`/cases?queue=${queue}&q=${encodeURIComponent(caseNumber)}`);
  const table = page.getByRole('table', { name: 'Cases' });
  await table.waitFor();
  await page.getByLabel('Loading cases').waitFor({ state: 'detached' });
  return table.getByRole('row').filter({ has: page.getByRole('link', { name: caseNumber, exact: true }) }).allTextContents();
}

describe('reviewer workbench in Chromium', () => {
  it('pends a case for information with the keyboard, and the provider answers by uploading a document', async () => {
    const nurse = await b.newPage();
    await b.login(nurse, 'nurse');
    await nurse.getByRole('link', { name: 'Nurse queue' }).click();
    // A case the demo provider office submitted, so that the provider can answer it.
    const provider = await b.newPage();
    await b.login(provider, 'provider');
    await provider.goto('/cases?status=nurse_review');
    await expect.poll(() => provider.getByRole('table', { name: 'Cases' }).getByRole('link').count()).toBeGreaterThan(0);
    const caseNumber = (await provider.getByRole('table', { name: 'Cases' }).getByRole('link').first().textContent()) ?? '';
    expect(caseNumber).toMatch(/\S/);
    expect(await rowsInQueue(nurse, 'nurse', caseNumber)).toHaveLength(1);

    await nurse.getByRole('table', { name: 'Cases' }).getByRole('link', { name: caseNumber, exact: true }).click();
    await expect.poll(() => nurse.getByRole('heading', { level: 1 }).textContent()).toContain(caseNumber);
    const main = nurse.getByRole('main');
    await expect.poll(() => main.getByText('Nurse review', { exact: true }).count()).toBe(1);
    expect(await seriousViolations(nurse)).toEqual([]);
    await nurse.keyboard.press('p');
    await nurse.getByLabel(/^What information is needed/).fill('Please send the sleep study report.');
    await nurse.getByRole('button', { name: 'Pend for information', exact: true }).click();
    // The status badge under the heading changes, and the message the provider will see is shown.
    await expect.poll(() => main.getByText('Nurse review', { exact: true }).count()).toBe(0);
    await expect.poll(() => main.getByRole('alert').filter({ hasText: 'Please send the sleep study report.' }).count()).toBe(1);
    expect(await main.getByText('Pended for information', { exact: true }).count()).toBeGreaterThan(1); // status badge and the alert's title
    const caseUrl = nurse.url();
    // Out of the nurse queue, into the pended one.
    expect(await rowsInQueue(nurse, 'nurse', caseNumber)).toHaveLength(0);
    const pended = await rowsInQueue(nurse, 'pended', caseNumber);
    expect(pended).toHaveLength(1);
    expect(pended[0]).toContain('Pended for information');

    await provider.goto(caseUrl);
    await expect.poll(() => provider.getByText('Please send the sleep study report.').count()).toBeGreaterThan(0);
    expect(await seriousViolations(provider)).toEqual([]);
    const chooser = provider.waitForEvent('filechooser');
    await provider.getByRole('button', { name: 'Upload the requested document' }).click();
    await (await chooser).setFiles({ name: 'sleep-study.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF') });
    await expect.poll(() => provider.getByText('sleep-study.pdf').count()).toBeGreaterThan(0);

    // Back in the nurse queue, in nurse review, and no longer pended.
    await expect.poll(() => rowsInQueue(nurse, 'nurse', caseNumber), { timeout: 15_000 }).toHaveLength(1);
    expect((await rowsInQueue(nurse, 'nurse', caseNumber))[0]).toContain('Nurse review');
    expect(await rowsInQueue(nurse, 'pended', caseNumber)).toHaveLength(0);
    await nurse.goto(caseUrl);
    await expect.poll(() => nurse.getByRole('main').getByText('Nurse review', { exact: true }).count()).toBe(1);
    expect(await nurse.getByRole('main').getByText('Pended for information', { exact: true }).count()).toBe(0);
    await expect.poll(() => nurse.getByRole('main').getByText('sleep-study.pdf').count()).toBeGreaterThan(0);
  });
});
