/**
 * Out-of-network justification and duplicate detection run on every intake — not only inside the
 * automation: also when the tenant switched the automation off, and for a contract without a PA
 * list. (Issue 4: "Out-of-network referrals: allowed only with the justification the plan
 * requires"; "a new request overlapping an open or approved request … is flagged and linked".)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { testApp, type TestApp } from './support/app';
import { buildTenant, paRequest, type TestTenant } from './support/builders';
import { seedCoverage } from '../src/demo/criteria-seed';
import * as S from '../src/platform/db/schema';

let h: TestApp;
let t: TestTenant;
let intake: string;
let nurse: string;

beforeAll(async () => {
  h = await testApp({ now: '2026-11-20T15:00:00Z' });
  t = await buildTenant(h.app.ctx.db);
  // The MA contract has a PA list; the Medicaid contract (member otherIpa) has none.
  await seedCoverage(h.app.ctx.db, t.tenantId, h.clock, { contractIds: [t.contracts.ma] });
  intake = await h.login(t.usernames.intake);
  nurse = await h.login(t.usernames.nurse);
});
afterAll(async () => h?.close());

const setAutomation = async (enabled: boolean) =>
  h.app.ctx.db.update(S.tenants).set({ settings: sql`${S.tenants.settings} || ${JSON.stringify({ automation: { enabled } })}::jsonb` }).where(eq(S.tenants.id, t.tenantId));
const caseCount = async () => (await h.app.ctx.db.select({ n: sql<number>`count(*)::int` }).from(S.cases).where(eq(S.cases.tenantId, t.tenantId)))[0]?.n ?? 0;

const CONFIGURATIONS = [
  { name: 'the automation switched off (PA list present)', member: () => t.memberNumbers.covered, automation: false, code: { codeSystem: 'HCPCS', code: 'E0601' } },
  { name: 'a contract without a PA list', member: () => t.memberNumbers.otherIpa, automation: true, code: { codeSystem: 'CPT', code: '95810' } },
] as const;

let year = 2030;
describe.each(CONFIGURATIONS)('with $name', (cfg) => {
  const line = (from: string, to: string) => ({ ...cfg.code, units: 1, fromDate: from, toDate: to, placeOfService: '12' });
  const request = (overrides: Record<string, unknown>) => paRequest(t, { member: { memberNumber: cfg.member() }, ...overrides });

  beforeAll(async () => setAutomation(cfg.automation));
  afterAll(async () => setAutomation(true));

  it('refuses an out-of-network request without the justification, storing nothing, and keeps the one given', async () => {
    const y = year++;
    const before = await caseCount();
    const refused = await h.call('POST', '/api/cases', intake, request({ servicingProvider: { npi: t.providers.otherClinicianNpi }, lines: [line(`${y}-01-10`, `${y}-01-20`)] }));
    expect(refused.statusCode).toBe(422);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({ code: 'UM_ERR_OUT_OF_NETWORK_JUSTIFICATION', errors: [{ path: 'outOfNetwork' }] });
    expect(await caseCount()).toBe(before);

    const ok = await h.call('POST', '/api/cases', intake, request({
      servicingProvider: { npi: t.providers.otherClinicianNpi }, outOfNetwork: { reason: 'not_available_in_network', explanation: 'No in-network sleep lab within 60 miles.' }, lines: [line(`${y}-01-10`, `${y}-01-20`)],
    }));
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ outOfNetwork: { reason: 'not_available_in_network', explanation: 'No in-network sleep lab within 60 miles.' }, lines: [{ outcome: null }] });
    expect(ok.json().determinations).toEqual([]);
  });

  it('never asks for a justification for emergency services', async () => {
    const r = await h.call('POST', '/api/cases', intake, request({ servicingProvider: { npi: t.providers.otherClinicianNpi }, lines: [{ codeSystem: 'CPT', code: '99284', units: 1, fromDate: `${year++}-02-01`, placeOfService: '23' }] }));
    expect(r.statusCode, r.body).toBe(201);
  });

  it('flags an overlapping request for the same member, code and dates, and links both ways', async () => {
    const y = year++;
    const first = (await h.call('POST', '/api/cases', intake, request({ lines: [line(`${y}-03-01`, `${y}-03-31`)] }))).json();
    expect(first.duplicates).toEqual([]);
    const second = (await h.call('POST', '/api/cases', intake, request({ lines: [line(`${y}-03-15`, `${y}-04-15`)] }))).json();
    expect(second.duplicates).toEqual([expect.objectContaining({ direction: 'duplicates', lineId: second.lines[0].id, otherCaseId: first.id, otherCaseNumber: first.caseNumber })]);
    const back = (await h.call('GET', `/api/cases/${first.id}`, nurse)).json();
    expect(back.duplicates).toEqual([expect.objectContaining({ direction: 'duplicated_by', otherCaseId: second.id })]);
    const audited = await h.app.ctx.db.select().from(S.auditEvents).where(and(eq(S.auditEvents.tenantId, t.tenantId), eq(S.auditEvents.caseId, second.id), eq(S.auditEvents.action, 'case.duplicate_flagged')));
    expect(audited).toHaveLength(1);
    // Nothing was decided automatically: people decide.
    expect(second.determinations).toEqual([]);
  });
});
