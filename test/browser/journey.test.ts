/**
 * The issue-5 journey in Chromium, as one chain, with axe checks on every screen: a provider submits
 * in the portal a CPAP request whose answers do not meet NCD 240.4 → it waits in the nurse queue →
 * the nurse cannot deny it and refers it → the medical director denies it with a reason, citing the
 * criteria set the case was checked against → the provider sees the decision and the reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull, notExists, sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { browserHarness, type BrowserHarness } from '../support/browser';
import { seriousViolations } from '../support/axe';
import * as S from '../../src/platform/db/schema';

let b: BrowserHarness;
let memberNumber = '';
let npi = '';

beforeAll(async () => {
  b = await browserHarness({ demo: true });
  const db = b.app.ctx.db;
  // A Medicare Advantage member of Valley IPA (CPAP is the IPA's risk there, so the IPA's physician
  // decides it) with no case yet, and an in-network practitioner of the demo provider's office.
  const [m] = await db
    .select({ n: S.members.memberNumber })
    .from(S.members)
    .innerJoin(S.coverages, and(eq(S.coverages.tenantId, S.members.tenantId), eq(S.coverages.memberId, S.members.id)))
    .innerJoin(S.contracts, and(eq(S.contracts.tenantId, S.coverages.tenantId), eq(S.contracts.id, S.coverages.contractId)))
    .where(and(eq(S.contracts.name, 'Valley IPA × Evergreen MA'), isNull(S.coverages.effectiveTo), notExists(db.select({ one: sql`1` }).from(S.cases).where(and(eq(S.cases.tenantId, S.members.tenantId), eq(S.cases.memberId, S.members.id))))))
    .orderBy(S.members.memberNumber)
    .limit(1);
  const [p] = await db
    .select({ npi: S.providers.npi })
    .from(S.providers)
    .innerJoin(S.organisations, and(eq(S.organisations.tenantId, S.providers.tenantId), eq(S.organisations.id, S.providers.providerOrgId)))
    .where(and(eq(S.organisations.name, 'Northside Family Medicine'), eq(S.providers.networkStatus, 'in_network')))
    .orderBy(S.providers.npi)
    .limit(1);
  memberNumber = m?.n ?? '';
  npi = p?.npi ?? '';
});
afterAll(async () => b?.close());

const inDays = (n: number): string => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** The rows of one queue's case list that carry this case number (0 or 1 of them). */
async function rowsInQueue(page: Page, queue: string, caseNumber: string): Promise<string[]> {
  await page.goto(`/cases?queue=${queue}&q=${encodeURIComponent(caseNumber)}`);
  const table = page.getByRole('table', { name: 'Cases' });
  await table.waitFor();
  await page.getByLabel('Loading cases').waitFor({ state: 'detached' });
  return table.getByRole('row').filter({ has: page.getByRole('link', { name: caseNumber, exact: true }) }).allTextContents();
}

async function openFromQueue(page: Page, queue: string, caseNumber: string): Promise<void> {
  await expect.poll(() => rowsInQueue(page, queue, caseNumber), { timeout: 15_000 }).toHaveLength(1);
  await page.getByRole('table', { name: 'Cases' }).getByRole('link', { name: caseNumber, exact: true }).click();
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(`Case ${caseNumber}`);
}

const REASON = 'Your sleep study shows an apnea-hypopnea index of 4. Medicare covers CPAP when it is 15 or more, or 5 to 14 with symptoms.';

