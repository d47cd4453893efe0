/**
 * The provider portal's new-request screen in Chromium, with axe checks: eligibility on the date of
 * service after finding the member, a code picked by searching words, an expedited request with the
 * physician's attestation that reaches the case, a document sent with the submission that is on the
 * case, the result with its status and due time, and a draft kept across a reload and cleared on
 * submission.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull, notExists, sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { browserHarness, type BrowserHarness } from '../support/browser';
import { seriousViolations } from '../support/axe';
import * as S from '../../src/platform/db/schema';

let b: BrowserHarness;
let members: string[] = [];
let npi = '';
let planName = '';

beforeAll(async () => {
  b = await browserHarness({ demo: true });
  const db = b.app.ctx.db;
  // Medicare Advantage members of Valley IPA with open-ended coverage and no case yet, and an
  // in-network practitioner of the demo provider's office.
  const rows = await db
    .select({ n: S.members.memberNumber, plan: S.organisations.name })
    .from(S.members)
    .innerJoin(S.coverages, and(eq(S.coverages.tenantId, S.members.tenantId), eq(S.coverages.memberId, S.members.id)))
    .innerJoin(S.contracts, and(eq(S.contracts.tenantId, S.coverages.tenantId), eq(S.contracts.id, S.coverages.contractId)))
    .innerJoin(S.organisations, and(eq(S.organisations.tenantId, S.coverages.tenantId), eq(S.organisations.id, S.coverages.planOrgId)))
    .where(and(eq(S.contracts.name, 'Valley IPA × Evergreen MA'), isNull(S.coverages.effectiveTo), notExists(db.select({ one: sql`1` }).from(S.cases).where(and(eq(S.cases.tenantId, S.members.tenantId), eq(S.cases.memberId, S.members.id))))))
    .orderBy(S.members.memberNumber)
    .limit(2);
  const [p] = await db
    .select({ npi: S.providers.npi })
    .from(S.providers)
    .innerJoin(S.organisations, and(eq(S.organisations.tenantId, S.providers.tenantId), eq(S.organisations.id, S.providers.providerOrgId)))
    .where(and(eq(S.organisations.name, 'Northside Family Medicine'), eq(S.providers.networkStatus, 'in_network')))
    .orderBy(S.providers.npi)
    .limit(1);
  members = rows.map((r) => r.n);
  planName = rows[0]?.plan ?? '';
  npi = p?.npi ?? '';
});
afterAll(async () => b?.close());

const inDays = (n: number): string => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

async function openNewRequest(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'New request' }).click();
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('New prior-authorization request');
}

async function findMember(page: Page, memberNumber: string): Promise<void> {
  await page.getByLabel(/^Member number/).fill(memberNumber);
  await page.getByRole('button', { name: 'Find member' }).click();
  await expect.poll(() => page.getByLabel('Member found').count(), { timeout: 20_000 }).toBe(1);
}

describe('the new-request screen', () => {
  it('shows eligibility, sends an attested expedited request with a document, and answers with the status and due time', async () => {
    expect(members).toHaveLength(2);
    const page = await b.newPage();
    await b.login(page, 'provider');
    await openNewRequest(page);
    await findMember(page, members[0] ?? '');

    // Eligibility on the date of service: covered today, with plan, product, line of business, IPA and PCP …
    const eligibility = page.getByRole('region', { name: /^Eligibility on/ });
    await expect.poll(() => eligibility.textContent(), { timeout: 15_000 }).toContain('Covered');
    const text = (await eligibility.textContent()) ?? '';
    expect(text).toContain(planName);
    expect(text).toContain('Medicare Advantage');
    expect(text).toContain('Valley Physicians IPA');
    expect(text).toMatch(/PCP.*NPI \d{10}/);
    // … and not covered on a date before the coverage began.
    await page.getByLabel(/^From/).fill('1990-01-02');
    await expect.poll(() => page.getByRole('region', { name: 'Eligibility on 1990-01-02' }).textContent()).toContain('Not covered on that date');

    await page.getByLabel(/^Requesting provider NPI/).fill(npi);
    await page.getByLabel(/^Diagnoses/).fill('G47.33');
    // The code picked by words: the criteria set for CPAP knows E0601.
    await page.getByLabel(/^Line 1 code/).fill('sleep apnea');
    const suggestions = page.getByRole('listbox', { name: 'Codes matching sleep apnea' });
    await expect.poll(() => suggestions.getByRole('option').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);
    await suggestions.getByRole('option', { name: /HCPCS E0601/ }).click();
    expect(await page.getByLabel(/^Line 1 code/).inputValue()).toBe('E0601');
    await page.getByLabel(/^From/).fill(inDays(2));
    await page.getByLabel(/^To/).fill(inDays(30));
    await page.getByLabel(/^Place of service/).fill('12');
    await expect.poll(() => eligibility.textContent()).toContain('Covered');

    // Expedited: no submission without the physician's attestation.
    await page.getByRole('radio', { name: /^Expedited/ }).check();
    await page.getByRole('button', { name: 'Check requirements' }).click();
    const submit = page.getByRole('button', { name: 'Submit request' });
    await expect.poll(() => submit.isDisabled()).toBe(true);
    expect(await page.getByText(/To send it expedited, give the physician's attestation/).count()).toBe(1);
    await page.getByRole('checkbox', { name: /could seriously jeopardize the member's life or health/ }).check();
    await page.getByLabel(/^Attesting physician(?! NPI)/).fill('Dr. Ana Ruiz');
    expect(await page.getByLabel(/^Attesting physician NPI/).inputValue()).toBe(npi);
    await page.getByLabel(/^Why the standard time frame/).fill('Nocturnal desaturation below 80 %.');

    // A document sent with the request.
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Add documents' }).click();
    await (await chooser).setFiles({ name: 'sleep-study.pdf', mimeType: 'application/pdf', buffer: PDF });
    await expect.poll(() => page.getByRole('list', { name: 'Documents to send' }).textContent()).toContain('sleep-study.pdf');
    expect(await seriousViolations(page)).toEqual([]);

    await expect.poll(() => submit.isDisabled()).toBe(false);
    await submit.click();
    const result = page.getByRole('region', { name: 'Result' });
    await expect.poll(() => result.textContent(), { timeout: 30_000 }).toContain('Sent for review');
    const resultText = (await result.textContent()) ?? '';
    expect(resultText).toMatch(/Status: (Nurse review|Intake)/);
    expect(resultText).toMatch(/Decision due by .*\d{4}/);
    expect(resultText).toContain('Expedited');
    expect(await page.getByRole('region', { name: 'Documents sent' }).textContent()).toContain('sleep-study.pdf: attached');
    expect(await seriousViolations(page)).toEqual([]);

    // On the case: expedited at the physician's request, the attestation, the document.
    await page.getByRole('link', { name: 'Open the request' }).click();
    await expect.poll(() => page.getByText('Expedited (asked by physician)').count(), { timeout: 20_000 }).toBe(1);
    const notes = page.getByRole('region', { name: 'Notes' });
    await expect.poll(() => notes.textContent()).toContain('Expedite attestation: Dr. Ana Ruiz');
    expect(await notes.textContent()).toContain('could seriously jeopardize');
    const attachments = page.getByRole('region', { name: 'Attachments' });
    await expect.poll(() => attachments.textContent()).toContain('sleep-study.pdf');
    expect(await seriousViolations(page)).toEqual([]);
  }, 240_000);

  it('keeps a draft across a reload, restores it as it was, and clears it on submission', async () => {
    const page = await b.newPage();
    await b.login(page, 'provider');
    await openNewRequest(page);
    await findMember(page, members[1] ?? '');
    await page.getByLabel(/^Requesting provider NPI/).fill(npi);
    await page.getByLabel(/^Diagnoses/).fill('G47.33');
    await page.getByLabel(/^Line 1 code/).fill('E0601');
    await page.getByLabel(/^From/).fill(inDays(5));
    await page.getByLabel(/^Place of service/).fill('12');

    await page.reload();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Draft restored' }).count(), { timeout: 20_000 }).toBe(1);
    expect(await page.getByLabel(/^Member number/).inputValue()).toBe(members[1]);
    expect(await page.getByLabel('Member found').count()).toBe(1);
    expect(await page.getByLabel(/^Requesting provider NPI/).inputValue()).toBe(npi);
    expect(await page.getByLabel(/^Diagnoses/).inputValue()).toBe('G47.33');
    expect(await page.getByLabel(/^Line 1 code/).inputValue()).toBe('E0601');
    expect(await page.getByLabel(/^From/).inputValue()).toBe(inDays(5));
    expect(await page.getByLabel(/^Place of service/).inputValue()).toBe('12');
    await expect.poll(() => page.getByRole('region', { name: /^Eligibility on/ }).textContent()).toContain('Covered');
    expect(await seriousViolations(page)).toEqual([]);

    // Submitted from the restored draft: the draft is gone.
    await page.getByRole('button', { name: 'Check requirements' }).click();
    await page.getByRole('button', { name: 'Submit request' }).click();
    const result = page.getByRole('region', { name: 'Result' });
    await expect.poll(() => result.textContent(), { timeout: 30_000 }).toMatch(/Sent for review|Approved/);
    await page.goto('/portal/new');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('New prior-authorization request');
    expect(await page.getByRole('status').filter({ hasText: 'Draft restored' }).count()).toBe(0);
    expect(await page.getByLabel(/^Member number/).inputValue()).toBe('');
    expect(await page.getByLabel(/^Line 1 code/).inputValue()).toBe('');
  }, 240_000);
});
