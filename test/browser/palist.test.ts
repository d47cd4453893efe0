/**
 * The PA list in Chromium: an administrator adds a rule to one contract's prior-authorization list
 * in the administration page, and the provider's "Is authorization required?" lookup answers by it
 * at once — for a member of that contract, and not for a member of another contract.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { browserHarness, type BrowserHarness } from '../support/browser';
import { seriousViolations } from '../support/axe';
import * as S from '../../src/platform/db/schema';

const CONTRACT = 'Valley IPA × Evergreen MA';
const OTHER = 'Coastal IPA × Summit Commercial';
/** Arthrocentesis of a major joint: not on the sample PA list. */
const CODE = '20610';

let b: BrowserHarness;
const memberOf: Record<string, string> = {};

beforeAll(async () => {
  b = await browserHarness({ demo: true });
  const db = b.app.ctx.db;
  for (const name of [CONTRACT, OTHER]) {
    const [m] = await db
      .select({ n: S.members.memberNumber })
      .from(S.members)
      .innerJoin(S.coverages, and(eq(S.coverages.tenantId, S.members.tenantId), eq(S.coverages.memberId, S.members.id)))
      .innerJoin(S.contracts, and(eq(S.contracts.tenantId, S.coverages.tenantId), eq(S.contracts.id, S.coverages.contractId)))
      .where(and(eq(S.contracts.name, name), isNull(S.coverages.effectiveTo)))
      .orderBy(S.members.memberNumber)
      .limit(1);
    memberOf[name] = m?.n ?? '';
  }
});
afterAll(async () => b?.close());

const inDays = (n: number): string => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** The provider's lookup for one member and the test code: the row of the answer table. */
async function lookup(page: Page, memberNumber: string): Promise<string> {
  await page.goto('/portal/requirements');
  await page.getByLabel(/^Member number/).fill(memberNumber);
  await page.getByLabel(/^Codes/).fill(CODE);
  await page.getByLabel(/^Date of service/).fill(inDays(14));
  await page.getByRole('button', { name: 'Check' }).click();
  const row = page.getByRole('table', { name: 'Authorization requirements' }).getByRole('row').filter({ hasText: CODE });
  await expect.poll(() => row.count(), { timeout: 20_000 }).toBe(1);
  return (await row.textContent()) ?? '';
}

describe('the PA list administration in Chromium', () => {
  it('adds a rule to a contract and the provider lookup answers by it', async () => {
    expect(memberOf[CONTRACT]).not.toBe('');
    expect(memberOf[OTHER]).not.toBe('');
    const provider = await b.newPage();
    await b.login(provider, 'provider');
    const before = await lookup(provider, memberOf[CONTRACT] ?? '');
    expect(before).not.toContain('Authorization required');
    expect(before).not.toContain('Rule knee-arthrocentesis');

    const admin = await b.newPage();
    await b.login(admin, 'admin');
    await admin.getByRole('link', { name: 'PA list' }).click();
    await expect.poll(() => admin.getByRole('heading', { level: 1 }).textContent()).toBe('Prior-authorization list');
    await admin.getByLabel('Contract', { exact: true }).first().click();
    await admin.getByRole('option', { name: CONTRACT }).click();
    const rules = admin.getByRole('table', { name: 'PA rules' });
    await expect.poll(() => rules.getByRole('row').filter({ hasText: 'cpap-device' }).count(), { timeout: 20_000 }).toBe(1);
    expect(await rules.getByRole('row').filter({ hasText: 'knee-arthrocentesis' }).count()).toBe(0);
    expect(await seriousViolations(admin)).toEqual([]);

    await admin.getByRole('button', { name: 'Add a rule' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Add a rule' });
    await dialog.getByLabel(/^Rule id/).fill('knee-arthrocentesis');
    await dialog.getByLabel('Code system', { exact: true }).first().click();
    await admin.getByRole('option', { name: 'CPT', exact: true }).click();
    await dialog.getByLabel(/^Code \(or first of a range\)/).fill(CODE);
    await dialog.getByLabel(/^Effective from/).fill(inDays(-1));
    await dialog.getByLabel(/^Documents expected/).fill('imaging report; notes of the conservative treatment tried');
    await dialog.getByLabel(/^Reason for the change/).fill('New policy on joint injections');
    expect(await seriousViolations(admin)).toEqual([]);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    const added = rules.getByRole('row').filter({ hasText: 'knee-arthrocentesis' });
    await expect.poll(() => added.count(), { timeout: 20_000 }).toBe(1);
    expect(await added.textContent()).toMatch(/CPT 20610.*required/);

    // The provider's lookup now answers by the new rule, with the documents to send.
    const after = await lookup(provider, memberOf[CONTRACT] ?? '');
    expect(after).toContain('Authorization required');
    expect(after).toContain('Rule knee-arthrocentesis v1');
    expect(after).toContain('imaging report; notes of the conservative treatment tried');
    expect(await seriousViolations(provider)).toEqual([]);
    // The rule is that contract's: a member of another contract is not affected.
    const other = await lookup(provider, memberOf[OTHER] ?? '');
    expect(other).not.toContain('Authorization required');
    expect(other).not.toContain('knee-arthrocentesis');

    // Retiring it (a new version) takes the requirement away again.
    await added.getByRole('button', { name: 'Retire' }).click();
    await expect.poll(() => rules.getByRole('row').filter({ hasText: 'knee-arthrocentesis' }).count(), { timeout: 20_000 }).toBe(0);
    const retired = await lookup(provider, memberOf[CONTRACT] ?? '');
    expect(retired).not.toContain('Authorization required');
    // Both versions are kept, with who changed the rule and why.
    await admin.getByLabel('Show retired rules').check();
    await rules.getByRole('row').filter({ hasText: 'knee-arthrocentesis' }).getByRole('button', { name: 'History' }).click();
    const history = admin.getByRole('table', { name: 'Rule history' });
    await expect.poll(() => history.getByRole('row').count(), { timeout: 20_000 }).toBe(3);
    expect(await history.textContent()).toContain('New policy on joint injections');
    expect(await history.textContent()).toContain('(retired)');
    expect(await seriousViolations(admin)).toEqual([]);
  }, 180_000);
});
