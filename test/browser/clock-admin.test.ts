/**
 * Administration of clock policies, holiday calendars and routing in Chromium (issue 5): an admin
 * reads which policy version applies and the computed federal holidays with their observance,
 * changes the at-risk share, a Medicaid rating-period start and a calendar of the plan's own,
 * confirms the listed changes, and finds them kept after a reload; the same for the routing rules;
 * axe finds no serious violation; a non-admin does not get the tabs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { eq } from 'drizzle-orm';
import * as S from '../../src/platform/db/schema';
import { browserHarness, type BrowserHarness } from '../support/browser';
import { seriousViolations } from '../support/axe';

let b: BrowserHarness;
beforeAll(async () => {
  b = await browserHarness({ demo: true });
});
afterAll(async () => b?.close());

/** Independence Day's observed date, computed here independently: Saturday → Friday, Sunday → Monday. */
function independenceObserved(year: number): string {
  const d = new Date(Date.UTC(year, 6, 4));
  const shift = d.getUTCDay() === 6 ? -1 : d.getUTCDay() === 0 ? 1 : 0;
  const o = new Date(Date.UTC(year, 6, 4 + shift));
  return o.toLocaleDateString('en-US', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
}

/** axe once transitions have finished (a modal fading in or out has mid-animation contrast). */
async function violations(page: Page) {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  return seriousViolations(page);
}

async function choose(page: Page, label: string, option: RegExp | string): Promise<void> {
  await page.getByLabel(label, { exact: true }).first().click();
  await page.getByRole('option', { name: option }).click();
}

describe('clock and routing administration in Chromium', () => {
  it('lets an admin change the clock settings, confirm what changes, and find them kept after a reload', async () => {
    const page = await b.newPage();
    await b.login(page, 'admin');
    await page.getByRole('link', { name: 'Administration' }).click();
    await page.getByRole('tab', { name: 'Clock policies' }).click();
    const rows = page.getByRole('table', { name: 'Clock policy assignments' });
    await expect.poll(() => rows.getByRole('row').count()).toBeGreaterThan(10);
    // Which policy and version applies, with its effective dates.
    const ma = rows.getByRole('row', { name: /^Medicare Advantage · any product · any state/ });
    await expect.poll(() => ma.textContent()).toMatch(/medicare_advantage version 2026-01, 2026-01-01 – open/);
    await expect.poll(() => ma.textContent()).toMatch(/42 CFR 422/);

    // The computed federal holidays, this year and next, with the observed day.
    const federal = page.getByRole('table', { name: /^Holidays of us-federal in \d{4}$/ });
    await expect.poll(() => federal.count()).toBe(2);
    const next = Number((await federal.nth(1).getAttribute('aria-label'))?.slice(-4));
    const july4 = page.getByRole('table', { name: `Holidays of us-federal in ${next}` }).getByRole('row', { name: /^Independence Day/ });
    await expect.poll(() => july4.getByRole('cell').nth(2).textContent()).toBe(independenceObserved(next));
    expect(await violations(page)).toEqual([]);

    // Change the at-risk share and a rating-period start.
    await page.getByRole('textbox', { name: /^At-risk warning/ }).fill('60');
    await page.getByRole('button', { name: 'Edit Medicaid · any product · any state' }).click();
    const edit = page.getByRole('dialog');
    await edit.getByRole('textbox', { name: /^Rating period starts/ }).fill('07-01');
    expect(await violations(page)).toEqual([]);
    await edit.getByRole('button', { name: 'Apply to the draft' }).click();
    await expect.poll(() => rows.getByRole('row', { name: /^Medicaid · any product · any state/ }).getByRole('cell').nth(2).textContent()).toBe('07-01');

    // A calendar of the plan's own: a copy of the federal one with a closure.
    await page.getByRole('button', { name: /Make the plan’s own copy/ }).click();
    await page.getByRole('button', { name: 'Create the calendar' }).click();
    await page.getByLabel('Closure date').fill(`${next}-03-02`);
    await page.getByRole('button', { name: 'Add the closure' }).click();
    const own = page.getByRole('table', { name: `Holidays of plan-us-federal in ${next}` });
    await expect.poll(() => own.getByRole('row', { name: /Added closure/ }).count()).toBe(1);
    await own.getByRole('button', { name: /^Do not keep Columbus Day on/ }).click();
    await expect.poll(() => own.getByRole('row', { name: /Columbus Day/ }).textContent()).toMatch(/not kept by the plan/);
    expect(await violations(page)).toEqual([]);

    // Saving lists every change first.
    await page.getByRole('button', { name: 'Save clock settings…' }).click();
    const confirm = page.getByRole('dialog', { name: 'Save the clock settings' });
    const listed = await confirm.getByRole('list', { name: 'Changes to save' }).textContent();
    expect(listed).toContain('At-risk warning: at 75 % → at 60 % of the window');
    expect(listed).toContain('Medicaid · any product · any state: rating period starts 01-01 → 07-01');
    expect(listed).toMatch(/Holiday calendar us-federal → plan-us-federal for \d+ rows: Medicare Advantage · any product · any state;/);
    expect(listed).toContain('New calendar plan-us-federal');
    expect(listed).toContain(`Calendar plan-us-federal: closed on ${next}-03-02`);
    expect(listed).toMatch(new RegExp(`Calendar plan-us-federal: holiday not kept on ${next}-10-\\d\\d`));
    expect(await violations(page)).toEqual([]);
    await confirm.getByRole('button', { name: 'Save these changes' }).dblclick();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved.' }).count()).toBe(1);

    // Kept after a reload.
    await page.reload();
    await expect.poll(() => page.getByRole('textbox', { name: /^At-risk warning/ }).inputValue()).toBe('60 %');
    await expect.poll(() => page.getByRole('table', { name: 'Clock policy assignments' }).getByRole('row', { name: /^Medicaid · any product · any state/ }).getByRole('cell').nth(2).textContent()).toBe('07-01');
    await choose(page, 'Calendar', /^plan-us-federal/);
    await expect.poll(() => page.getByRole('table', { name: `Holidays of plan-us-federal in ${next}` }).getByRole('row', { name: /Added closure/ }).count()).toBe(1);

    // The server kept one audited change (the double click sent once).
    const audit = await b.app.ctx.db.select().from(S.auditEvents).where(eq(S.auditEvents.action, 'tenant.clock_settings'));
    expect(audit).toHaveLength(1);
  });

  it('shows the server’s refusal and keeps the draft', async () => {
    const page = await b.newPage();
    await b.login(page, 'admin');
    await page.goto('/admin?tab=clocks');
    await page.getByRole('textbox', { name: /^At-risk warning/ }).fill('100');
    await page.getByRole('button', { name: 'Save clock settings…' }).click();
    await page.getByRole('dialog', { name: 'Save the clock settings' }).getByRole('button', { name: 'Save these changes' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'The clock settings were not saved' });
    await expect.poll(() => alert.count()).toBe(1);
    expect(await alert.textContent()).toMatch(/atRiskPercent/);
    expect(await page.getByRole('textbox', { name: /^At-risk warning/ }).inputValue()).toBe('100 %');
  });

  it('lets an admin edit the routing rules in a form and find them kept after a reload', async () => {
    const page = await b.newPage();
    await b.login(page, 'admin');
    await page.goto('/admin?tab=routing');
    const licensure = page.getByRole('table', { name: 'Licensure rules' });
    await expect.poll(() => licensure.getByRole('row').count()).toBe(5); // header + the 4 defaults
    expect(await violations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Add a licensure row' }).click();
    await page.getByRole('textbox', { name: 'State, licensure row 5' }).fill('tx');
    await page.getByRole('button', { name: 'Add a specialty rule' }).click();
    await page.getByRole('textbox', { name: /^Specialty \(rule 2\)/ }).fill('Sleep Medicine');
    await page.getByRole('region', { name: 'Specialty rule 2' }).getByRole('button', { name: 'Add a code range' }).click();
    await page.getByRole('textbox', { name: 'From code (rule 2, range 1)' }).fill('e0600');
    await page.getByRole('textbox', { name: 'To code (rule 2, range 1)' }).fill('E0602');
    await page.getByRole('button', { name: 'Save routing rules…' }).click();
    const confirm = page.getByRole('dialog', { name: 'Save the routing rules' });
    const listed = await confirm.getByRole('list', { name: 'Changes to save' }).textContent();
    expect(listed).toContain('Licence in the member’s state now required for: Medicare Advantage · any product · any funding · TX');
    expect(listed).toContain('Sleep Medicine: E0600–E0602');
    await confirm.getByRole('button', { name: 'Save these changes' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved.' }).count()).toBe(1);

    await page.reload();
    await expect.poll(() => page.getByRole('table', { name: 'Licensure rules' }).getByRole('row').count()).toBe(6);
    expect(await page.getByRole('textbox', { name: 'State, licensure row 5' }).inputValue()).toBe('TX');
    expect(await page.getByRole('textbox', { name: /^Specialty \(rule 2\)/ }).inputValue()).toBe('Sleep Medicine');
    expect(await page.getByRole('textbox', { name: 'From code (rule 2, range 1)' }).inputValue()).toBe('E0600');

    // A reviewer's routing profile: limited to a service category.
    await choose(page, 'Reviewer', /^Nadia Holloway/);
    await page.getByLabel('Limited to service categories', { exact: true }).first().click();
    await page.getByRole('option', { name: 'dme' }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Save the profile…' }).click();
    const profile = page.getByRole('dialog', { name: 'Save the reviewer’s routing profile' });
    expect(await profile.getByRole('list', { name: 'Changes to save' }).textContent()).toContain('Limited to service categories: none → dme');
    await profile.getByRole('button', { name: 'Save these changes' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved.' }).count()).toBeGreaterThan(0);
    expect(await violations(page)).toEqual([]);
  });

  it('does not give a non-admin the clock or routing tabs', async () => {
    const page = await b.newPage();
    await b.login(page, 'supervisor');
    expect(await page.getByRole('link', { name: 'Administration' }).count()).toBe(0);
    await page.goto('/admin?tab=clocks');
    await page.getByRole('heading', { name: 'Administration' }).waitFor();
    expect(await page.getByRole('tab', { name: 'Clock policies' }).count()).toBe(0);
    expect(await page.getByRole('tab', { name: 'Routing' }).count()).toBe(0);
    expect(await page.getByRole('table', { name: 'Clock policy assignments' }).count()).toBe(0);
  });
});
