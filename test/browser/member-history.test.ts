import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, gt } from 'drizzle-orm';
import { browserHarness, type BrowserHarness } from '../support/browser';
import { seriousViolations } from '../support/axe';
import { cases } from '../../src/intake/schema';

let b: BrowserHarness;
beforeAll(async () => {
  b = await browserHarness({ demo: true });
});
afterAll(async () => b?.close());

describe('the member history on the case page', () => {
  it("lists the member's other requests, each a link to its case, and not the case itself", async () => {
    const db = b.app.ctx.db;
    // A demo member with more than one case.
    const [withSeveral] = await db.select({ memberId: cases.memberId, n: count() }).from(cases).groupBy(cases.memberId).having(gt(count(), 1)).limit(1);
    if (withSeveral === undefined) throw new Error('the demo has no member with several cases');
    const theirs = await db.select({ id: cases.id, caseNumber: cases.caseNumber }).from(cases).where(and(eq(cases.memberId, withSeveral.memberId)));
    const [here, ...others] = theirs;
    if (here === undefined) throw new Error('no case');

    const page = await b.newPage();
    await b.login(page, 'supervisor');
    await page.goto(`/cases/${here.id}`);
    const table = page.getByRole('table', { name: "Member's other requests" });
    await expect.poll(() => table.getByRole('link').count()).toBe(others.length);
    const shown = await table.getByRole('link').allTextContents();
    expect(shown.sort()).toEqual(others.map((o) => o.caseNumber).sort());
    expect(shown).not.toContain(here.caseNumber);
    expect(await seriousViolations(page)).toEqual([]);

    const next = others[0];
    if (next === undefined) throw new Error('no other case');
    await table.getByRole('link', { name: next.caseNumber, exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(`Case ${next.caseNumber}`);
    // From there, the first case is in the history.
    await expect.poll(() => page.getByRole('table', { name: "Member's other requests" }).getByRole('link', { name: here.caseNumber, exact: true }).count()).toBe(1);
  });
});
