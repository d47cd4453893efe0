import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserHarness, type BrowserHarness } from '../support/browser';

let b: BrowserHarness;
beforeAll(async () => {
  b = await browserHarness({ demo: true });
});
afterAll(async () => b?.close());

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
    const providerCaseNumbers = await provider.getByRole('table', { name: 'Cases' }).getByRole('link').allTextContents();
    expect(providerCaseNumbers.length).toBeGreaterThan(0);
    await nurse.getByLabel('Search').fill(providerCaseNumbers[0] ?? '');
    await nurse.getByRole('table', { name: 'Cases' }).getByRole('link', { name: providerCaseNumbers[0] ?? '' }).click();
    await expect.poll(() => nurse.getByRole('heading', { level: 1 }).textContent()).toContain(providerCaseNumbers[0] ?? '');
    await nurse.keyboard.press('p');
    await nurse.getByLabel(/^What information is needed/).fill('Please send the sleep study report.');
    await nurse.getByRole('button', { name: 'Pend for information', exact: true }).click();
    await expect.poll(() => nurse.getByText('Pended for information').count()).toBeGreaterThan(0);

    await provider.goto(nurse.url());
    await expect.poll(() => provider.getByText('Please send the sleep study report.').count()).toBeGreaterThan(0);
    const chooser = provider.waitForEvent('filechooser');
    await provider.getByRole('button', { name: 'Upload the requested document' }).click();
    await (await chooser).setFiles({ name: 'sleep-study.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF') });
    await expect.poll(() => provider.getByText('sleep-study.pdf').count()).toBeGreaterThan(0);

    await nurse.reload();
    await expect.poll(() => nurse.getByText('Nurse review').count()).toBeGreaterThan(0);
  });
});
