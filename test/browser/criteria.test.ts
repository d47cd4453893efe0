/**
 * The provider's journey in Chromium: is authorization required for CPAP? → a new request with the
 * criteria questions (NCD 240.4) answered → an instant approval with its authorization number;
 * then the public criteria page, without logging in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull, notExists, sql } from 'drizzle-orm';
import { browserHarness, type BrowserHarness } from '../support/browser';
import AxeBuilder from '@axe-core/playwright';
import { seriousViolations } from '../support/axe';
import * as S from '../../src/platform/db/schema';

let b: BrowserHarness;
let memberNumber = '';
let npi = '';

beforeAll(async () => {
  b = await browserHarness({ demo: true });
  const db = b.app.ctx.db;
  // A Medicare Advantage member of Valley IPA (CPAP is the IPA's risk there) with no case yet, and
  // an in-network practitioner of the demo provider's office (Northside Family Medicine).
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

describe('the provider journey to an instant approval', () => {
  it('checks the requirement, answers the criteria questions and gets an authorization number at once', async () => {
    expect(memberNumber).not.toBe('');
    expect(npi).not.toBe('');
    const page = await b.newPage();
    await b.login(page, 'provider');

    await page.getByRole('link', { name: 'Authorization required?' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Is authorization required?');
    await page.getByLabel(/^Member number/).fill(memberNumber);
    await page.getByLabel(/^Codes/).fill('E0601');
    await page.getByLabel(/^Date of service/).fill(inDays(10));
    await page.getByLabel(/^Servicing provider NPI/).fill(npi);
    await page.getByRole('button', { name: 'Check' }).click();
    const table = page.getByRole('table', { name: 'Authorization requirements' });
    await expect.poll(() => table.textContent(), { timeout: 20_000 }).toContain('Authorization required');
    expect(await table.textContent()).toContain('CPAP for obstructive sleep apnea');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'New request' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('New prior-authorization request');
    await page.getByLabel(/^Member number/).fill(memberNumber);
    await page.getByRole('button', { name: 'Find member' }).click();
    await expect.poll(() => page.getByLabel('Member found').count(), { timeout: 20_000 }).toBe(1);
    await page.getByLabel(/^Requesting provider NPI/).fill(npi);
    await page.getByLabel(/^Diagnoses/).fill('G47.33');
    await page.getByLabel(/^Line 1 code/).fill('E0601');
    await page.getByLabel(/^From/).fill(inDays(10));
    await page.getByLabel(/^To/).fill(inDays(40));
    await page.getByLabel(/^Place of service/).fill('12');
    await page.getByRole('button', { name: 'Check requirements' }).click();

    // The set's FHIR Questionnaire, rendered; a question appears only when its enableWhen holds.
    const requested = page.getByRole('radiogroup', { name: /What is requested/ });
    await expect.poll(() => requested.count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => page.getByRole('radiogroup', { name: /improved with CPAP/ }).count()).toBe(0);
    await requested.getByLabel('Continued CPAP after the 12-week trial').check();
    await expect.poll(() => page.getByRole('radiogroup', { name: /improved with CPAP/ }).count()).toBe(1);
    await requested.getByLabel('The initial 12-week trial of CPAP').check();
    await page.getByRole('radiogroup', { name: /clinical evaluation/ }).getByLabel('Yes').check();
    await page.getByRole('radiogroup', { name: /Which sleep test/ }).getByLabel('Polysomnography in a sleep laboratory').check();
    await page.getByRole('radiogroup', { name: /ordered by the beneficiary's treating physician/ }).getByLabel('Yes').check();
    await page.getByLabel(/^Apnea-hypopnea index/).fill('18');
    await page.getByLabel(/^Hours of continuous recorded sleep/).fill('6');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Submit request' }).click();
    const result = page.getByRole('region', { name: 'Result' });
    await expect.poll(() => result.textContent(), { timeout: 30_000 }).toContain('Approved');
    const auth = (await page.getByLabel('Authorization number line 1').textContent()) ?? '';
    expect(auth).toMatch(/^PA-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(await seriousViolations(page)).toEqual([]);

    // The case page shows the approval by the automation and the criteria checklist.
    await page.getByRole('link', { name: 'Open the request' }).click();
    await expect.poll(() => page.getByLabel(/^Disposition:/).textContent(), { timeout: 20_000 }).toBe('Approved');
    const checklist = page.getByRole('table', { name: 'Criteria checklist, line 1' });
    await expect.poll(() => checklist.getByRole('row').count()).toBe(8);
    expect(await page.getByText(auth).count()).toBeGreaterThan(0);
    // The checklist itself (the rest of the case page is checked by the workbench tests).
    const checklistAxe = await new AxeBuilder({ page }).include('section[aria-label="Coverage and criteria"]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(checklistAxe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  }, 300_000);

  it('shows the criteria in force to anyone, without logging in, with their citation and review state', async () => {
    const page = await b.newPage();
    await page.goto('/criteria');
    const rows = page.getByRole('table', { name: 'Criteria sets' }).getByRole('row');
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(11);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Home oxygen therapy' }).click();
    await expect.poll(() => page.getByLabel('Criteria text').textContent(), { timeout: 20_000 }).toContain('NCD 240.2');
    expect(await page.getByText('Not yet clinically reviewed').count()).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);
  });
});
