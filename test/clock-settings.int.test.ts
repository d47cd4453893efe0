/**
 * The tenant's clock and routing settings over HTTP (issues 3 and 5, administration): only admins
 * change them; a valid change is stored, audited with what it was and what it became, and governs
 * the next case received (its due time, its required licence); an invalid body is problem+json and
 * changes nothing. Also the catalogue and calendars the administration screen shows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { testApp, type TestApp } from './support/app';
import { buildTenant, paRequest, type TestTenant } from './support/builders';
import { ROLES, type Role } from '../src/platform/auth/model';
import * as S from '../src/platform/db/schema';

let h: TestApp;
let t: TestTenant;
const tokens = {} as Record<Role, string>;
const NOW = '2026-11-20T15:00:00Z';
const RECEIVED = '2026-11-20T14:00:00Z'; // Friday 08:00 in Chicago, the tenant's zone
let ohioMedicaid = '';

beforeAll(async () => {
  h = await testApp({ now: NOW });
  t = await buildTenant(h.app.ctx.db);
  for (const role of ROLES) tokens[role] = await h.login(t.usernames[role]);
  const db = h.app.ctx.db;
  const id = randomUUID();
  ohioMedicaid = `${t.slug}-OH`;
  await db.insert(S.members).values({ tenantId: t.tenantId, id, memberNumber: ohioMedicaid, firstName: 'Rita', lastName: 'Rating', birthDate: '1980-03-03', sex: 'F' });
  await db.insert(S.coverages).values({ tenantId: t.tenantId, id: randomUUID(), memberId: id, planOrgId: t.orgs.maPlan, ipaOrgId: t.orgs.ipa, lineOfBusiness: 'medicaid', productType: 'HMO', funding: null, state: 'OH', effectiveFrom: '2025-01-01' });
});
afterAll(async () => h?.close());

const problem = (r: { statusCode: number; headers: Record<string, unknown>; json: () => { code: string; errors?: { path?: string; message: string }[] } }, status: number, code: string) => {
  expect(r.statusCode).toBe(status);
  expect(String(r.headers['content-type'])).toMatch(/application\/problem\+json/);
  expect(r.json().code).toBe(code);
  return r.json();
};
const audits = async (action: string) =>
  h.app.ctx.db.select().from(S.auditEvents).where(and(eq(S.auditEvents.tenantId, t.tenantId), eq(S.auditEvents.action, action)));
const storedSettings = async () => (await h.app.ctx.db.select({ s: S.tenants.settings }).from(S.tenants).where(eq(S.tenants.id, t.tenantId)))[0]?.s;
const newCase = async (overrides: Record<string, unknown>) => {
  const r = await h.call('POST', '/api/cases', tokens.intake, paRequest(t, { receivedAt: RECEIVED, ...overrides }));
  expect(r.statusCode, r.body).toBe(201);
  return r.json<{ id: string; dueAt: string }>();
};
const clockOf = async (id: string) => (await h.call('GET', `/api/cases/${id}/clock`, tokens.nurse)).json();

interface Assignment { lineOfBusiness: string; productType?: string; state?: string; policies: string[]; ratingPeriodStartMonthDay?: string; calendar?: unknown }
interface ClockConfig { clocks: { version: 1; timeZone: string; assignments: Assignment[] }; atRiskPercent: number }
const settings = async (): Promise<ClockConfig> => {
  const r = await h.call('GET', '/api/tenant/clock-settings', tokens.admin);
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
};

describe('clock settings', () => {
  it('lets staff read them and nobody but an admin change them', async () => {
    expect((await h.call('GET', '/api/tenant/clock-settings', tokens.nurse)).statusCode).toBe(200);
    problem(await h.call('GET', '/api/tenant/clock-settings', tokens.provider), 403, 'UM_ERR_FORBIDDEN');
    const before = await storedSettings();
    for (const role of ['nurse', 'supervisor', 'medical_director', 'auditor', 'provider'] as const) {
      problem(await h.call('PUT', '/api/tenant/clock-settings', tokens[role], { atRiskPercent: 50 }), 403, 'UM_ERR_FORBIDDEN');
    }
    expect(await storedSettings()).toEqual(before);
    expect(await audits('tenant.clock_settings')).toEqual([]);
  });

  it('moves the Medicaid rating-period start: stored, audited, and the next Medicaid case gets the 14-day clock of a period that began before 2026', async () => {
    const first = await newCase({ member: { memberNumber: ohioMedicaid } });
    const k1 = await clockOf(first.id);
    expect(k1.policy.id).toBe('medicaid_managed_care');
    expect(first.dueAt).toBe('2026-11-28T05:59:59.000Z'); // 7 days: the period began 2026-01-01

    const cfg = await settings();
    expect(cfg.clocks.timeZone).toBe('America/Chicago'); // defaults follow the tenant's zone
    const assignments = cfg.clocks.assignments.map((a) => (a.lineOfBusiness === 'medicaid' && a.productType === undefined && a.state === undefined ? { ...a, ratingPeriodStartMonthDay: '12-01' } : a));
    const r = await h.call('PUT', '/api/tenant/clock-settings', tokens.admin, { clocks: { ...cfg.clocks, assignments }, atRiskPercent: 60 });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().atRiskPercent).toBe(60);
    const saved = await settings();
    expect(saved.atRiskPercent).toBe(60);
    expect(saved.clocks.assignments.find((a) => a.lineOfBusiness === 'medicaid' && a.productType === undefined && a.state === undefined)?.ratingPeriodStartMonthDay).toBe('12-01');

    const [audit] = await audits('tenant.clock_settings');
    expect(audit?.actorId).toBe(t.userIds.admin);
    expect(audit?.details).toMatchObject({ changed: ['clocks', 'clockAlerts'], before: { atRiskPercent: 75 }, after: { atRiskPercent: 60 } });
    const details = audit?.details as { before: ClockConfig; after: ClockConfig };
    expect(details.before.clocks.assignments.find((a) => a.lineOfBusiness === 'medicaid' && a.productType === undefined && a.state === undefined)?.ratingPeriodStartMonthDay).toBe('01-01');

    const second = await newCase({ member: { memberNumber: ohioMedicaid } });
    expect(second.dueAt).toBe('2026-12-05T05:59:59.000Z'); // 14 days: the period began 2025-12-01
    expect((await clockOf(first.id)).dueAt).toBe(first.dueAt); // cases already received keep theirs
  });

  it('applies a tenant holiday calendar: a closure the tenant adds is not a business day', async () => {
    // Texas Medicaid hospitalized-recipient requests: 1 business day (Tex. Gov't Code 540.0302(b)(1)).
    const before = await newCase({ member: { memberNumber: t.memberNumbers.otherIpa } });
    expect((await clockOf(before.id)).policy.id).toBe('texas_medicaid');
    expect(before.dueAt).toBe('2026-11-24T05:59:59.000Z'); // Monday 23:59:59 CST

    const cfg = await settings();
    const calendar = { id: 'tenant-tx', name: 'Texas, with our closures', base: 'us_federal', addedRules: [{ kind: 'nth_weekday', name: 'Day after Thanksgiving', month: 11, weekday: 4, nth: 4, offsetDays: 1 }], addedDates: ['2026-11-23'], removedDates: ['2026-10-12'] };
    const assignments = cfg.clocks.assignments.map((a) => (a.policies[0] === 'texas_medicaid' ? { ...a, calendar } : a));
    const r = await h.call('PUT', '/api/tenant/clock-settings', tokens.admin, { clocks: { ...cfg.clocks, assignments } });
    expect(r.statusCode, r.body).toBe(200);

    const after = await newCase({ member: { memberNumber: t.memberNumbers.otherIpa } });
    expect(after.dueAt).toBe('2026-11-25T05:59:59.000Z'); // Tuesday: Monday is now a closure

    // The calendar is listed with the tenant's own days marked.
    const cals = await h.call('GET', '/api/clocks/calendars?year=2026', tokens.admin);
    expect(cals.statusCode, cals.body).toBe(200);
    const own = cals.json().items.find((c: { id: string }) => c.id === 'tenant-tx');
    expect(own.builtIn).toBe(false);
    const days = own.years[0].holidays as { observedOn: string; name: string; source: string }[];
    expect(days).toContainEqual({ observedOn: '2026-11-23', date: '2026-11-23', name: 'Added closure', source: 'added' });
    expect(days).toContainEqual({ observedOn: '2026-10-12', date: '2026-10-12', name: 'Columbus Day', source: 'removed' });
    expect(days).toContainEqual({ observedOn: '2026-11-27', date: '2026-11-27', name: 'Day after Thanksgiving', source: 'rule' });
  });

  it('refuses invalid settings with problem+json naming every problem, and changes nothing', async () => {
    const cfg = await settings();
    const stored = await storedSettings();
    const auditCount = (await audits('tenant.clock_settings')).length;
    const withFirst = (patch: Partial<Assignment>) => ({ clocks: { ...cfg.clocks, assignments: [{ ...cfg.clocks.assignments[0], ...patch }, ...cfg.clocks.assignments.slice(1)] } });

    const unknown = problem(await h.call('PUT', '/api/tenant/clock-settings', tokens.admin, withFirst({ policies: ['medicare_advantage_2031'] })), 422, 'UM_ERR_CLOCK_INPUT');
    expect(unknown.errors).toContainEqual(expect.objectContaining({ path: '/assignments/0/policies/0', message: expect.stringMatching(/medicare_advantage_2031/) }));
    const zone = problem(await h.call('PUT', '/api/tenant/clock-settings', tokens.admin, { clocks: { ...cfg.clocks, timeZone: 'America/Springfield' }, atRiskPercent: 50 }), 422, 'UM_ERR_CLOCK_INPUT');
    expect(zone.errors).toContainEqual(expect.objectContaining({ path: '/timeZone' }));
    problem(await h.call('PUT', '/api/tenant/clock-settings', tokens.admin, withFirst({ ratingPeriodStartMonthDay: '02-30' })), 422, 'UM_ERR_CLOCK_INPUT');
    problem(await h.call('PUT', '/api/tenant/clock-settings', tokens.admin, withFirst({ calendar: 'us-mars' })), 422, 'UM_ERR_CLOCK_INPUT');
    problem(await h.call('PUT', '/api/tenant/clock-settings', tokens.admin, withFirst({ calendar: { id: 'x', name: 'x', base: 'us_federal', addedRules: [], addedDates: ['2026-02-31'], removedDates: [] } })), 422, 'UM_ERR_CLOCK_INPUT');
    problem(await h.call('PUT', '/api/tenant/clock-settings', tokens.admin, withFirst({ policies: [] })), 422, 'UM_ERR_CLOCK_INPUT');
    problem(await h.call('PUT', '/api/tenant/clock-settings', tokens.admin, { atRiskPercent: 150 }), 422, 'UM_ERR_CLOCK_INPUT');
    problem(await h.call('PUT', '/api/tenant/clock-settings', tokens.admin, { atRiskPercent: 50, colour: 'red' }), 400, 'UM_ERR_VALIDATION');
    problem(await h.call('PUT', '/api/tenant/clock-settings', tokens.admin, '{"atRiskPercent": '), 400, 'UM_ERR_VALIDATION');

    expect(await storedSettings()).toEqual(stored);
    expect(await audits('tenant.clock_settings')).toHaveLength(auditCount);
  });

  it('lists the policy catalogue with versions, effective dates and citations, and the computed federal holidays with their observance', async () => {
    const r = await h.call('GET', '/api/clocks/policies', tokens.admin);
    expect(r.statusCode, r.body).toBe(200);
    const ma = r.json().items.find((p: { id: string }) => p.id === 'medicare_advantage');
    expect(ma.versions.map((v: { version: string; effectiveFrom: string; effectiveTo: string | null }) => [v.version, v.effectiveFrom, v.effectiveTo])).toEqual([
      ['2020-01', '2020-01-01', '2026-01-01'],
      ['2026-01', '2026-01-01', null],
    ]);
    expect(ma.versions[1].citations.join(' ')).toMatch(/422\.568\(b\)\(1\)/);
    problem(await h.call('GET', '/api/clocks/policies', tokens.provider), 403, 'UM_ERR_FORBIDDEN');

    const cals = (await h.call('GET', '/api/clocks/calendars', tokens.admin)).json();
    expect(cals.years).toEqual([2026, 2027]); // this year and next in the tenant's zone
    const federal = cals.items.find((c: { id: string }) => c.id === 'us-federal');
    const y2027 = federal.years[1].holidays as { observedOn: string; date: string; name: string; source: string }[];
    expect(y2027).toHaveLength(12); // the 11 of 5 U.S.C. 6103, and 1 January 2028 observed on 31 December
    expect(y2027).toContainEqual({ observedOn: '2027-07-05', date: '2027-07-04', name: 'Independence Day', source: 'federal' }); // Sunday → Monday
    expect(y2027).toContainEqual({ observedOn: '2027-12-24', date: '2027-12-25', name: 'Christmas Day', source: 'federal' }); // Saturday → Friday
    // New Year's Day 2028 is a Saturday: observed Friday 31 December 2027.
    expect(y2027).toContainEqual({ observedOn: '2027-12-31', date: '2028-01-01', name: "New Year's Day", source: 'federal' });

    const preview = await h.call('POST', '/api/clocks/calendars/preview', tokens.admin, { calendar: { id: 'p', name: 'p', base: 'none', addedRules: [], addedDates: ['2027-03-01'], removedDates: [] }, years: [2027] });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json().years[0].holidays).toEqual([{ observedOn: '2027-03-01', date: '2027-03-01', name: 'Added closure', source: 'added' }]);
    problem(await h.call('POST', '/api/clocks/calendars/preview', tokens.nurse, { calendar: { id: 'p', name: 'p', base: 'none', addedRules: [], addedDates: [], removedDates: [] } }), 403, 'UM_ERR_FORBIDDEN');
  });
});

describe('routing settings', () => {
  const requiredLicence = async (caseId: string) =>
    (await h.app.ctx.db.select({ s: S.cases.requiredLicenceState }).from(S.cases).where(and(eq(S.cases.tenantId, t.tenantId), eq(S.cases.id, caseId))))[0]?.s;

  it('lets nobody but an admin change them', async () => {
    const current = (await h.call('GET', '/api/tenant/routing-settings', tokens.nurse)).json();
    for (const role of ['nurse', 'supervisor', 'medical_director', 'auditor', 'provider'] as const) {
      problem(await h.call('PUT', '/api/tenant/routing-settings', tokens[role], current), 403, 'UM_ERR_FORBIDDEN');
    }
    expect(await audits('tenant.routing_settings')).toEqual([]);
  });

  it('requires a Texas licence on the next Medicare Advantage case once MA is made state-licensed: stored and audited', async () => {
    const before = await newCase({});
    expect(await requiredLicence(before.id)).toBeNull(); // MA accepts any US licence by default
    const current = (await h.call('GET', '/api/tenant/routing-settings', tokens.admin)).json();
    const next = { ...current, licensure: [...current.licensure, { lineOfBusiness: 'medicare_advantage' }], specialties: [...current.specialties, { specialty: 'Sleep Medicine', codeRanges: [{ from: 'E0600', to: 'E0602' }] }] };
    const r = await h.call('PUT', '/api/tenant/routing-settings', tokens.admin, next);
    expect(r.statusCode, r.body).toBe(200);
    expect((await h.call('GET', '/api/tenant/routing-settings', tokens.nurse)).json()).toEqual(next);
    const [audit] = await audits('tenant.routing_settings');
    expect(audit?.actorId).toBe(t.userIds.admin);
    expect(audit?.details).toEqual({ before: current, after: next });

    const after = await newCase({});
    expect(await requiredLicence(after.id)).toBe('TX');
    const spec = (await h.app.ctx.db.select({ s: S.cases.requiredSpecialty }).from(S.cases).where(eq(S.cases.id, after.id)))[0]?.s;
    expect(spec).toBe('Sleep Medicine');
    expect(await requiredLicence(before.id)).toBeNull();
  });

  it('refuses invalid routing settings with problem+json and changes nothing', async () => {
    const current = (await h.call('GET', '/api/tenant/routing-settings', tokens.admin)).json();
    const stored = await storedSettings();
    const count = (await audits('tenant.routing_settings')).length;
    const bad = [
      { ...current, version: 2 },
      { ...current, licensure: [{ lineOfBusiness: 'dental' }] },
      { ...current, licensure: [{ lineOfBusiness: 'medicaid', state: 'Texas' }] },
      { ...current, specialties: [{ specialty: 'Cardiology', serviceGroups: ['heart_stuff'] }] },
      { ...current, specialties: [{ specialty: 'Cardiology', codeRanges: [{ from: '33999', to: '33010' }] }] },
      { ...current, specialties: [{ specialty: 'Cardiology' }] },
    ];
    for (const body of bad) {
      const p = problem(await h.call('PUT', '/api/tenant/routing-settings', tokens.admin, body), 400, 'UM_ERR_VALIDATION');
      expect(p.errors?.length ?? 0).toBeGreaterThan(0);
    }
    expect(await storedSettings()).toEqual(stored);
    expect(await audits('tenant.routing_settings')).toHaveLength(count);
  });
});
