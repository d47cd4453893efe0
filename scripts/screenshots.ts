/**
 * Screenshots of the main screens for docs/screens.md and the README: `npx tsx scripts/screenshots.ts`.
 *
 * Runs the real server on a fresh database with the demo data (the browser-test harness of
 * test/support/browser.ts), drives Debian's Chromium at 1280×800 through the screens a nurse, a
 * medical director, a provider office, a supervisor and an administrator use, and writes one PNG
 * per screen under docs/screenshots/. The demo data are generated relative to today, so names,
 * numbers and times change from one run to the next; the screens do not.
 */
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { and, eq, isNull, notExists, sql } from 'drizzle-orm';
import type { Locator, Page } from 'playwright-core';
import { browserHarness, type BrowserHarness } from '../test/support/browser';
import * as S from '../src/platform/db/schema';

const ROOT = join(import.meta.dirname, '..');
const OUT = join(ROOT, 'docs', 'screenshots');
/** The PNGs are committed: past this size, say so (the README should stay light). */
const MAX_BYTES = 300 * 1024;
const TIMEOUT = 30_000;

const inDays = (n: number): string => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** Waits until the locator's text matches (the page loads its data after navigation). */
async function until(l: Locator, re: RegExp): Promise<void> {
  const end = Date.now() + TIMEOUT;
  for (;;) {
    const text = (await l.count()) > 0 ? ((await l.first().textContent()) ?? '') : '';
    if (re.test(text)) return;
    if (Date.now() > end) throw new Error(`timed out waiting for ${re.source}; last text: ${text.slice(0, 200)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Lets loaders, transitions and fonts settle, then saves the page (or one element of it). */
async function shot(page: Page, name: string, opts: { fullPage?: boolean; element?: Locator; maxHeight?: number } = {}): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.evaluate(async (top) => {
    await document.fonts.ready;
    // A whole-page shot starts at the top (else the fixed header lands mid-page); the field being typed in loses focus.
    if (top) window.scrollTo(0, 0);
    (document.activeElement as HTMLElement | null)?.blur();
  }, opts.fullPage === true);
  await page.waitForTimeout(400);
  const path = join(OUT, `${name}.png`);
  if (opts.element !== undefined) await opts.element.screenshot({ path, animations: 'disabled' });
  else {
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    const clip = opts.maxHeight !== undefined && height > opts.maxHeight ? { x: 0, y: 0, width: page.viewportSize()?.width ?? 1280, height: opts.maxHeight } : undefined;
    await page.screenshot({ path, fullPage: opts.fullPage ?? false, animations: 'disabled', caret: 'hide', ...(clip === undefined ? {} : { clip }) });
  }
  const bytes = statSync(path).size;
  console.log(`${name}.png  ${Math.round(bytes / 1024)} KB${bytes > MAX_BYTES ? '  (over 300 KB)' : ''}`);
}

async function demoMemberAndNpi(b: BrowserHarness): Promise<{ memberNumber: string; npi: string }> {
  const db = b.app.ctx.db;
  // A Medicare Advantage member of Valley IPA with no case yet, and an in-network practitioner of
  // the demo provider's office (as in the browser tests).
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
  if (m === undefined || p === undefined) throw new Error('the demo data have no member or practitioner for the portal screens');
  return { memberNumber: m.n, npi: p.npi };
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const b = await browserHarness({ demo: true });
  try {
    const { memberNumber, npi } = await demoMemberAndNpi(b);

    // Login.
    const anon = await b.newPage();
    await anon.goto('/login');
    await anon.getByLabel('Username').fill('nurse');
    await shot(anon, 'login');

    // The nurse's work queue.
    const nurse = await b.newPage();
    await b.login(nurse, 'nurse');
    await nurse.getByRole('link', { name: 'Work queue' }).click();
    await until(nurse.getByLabel('Queue counts'), /\d+ open/);
    await shot(nurse, 'queue');

    // Provider portal: is authorization required?
    const provider = await b.newPage();
    await b.login(provider, 'provider');
    await provider.getByRole('link', { name: 'Authorization required?' }).click();
    await provider.getByLabel(/^Member number/).fill(memberNumber);
    await provider.getByLabel(/^Codes/).fill('E0601, 97110, 99213');
    await provider.getByLabel(/^Date of service/).fill(inDays(10));
    await provider.getByLabel(/^Servicing provider NPI/).fill(npi);
    await provider.getByRole('button', { name: 'Check' }).click();
    await until(provider.getByRole('table', { name: 'Authorization requirements' }), /Authorization required/);
    await shot(provider, 'requirements');

    // Provider portal: a new request with the criteria questions (NCD 240.4, CPAP), answered so
    // that they are not met — the request goes to a nurse.
    await provider.getByRole('link', { name: 'New request' }).click();
    await provider.getByLabel(/^Member number/).fill(memberNumber);
    await provider.getByRole('button', { name: 'Find member' }).click();
    await provider.getByLabel('Member found').waitFor({ timeout: TIMEOUT });
    await provider.getByLabel(/^Requesting provider NPI/).fill(npi);
    await provider.getByLabel(/^Diagnoses/).fill('G47.33');
    await provider.getByLabel(/^Line 1 code/).fill('E0601');
    await provider.getByLabel(/^From/).fill(inDays(10));
    await provider.getByLabel(/^To/).fill(inDays(40));
    await provider.getByLabel(/^Place of service/).fill('12');
    await provider.getByRole('button', { name: 'Check requirements' }).click();
    const requested = provider.getByRole('radiogroup', { name: /What is requested/ });
    await requested.waitFor({ timeout: TIMEOUT });
    await requested.getByLabel('The initial 12-week trial of CPAP').check();
    await provider.getByRole('radiogroup', { name: /clinical evaluation/ }).getByLabel('Yes').check();
    await provider.getByRole('radiogroup', { name: /Which sleep test/ }).getByLabel('Polysomnography in a sleep laboratory').check();
    await provider.getByRole('radiogroup', { name: /ordered by the beneficiary's treating physician/ }).getByLabel('Yes').check();
    await provider.getByLabel(/^Apnea-hypopnea index/).fill('4');
    await provider.getByLabel(/^Hours of continuous recorded sleep/).fill('6');
    await shot(provider, 'new-request', { fullPage: true });
    await provider.getByRole('button', { name: 'Submit request' }).click();
    await until(provider.getByRole('region', { name: 'Result' }), /Sent for review|Approved/);
    await provider.getByRole('link', { name: 'Open the request' }).click();
    await provider.getByLabel(/^Disposition:/).waitFor({ timeout: TIMEOUT });
    const caseUrl = provider.url();

    // The case page as the nurse sees it: clock panel, criteria checklist, actions, audit trail.
    await nurse.goto(caseUrl);
    await until(nurse.getByRole('table', { name: 'Criteria checklist, line 1' }), /Not met/);
    await until(nurse.getByRole('table', { name: 'Clock history' }), /clock started/);
    await nurse.getByRole('table', { name: 'Audit trail' }).waitFor({ timeout: TIMEOUT });
    await shot(nurse, 'case', { fullPage: true, maxHeight: 1500 });
    await shot(nurse, 'case-audit', { element: nurse.locator('section[aria-labelledby="audit-title"]') });
    await nurse.getByRole('button', { name: /^Refer to a physician…/ }).click();
    await nurse.getByLabel(/^Note for the physician/).fill('AHI 4 on the lab study; criteria not met. Please review.');
    await nurse.getByRole('button', { name: 'Refer to a physician', exact: true }).click();
    await until(nurse.getByRole('main'), /Physician review/);

    // The decision form: the medical director denies, with a reason and the criteria cited.
    const md = await b.newPage();
    await b.login(md, 'md');
    await md.goto(caseUrl);
    await md.getByLabel(/^Line 1/).first().click();
    await md.getByRole('option', { name: 'Deny (adverse)' }).click();
    await md.getByLabel(/^Denial category/).first().click();
    await md.getByRole('option', { name: 'medical necessity' }).click();
    await md.getByLabel(/^Reason code/).fill('MN-CRIT');
    await md.getByLabel(/^Specific reason/).fill('Your sleep study shows an apnea-hypopnea index of 4. Medicare covers CPAP when it is 15 or more, or 5 to 14 with symptoms.');
    // The decision card at the top of the window, under the header.
    await md.getByRole('heading', { name: 'Decision', exact: true }).evaluate((el) => {
      window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 72);
    });
    await shot(md, 'decision-form');
    await md.getByRole('button', { name: 'Record decision' }).click();
    await md.getByRole('dialog', { name: 'Confirm the decision' }).waitFor({ timeout: TIMEOUT });
    await shot(md, 'decision-confirm');

    // Supervisor: timeliness by line of business and month.
    const supervisor = await b.newPage();
    await b.login(supervisor, 'supervisor');
    await supervisor.getByRole('link', { name: 'Timeliness' }).click();
    await until(supervisor.getByRole('table', { name: 'Timeliness by line of business and month' }), /medicare advantage/);
    await shot(supervisor, 'timeliness', { fullPage: true });

    // Administration: users and roles; the PA list.
    const admin = await b.newPage();
    await b.login(admin, 'admin');
    await admin.getByRole('link', { name: 'Administration' }).click();
    await admin.getByRole('tab', { name: 'Users and roles' }).waitFor({ timeout: TIMEOUT });
    await until(admin.getByRole('main'), /Nadia Holloway/);
    await shot(admin, 'admin');
    await admin.getByRole('link', { name: 'PA list' }).click();
    await until(admin.getByRole('table', { name: 'PA rules' }), /cpap-device/);
    await shot(admin, 'pa-list');
  } finally {
    await b.close();
  }
}

await main();