describe('from a portal request that does not meet criteria to the provider reading the denial', () => {
  it('goes provider → nurse queue → referral → physician denial with its basis → provider', async () => {
    expect(memberNumber).not.toBe('');
    expect(npi).not.toBe('');

    // 1. The provider submits a request whose answers do not meet the criteria.
    const provider = await b.newPage();
    await b.login(provider, 'provider');
    await provider.getByRole('link', { name: 'New request' }).click();
    await expect.poll(() => provider.getByRole('heading', { level: 1 }).textContent()).toBe('New prior-authorization request');
    await provider.getByLabel(/^Member number/).fill(memberNumber);
    await provider.getByRole('button', { name: 'Find member' }).click();
    await expect.poll(() => provider.getByLabel('Member found').count(), { timeout: 20_000 }).toBe(1);
    await provider.getByLabel(/^Requesting provider NPI/).fill(npi);
    await provider.getByLabel(/^Diagnoses/).fill('G47.33');
    await provider.getByLabel(/^Line 1 code/).fill('E0601');
    await provider.getByLabel(/^From/).fill(inDays(10));
    await provider.getByLabel(/^To/).fill(inDays(40));
    await provider.getByLabel(/^Place of service/).fill('12');
    await provider.getByRole('button', { name: 'Check requirements' }).click();
    const requested = provider.getByRole('radiogroup', { name: /What is requested/ });
    await expect.poll(() => requested.count(), { timeout: 30_000 }).toBe(1);
    await requested.getByLabel('The initial 12-week trial of CPAP').check();
    await provider.getByRole('radiogroup', { name: /clinical evaluation/ }).getByLabel('Yes').check();
    await provider.getByRole('radiogroup', { name: /Which sleep test/ }).getByLabel('Polysomnography in a sleep laboratory').check();
    await provider.getByRole('radiogroup', { name: /ordered by the beneficiary's treating physician/ }).getByLabel('Yes').check();
    await provider.getByLabel(/^Apnea-hypopnea index/).fill('4');
    await provider.getByLabel(/^Hours of continuous recorded sleep/).fill('6');
    expect(await seriousViolations(provider)).toEqual([]);
    await provider.getByRole('button', { name: 'Submit request' }).click();
    const result = provider.getByRole('region', { name: 'Result' });
    await expect.poll(() => result.textContent(), { timeout: 30_000 }).toContain('Sent for review');
    expect(await result.textContent()).not.toContain('authorization number');
    const caseNumber = ((await provider.getByRole('heading', { level: 1 }).textContent()) ?? '').replace(/^Request /, '').trim();
    expect(caseNumber).toMatch(/\S/);
    expect(await seriousViolations(provider)).toEqual([]);
    await provider.getByRole('link', { name: 'Open the request' }).click();
    await expect.poll(() => provider.getByLabel(/^Disposition:/).textContent(), { timeout: 20_000 }).toBe('Pending');
    const caseUrl = provider.url();

    // 2. It waits in the nurse queue; the nurse is offered no denial and refers it to a physician.
    const nurse = await b.newPage();
    await b.login(nurse, 'nurse');
    await openFromQueue(nurse, 'nurse', caseNumber);
    const checklist = nurse.getByRole('table', { name: 'Criteria checklist, line 1' });
    await expect.poll(() => checklist.textContent(), { timeout: 20_000 }).toContain('Not met');
    expect(await seriousViolations(nurse)).toEqual([]);
    await nurse.getByLabel(/^Line 1/).first().click();
    await expect.poll(() => nurse.getByRole('option').count()).toBeGreaterThan(0);
    const nurseOptions = await nurse.getByRole('option').allTextContents();
    expect(nurseOptions).toContain('Approve as requested');
    expect(nurseOptions.join('|')).not.toMatch(/Deny|modifications/);
    await nurse.keyboard.press('Escape');
    await nurse.getByRole('button', { name: /^Refer to a physician…/ }).click();
    await nurse.getByLabel(/^Note for the physician/).fill('AHI 4 on the lab study; criteria not met. Please review.');
    expect(await seriousViolations(nurse)).toEqual([]);
    await nurse.getByRole('button', { name: 'Refer to a physician', exact: true }).click();
    await expect.poll(() => nurse.getByRole('main').getByText('Physician review', { exact: true }).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await rowsInQueue(nurse, 'nurse', caseNumber)).toHaveLength(0);

    // 3. The medical director denies it with a reason, citing the criteria set it was checked against.
    const md = await b.newPage();
    await b.login(md, 'md');
    await openFromQueue(md, 'medical_director', caseNumber);
    expect(await seriousViolations(md)).toEqual([]);
    await md.getByLabel(/^Line 1/).first().click();
    await md.getByRole('option', { name: 'Deny (adverse)' }).click();
    await md.getByLabel(/^Denial category/).first().click();
    await md.getByRole('option', { name: 'medical necessity' }).click();
    await md.getByLabel(/^Reason code/).fill('MN-CRIT');
    await md.getByLabel(/^Specific reason/).fill(REASON);
    const basis = md.getByRole('group', { name: 'What the decision rests on' });
    // Pre-selected: the set frozen onto the case, with the criterion not met.
    const set = basis.getByRole('checkbox', { name: /ncd-240\.4-cpap-osa v1/ });
    await expect.poll(() => set.isChecked()).toBe(true);
    const criteria = basis.getByRole('group', { name: 'Criteria cited from ncd-240.4-cpap-osa' });
    await expect.poll(() => criteria.getByRole('checkbox', { name: /\(not met\)$/, checked: true }).count()).toBeGreaterThan(0);
    expect(await criteria.getByRole('checkbox', { name: /\(met\)$/, checked: true }).count()).toBe(0);
    expect(await seriousViolations(md)).toEqual([]);
    await md.getByRole('button', { name: 'Record decision' }).click();
    const confirm = md.getByRole('dialog', { name: 'Confirm the decision' });
    await expect.poll(() => confirm.textContent()).toContain('ncd-240.4-cpap-osa v1');
    expect(await seriousViolations(md)).toEqual([]);
    await confirm.getByRole('button', { name: 'Confirm' }).click();
    await expect.poll(() => md.getByLabel(/^Disposition:/).textContent(), { timeout: 15_000 }).toBe('Denied');
    await expect.poll(() => md.getByText(/Rests on: criteria ncd-240\.4-cpap-osa v1/).count()).toBeGreaterThan(0);

    // 4. The provider sees the decision and the reason on the case page.
    await provider.goto(caseUrl);
    await expect.poll(() => provider.getByLabel(/^Disposition:/).textContent(), { timeout: 20_000 }).toBe('Denied');
    await expect.poll(() => provider.getByText(REASON).count()).toBeGreaterThan(0);
    expect(await provider.getByText(/Rests on: criteria ncd-240\.4-cpap-osa v1/).count()).toBeGreaterThan(0);
    expect(await seriousViolations(provider)).toEqual([]);
  }, 300_000);
});
