import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserHarness, type BrowserHarness } from '../support/browser';
import { seriousViolations } from '../support/axe';

let b: BrowserHarness;
beforeAll(async () => {
  b = await browserHarness({ demo: true });
});
afterAll(async () => b?.close());

describe('administration in Chromium', () => {
  it('lets an admin add a nurse with a licence state, who can then log in', async () => {
    const page = await b.newPage();
    await b.login(page, 'admin');
    await page.getByRole('link', { name: 'Administration' }).click();
    await expect.poll(() => page.getByRole('table', { name: 'Users' }).getByRole('row').count()).toBeGreaterThan(5);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Add a user' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/^Username/).fill('rn.ca');
    await dialog.getByLabel(/^Display name/).fill('Casey Rivera, RN');
    await dialog.getByLabel(/^Credential/).fill('RN');
    await dialog.getByLabel(/^Licence state/).fill('CA');
    await dialog.getByLabel(/^Password/).fill('a-long-password');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByRole('table', { name: 'Users' }).getByText('Casey Rivera, RN').count()).toBe(1);
    const nurse = await b.newPage();
    await b.login(nurse, 'rn.ca', 'a-long-password');
    await expect.poll(() => nurse.getByText('Casey Rivera, RN').count()).toBeGreaterThan(0);
  });
});
