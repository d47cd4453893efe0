/**
 * The 834 enrollment upload in Chromium: an administrator picks the fixture file, names the plan,
 * the IPA and the product type, uploads it and reads the report — the totals and each member's
 * problem with its segment positions — and the members are on file with their coverage.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { browserHarness, type BrowserHarness } from '../support/browser';
import { seriousViolations } from '../support/axe';
import * as S from '../../src/platform/db/schema';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'x12', '834-members.x12');

let b: BrowserHarness;
beforeAll(async () => {
  b = await browserHarness({ demo: true });
});
afterAll(async () => b?.close());

async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).first().click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** The cells of each row of a table, as text. */
async function rows(page: Page, name: string): Promise<string[][]> {
  const out: string[][] = [];
  for (const row of await page.getByRole('table', { name }).getByRole('row').all()) out.push((await row.getByRole('cell').allTextContents()).map((c) => c.trim()));
  return out;
}

describe('the 834 upload in Chromium', () => {
  it('uploads an 834 file and shows the report with the problems and their segment positions', async () => {
    const page = await b.newPage();
    await b.login(page, 'admin');
    await page.getByRole('link', { name: 'Administration' }).click();
    await page.getByRole('tab', { name: 'Enrollment (834)' }).click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: /^834 file/ }).click();
    await (await chooser).setFiles(FIXTURE);
    await expect.poll(() => page.getByText('834-members.x12').count()).toBe(1);
    await choose(page, 'Health plan', 'Evergreen Medicare Advantage');
    await choose(page, 'IPA', 'Valley Physicians IPA');
    await choose(page, 'Product type', 'HMO');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Upload' }).click();

    await expect.poll(() => page.getByRole('table', { name: 'Members with problems' }).count(), { timeout: 30_000 }).toBe(1);
    const totalRows = await page.getByRole('table', { name: 'Import totals' }).getByRole('row').allTextContents();
    expect(totalRows).toEqual(['Members read6', 'Added4', 'Updated0', 'Unchanged0', 'Coverage spans terminated0', 'Reinstated0', 'Terminated as missing from a full file0', 'Members with problems2']);
    expect((await rows(page, 'Members with problems')).filter((r) => r.length > 0)).toEqual([
      ['29', '27', 'SUB002', 'DMG at 32: DMG02: Invalid Date ("19701301")'],
      ['49', '47', 'LIA KOE', 'REF at 48: REF missing: the subscriber identifier (REF*0F) is required'],
    ]);
    await expect.poll(() => page.getByText('Functional group 1: accepted, errors noted').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);

    // The members are on file, with a span of the plan under the IPA's contract.
    const db = b.app.ctx.db;
    const [m] = await db.select().from(S.members).where(eq(S.members.memberNumber, 'SUB001'));
    expect(m).toMatchObject({ firstName: 'JANE', lastName: 'DOE', birthDate: '1980-01-01' });
    const spans = await db
      .select({ plan: S.organisations.name, contract: S.contracts.name, from: S.coverages.effectiveFrom, productType: S.coverages.productType })
      .from(S.coverages)
      .innerJoin(S.organisations, and(eq(S.organisations.tenantId, S.coverages.tenantId), eq(S.organisations.id, S.coverages.planOrgId)))
      .innerJoin(S.contracts, and(eq(S.contracts.tenantId, S.coverages.tenantId), eq(S.contracts.id, S.coverages.contractId)))
      .where(and(eq(S.coverages.tenantId, m?.tenantId ?? ''), eq(S.coverages.memberId, m?.id ?? '')));
    expect(spans).toEqual([{ plan: 'Evergreen Medicare Advantage', contract: 'Valley IPA × Evergreen MA', from: '2026-02-01', productType: 'HMO' }]);

    // Uploading it again as a full file: nothing changes, and the full-file terminations are refused (not a full file).
    await page.getByRole('checkbox', { name: /^Full file/ }).check();
    await page.getByRole('button', { name: 'Upload' }).click();
    await expect.poll(() => page.getByText(/--term-missing needs a full file/).count(), { timeout: 30_000 }).toBe(1);
    expect(await page.getByRole('table', { name: 'Import totals' }).getByRole('row').allTextContents()).toEqual(expect.arrayContaining(['Added0', 'Unchanged4', 'Terminated as missing from a full file0']));
  });
});
