import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserHarness, type BrowserHarness } from '../support/browser';
import { seriousViolations } from '../support/axe';

let b: BrowserHarness;
beforeAll(async () => {
  b = await browserHarness({ demo: true });
});
afterAll(async () => b?.close());

describe('the web UI in Chromium', () => {
  it('logs a nurse in, shows her cases, and opens one with its audit trail and no deny option', async () => {
    const page = await b.newPage();
    await page.goto('/login');
    expect(await seriousViolations(page)).toEqual([]);
    await b.login(page, 'nurse');
    await page.getByRole('link', { name: 'Nurse queue' }).click();
    const rows = page.getByRole('table', { name: 'Cases' }).getByRole('row');
    await expect.poll(() => rows.count()).toBeGreaterThan(5);
    expect(await seriousViolations(page)).toEqual([]);
    const first = page.getByRole('table', { name: 'Cases' }).getByRole('link').first();
    const caseNumber = (await first.textContent()) ?? '';
    await first.click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(`Case ${caseNumber}`);
    await expect.poll(() => page.getByRole('table', { name: 'Audit trail' }).getByRole('row').count()).toBeGreaterThan(1);
    expect(await seriousViolations(page)).toEqual([]);
    // The decision form offers a nurse approval, never a denial or a reduction.
    await page.getByLabel(/^Line 1/).first().click();
    const options = await page.getByRole('option').allTextContents();
    expect(options).toContain('Approve as requested');
    expect(options.join('|')).not.toMatch(/Deny|modifications/);
    await page.keyboard.press('Escape');
  });

  it('offers a medical director the adverse outcomes, and records a denial with its reason and the policy it rests on', async () => {
    const page = await b.newPage();
    await b.login(page, 'md');
    await page.getByRole('link', { name: 'Physician queue' }).click();
    // The demo is generated relative to today, so the queue's order changes with the hour: take the
    // first case whose first line is the medical director's to deny (not one at the plan's risk).
    const links = page.getByRole('table', { name: 'Cases' }).getByRole('link');
    await expect.poll(() => links.count()).toBeGreaterThan(3);
    let found = false;
    for (let i = 0; i < 10 && !found; i += 1) {
      await page.getByRole('table', { name: 'Cases' }).getByRole('link').nth(i).click();
      await page.getByLabel(/^Line 1/).first().click();
      await expect.poll(() => page.getByRole('option').count()).toBeGreaterThan(0);
      const options = await page.getByRole('option').allTextContents();
      found = options.includes('Deny (adverse)');
      await page.keyboard.press('Escape');
      if (!found) {
        await page.goBack();
        await expect.poll(() => links.count()).toBeGreaterThan(3);
      }
    }
    expect(found).toBe(true);
    // The case page refreshes its data in the background, which can close an open list: open it
    // again until the option is taken.
    let chosen = false;
    for (let attempt = 0; attempt < 3 && !chosen; attempt += 1) {
      await page.getByLabel(/^Line 1/).first().click();
      chosen = await page
        .getByRole('option', { name: 'Deny (adverse)' })
        .click({ timeout: 5_000 })
        .then(() => true, () => false);
    }
    expect(chosen).toBe(true);
    await page.getByLabel(/^Denial category/).first().click();
    await page.getByRole('option', { name: 'medical necessity' }).click();
    await page.getByLabel(/^Reason code/).fill('MN-CRIT');
    await page.getByLabel(/^Specific reason/).fill('The records do not show the qualifying test results the criteria require.');
    // Without a basis the decision cannot be recorded; the reviewer cites the plan policy.
    const basis = page.getByRole('group', { name: 'What the decision rests on' });
    const preselected = await basis.getByRole('checkbox', { checked: true }).count();
    if (preselected === 0) expect(await page.getByRole('button', { name: 'Record decision' }).isDisabled()).toBe(true);
    await basis.getByLabel(/^Coverage rule or plan policy/).fill('Durable medical equipment: medical necessity policy');
    await basis.getByLabel(/^Reference/).fill('Plan medical policy DME-001 §2');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Record decision' }).click();
    const confirm = page.getByRole('dialog', { name: 'Confirm the decision' });
    await expect.poll(() => confirm.textContent()).toContain('Plan medical policy DME-001 §2');
    await page.getByRole('button', { name: 'Confirm' }).click();
    await expect.poll(() => page.getByLabel(/^Disposition:/).textContent(), { timeout: 15_000 }).toMatch(/Denied|Partially approved/);
    await expect.poll(() => page.getByText('The records do not show the qualifying test results').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText(/Rests on: .*Durable medical equipment: medical necessity policy \(Plan medical policy DME-001 §2\)/).count()).toBeGreaterThan(0);
  });
});
