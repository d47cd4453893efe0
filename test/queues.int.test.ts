/**
 * Work queues through the HTTP API (issue 3): due-time order with time-to-breach, filters, counts,
 * routing by licence state, specialty and service category, organisation visibility, and an
 * atomic "take next" — raced by many reviewers at once (truly concurrent on PostgreSQL).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { testApp, type TestApp } from './support/app';
import { buildTenant, paRequest, TEST_PASSWORD, type TestTenant } from './support/builders';
import { onPostgres } from './support/db';
import * as S from '../src/platform/db/schema';
import { hashPassword } from '../src/platform/auth/passwords';
import { openDatabase } from '../src/platform/db';
import { claimNext, reviewerProfile } from '../src/queues/queries';
import type { Principal } from '../src/platform/auth/model';

let h: TestApp;
const NOW = '2026-11-20T15:00:00Z';
let hash: string;

beforeAll(async () => {
  h = await testApp({ now: NOW });
  hash = await hashPassword(TEST_PASSWORD);
});
afterAll(async () => h?.close());

async function addUser(t: TestTenant, name: string, role: string, extra: { licenceState?: string; specialty?: string; credential?: string; orgs?: readonly string[] } = {}) {
  const id = randomUUID();
  const username = `${t.slug}.${name}`;
  await h.app.ctx.db.insert(S.users).values({ tenantId: t.tenantId, id, username, displayName: name, role, credential: extra.credential ?? 'RN', licenceState: extra.licenceState ?? null, specialty: extra.specialty ?? null, passwordHash: hash });
  const orgs = extra.orgs ?? [t.orgs.ipa, t.orgs.otherIpa, t.orgs.maPlan, t.orgs.mcdPlan];
  await h.app.ctx.db.insert(S.userOrganisations).values(orgs.map((organisationId) => ({ tenantId: t.tenantId, userId: id, organisationId })));
  return { id, token: await h.login(username) };
}

async function memberWith(t: TestTenant, key: string, coverage: { lineOfBusiness: string; productType: string; funding: string | null; state: string }): Promise<string> {
  const id = randomUUID();
  const number = `${t.slug}-${key}`;
  await h.app.ctx.db.insert(S.members).values({ tenantId: t.tenantId, id, memberNumber: number, firstName: 'Quinn', lastName: `Queue${key}`, birthDate: '1970-01-01', sex: 'M' });
  await h.app.ctx.db.insert(S.coverages).values({ tenantId: t.tenantId, id: randomUUID(), memberId: id, planOrgId: t.orgs.maPlan, ipaOrgId: t.orgs.ipa, lineOfBusiness: coverage.lineOfBusiness, productType: coverage.productType, funding: coverage.funding, state: coverage.state, effectiveFrom: '2025-01-01' });
  return number;
}

async function newCase(t: TestTenant, token: string, overrides: Record<string, unknown> = {}) {
  const r = await h.call('POST', '/api/cases', token, paRequest(t, overrides));
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}

const queue = async (token: string, name: string, query = '') => {
  const r = await h.call('GET', `/api/queues/${name}${query}`, token);
  expect(r.statusCode, r.body).toBe(200);
  return r.json().items;
};
const ids = (items: readonly { id: string }[]) => items.map((i) => i.id);

describe('the nurse queue', () => {
  let t: TestTenant;
  let intake: string;
  let nurse: string;
  beforeAll(async () => {
    t = await buildTenant(h.app.ctx.db);
    intake = await h.login(t.usernames.intake);
    nurse = await h.login(t.usernames.nurse);
  });

  it('orders cases by due time, with time-to-breach in milliseconds and words', async () => {
    const standard = await newCase(t, intake, { receivedAt: '2026-11-20T14:00:00Z' }); // due Nov 28 05:59:59Z
    const expedited = await newCase(t, intake, { priority: 'expedited', expediteRequestedBy: 'member', receivedAt: '2026-11-18T14:00:00Z' }); // due Nov 21 14:00Z (at risk from Nov 20 20:00Z)
    const older = await newCase(t, intake, { receivedAt: '2026-11-13T14:00:00Z' }); // due Nov 21 05:59:59Z
    const items = await queue(nurse, 'nurse');
    expect(ids(items)).toEqual([older.id, expedited.id, standard.id]);
    expect(items.map((i: { dueAt: string }) => i.dueAt)).toEqual(['2026-11-21T05:59:59.000Z', '2026-11-21T14:00:00.000Z', '2026-11-28T05:59:59.000Z']);
    expect(items[0]).toMatchObject({ msToBreach: Date.parse('2026-11-21T05:59:59Z') - Date.parse(NOW), breach: 'at_risk', consequence: 'adverse_determination_appealable' });
    expect(items[1]).toMatchObject({ breach: 'on_track', msToBreach: 23 * 3600_000 });
    expect(items[2]).toMatchObject({ breach: 'on_track' });
    const counts = (await h.call('GET', '/api/queues', nurse)).json().items;
    expect(counts).toEqual([{ queue: 'nurse', label: 'Nurse review', total: 3, unassigned: 3, overdue: 0, atRisk: 1 }]);
  });

  it('filters by organisation, line of business, kind, priority and assignee', async () => {
    const mcd = await newCase(t, intake, { member: { memberNumber: t.memberNumbers.otherIpa }, lines: [{ codeSystem: 'CPT', code: '95810', units: 1, fromDate: '2026-12-01' }] });
    expect(ids(await queue(nurse, 'nurse', `?organisationId=${t.orgs.otherIpa}`))).toEqual([mcd.id]);
    expect(ids(await queue(nurse, 'nurse', '?lineOfBusiness=medicaid'))).toEqual([mcd.id]);
    expect(await queue(nurse, 'nurse', '?kind=referral')).toEqual([]);
    expect((await queue(nurse, 'nurse', '?priority=expedited')).every((i: { priority: string }) => i.priority === 'expedited')).toBe(true);
    await h.call('POST', `/api/cases/${mcd.id}/assign`, nurse, { userId: t.userIds.nurse });
    expect(ids(await queue(nurse, 'nurse', '?assignee=me'))).toEqual([mcd.id]);
    expect(ids(await queue(nurse, 'nurse', '?assignee=none'))).not.toContain(mcd.id);
  });

  it('shows reviewers only the organisations they work for, and refuses queues of other roles', async () => {
    const narrow = await addUser(t, 'narrow', 'nurse', { licenceState: 'TX', orgs: [t.orgs.otherIpa, t.orgs.mcdPlan] });
    const items = await queue(narrow.token, 'nurse');
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i: { lineOfBusiness: string }) => i.lineOfBusiness === 'medicaid')).toBe(true);
    expect((await h.call('GET', '/api/queues/medical_director', nurse)).statusCode).toBe(403);
    expect((await h.call('POST', '/api/queues/medical_director/take-next', nurse, {})).statusCode).toBe(403);
  });

  it('takes the earliest-due unassigned case, assigns it with an audit event, and says when nothing is left', async () => {
    const first = (await queue(nurse, 'nurse', '?assignee=none'))[0];
    const r = await h.call('POST', '/api/queues/nurse/take-next', nurse, {});
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().caseId).toBe(first.id);
    const view = (await h.call('GET', `/api/cases/${first.id}`, nurse)).json();
    expect(view.assignedTo.id).toBe(t.userIds.nurse);
    const audit = await h.app.ctx.db.select().from(S.auditEvents).where(and(eq(S.auditEvents.tenantId, t.tenantId), eq(S.auditEvents.caseId, first.id), eq(S.auditEvents.action, 'case.assign')));
    expect(audit[0]?.details).toMatchObject({ via: 'take_next', queue: 'nurse', to: t.userIds.nurse });
    for (;;) {
      const next = (await h.call('POST', '/api/queues/nurse/take-next', nurse, {})).json();
      if (next.caseId === null) break;
    }
    expect(await queue(nurse, 'nurse', '?assignee=none')).toEqual([]);
  });
});

describe('routing', () => {
  let t: TestTenant;
  let intake: string;
  beforeAll(async () => {
    t = await buildTenant(h.app.ctx.db);
    intake = await h.login(t.usernames.intake);
  });

  it('never hands a Texas-licensed nurse a case that needs a California licence; a California nurse gets it', async () => {
    const ca = await memberWith(t, 'CA', { lineOfBusiness: 'commercial', productType: 'HMO', funding: 'fully_insured', state: 'CA' });
    const caCase = await newCase(t, intake, { member: { memberNumber: ca }, receivedAt: '2026-11-10T14:00:00Z' });
    const maCase = await newCase(t, intake);
    const tx = await addUser(t, 'tx-nurse', 'nurse', { licenceState: 'TX' });
    const cal = await addUser(t, 'ca-nurse', 'nurse', { licenceState: 'CA' });
    expect(ids(await queue(tx.token, 'nurse'))).toEqual([maCase.id]);
    expect(ids(await queue(cal.token, 'nurse'))).toEqual([caCase.id, maCase.id]);
    const txTook = (await h.call('POST', '/api/queues/nurse/take-next', tx.token, {})).json().caseId;
    expect(txTook).toBe(maCase.id);
    expect((await h.call('POST', '/api/queues/nurse/take-next', tx.token, {})).json().caseId).toBeNull();
    expect((await h.call('POST', '/api/queues/nurse/take-next', cal.token, {})).json().caseId).toBe(caCase.id);
    // Medicare Advantage needs no particular state licence; the supervisor sees everything.
    const sup = await h.login(t.usernames.supervisor);
    expect(ids(await queue(sup, 'nurse'))).toEqual([caCase.id, maCase.id]);
  });

  it('adds licence states from the reviewer routing profile', async () => {
    const ny = await memberWith(t, 'NY', { lineOfBusiness: 'commercial', productType: 'PPO', funding: 'fully_insured', state: 'NY' });
    const c = await newCase(t, intake, { member: { memberNumber: ny } });
    const multi = await addUser(t, 'multi', 'nurse', { licenceState: 'TX' });
    expect(ids(await queue(multi.token, 'nurse', '?assignee=none'))).not.toContain(c.id);
    const sup = await h.login(t.usernames.supervisor);
    const put = await h.call('PUT', `/api/queues/reviewers/${multi.id}/routing`, sup, { licenceStates: ['NY'], specialties: [], serviceCategories: [] });
    expect(put.statusCode, put.body).toBe(200);
    expect(ids(await queue(multi.token, 'nurse', '?assignee=none'))).toContain(c.id);
  });

  it('routes a cardiology case in physician review to a cardiologist, not to an internist', async () => {
    const cardio = await newCase(t, intake, { lines: [{ codeSystem: 'CPT', code: '93458', units: 1, fromDate: '2026-12-01' }] });
    const nurse = await h.login(t.usernames.nurse);
    expect((await h.call('POST', `/api/cases/${cardio.id}/refer`, nurse, { note: 'Cath: physician review' })).statusCode).toBe(200);
    const internist = await addUser(t, 'internist', 'medical_director', { licenceState: 'TX', specialty: 'Internal Medicine', credential: 'MD' });
    const cardiologist = await addUser(t, 'cardiologist', 'medical_director', { licenceState: 'TX', specialty: 'Cardiovascular Disease', credential: 'MD' });
    expect(ids(await queue(internist.token, 'medical_director'))).not.toContain(cardio.id);
    const items = await queue(cardiologist.token, 'medical_director');
    expect(ids(items)).toContain(cardio.id);
    expect(items.find((i: { id: string }) => i.id === cardio.id).routing).toMatchObject({ requiredSpecialty: 'Cardiovascular Disease', requiredLicenceState: null });
    expect((await h.call('POST', '/api/queues/medical_director/take-next', internist.token, {})).json().caseId).not.toBe(cardio.id);
  });

  it('limits a reviewer to service categories (a pharmacist to drugs)', async () => {
    await h.app.ctx.db.update(S.contractDofr).set({ responsibility: 'ipa' }).where(and(eq(S.contractDofr.tenantId, t.tenantId), eq(S.contractDofr.contractId, t.contracts.ma), eq(S.contractDofr.serviceGroup, 'part_b_drug')));
    const drug = await newCase(t, intake, { lines: [{ codeSystem: 'HCPCS', code: 'J9035', units: 10, partB: true, fromDate: '2026-12-01' }] });
    const pharmacist = await addUser(t, 'pharmacist', 'nurse', { licenceState: 'TX', credential: 'PharmD' });
    const sup = await h.login(t.usernames.supervisor);
    await h.call('PUT', `/api/queues/reviewers/${pharmacist.id}/routing`, sup, { licenceStates: [], specialties: [], serviceCategories: ['part_b_drug', 'outpatient_drug'] });
    const items = await queue(pharmacist.token, 'nurse');
    expect(ids(items)).toContain(drug.id);
    expect(items.every((i: { routing: { serviceCategory: string } }) => i.routing.serviceCategory === 'part_b_drug')).toBe(true);
  });
});

describe('take next under contention', () => {
  let t: TestTenant;
  beforeAll(async () => {
    t = await buildTenant(h.app.ctx.db);
  });

  it('gives reviewers pressing it at once different cases, every one exactly once', async () => {
    const intake = await h.login(t.usernames.intake);
    const made = [];
    for (let i = 0; i < 12; i++) made.push((await newCase(t, intake)).id);
    const nurses = [];
    for (let i = 0; i < 8; i++) nurses.push(await addUser(t, `racer${i}`, 'nurse', { licenceState: 'TX' }));
    // Two rounds of eight simultaneous presses: 12 cases, 16 presses.
    const got: (string | null)[] = [];
    for (let round = 0; round < 2; round++) {
      const answers = await Promise.all(nurses.map((n) => h.call('POST', '/api/queues/nurse/take-next', n.token, {})));
      for (const a of answers) {
        expect(a.statusCode, a.body).toBe(200);
        got.push(a.json().caseId);
      }
    }
    const taken = got.filter((x): x is string => x !== null);
    expect(taken).toHaveLength(12);
    expect(new Set(taken).size).toBe(12);
    expect(new Set(taken)).toEqual(new Set(made));
    const rows = await h.app.ctx.db.select({ id: S.cases.id, who: S.cases.assignedUserId }).from(S.cases).where(eq(S.cases.tenantId, t.tenantId));
    expect(rows.every((r) => r.who !== null)).toBe(true);
  });

  it('skips a case another reviewer holds instead of waiting for it (PostgreSQL: a second connection holds the lock)', async () => {
    const intake = await h.login(t.usernames.intake);
    const a = (await newCase(t, intake, { receivedAt: '2026-11-19T14:00:00Z' })).id;
    const b = (await newCase(t, intake, { receivedAt: '2026-11-20T14:00:00Z' })).id;
    const taker = await addUser(t, 'skipper', 'nurse', { licenceState: 'TX' });
    const p: Extract<Principal, { kind: 'user' }> = {
      kind: 'user', tenantId: t.tenantId, userId: taker.id, username: 'skipper', displayName: 'skipper', role: 'nurse', credential: 'RN', licenceState: 'TX',
      organisationIds: [t.orgs.ipa, t.orgs.otherIpa, t.orgs.maPlan, t.orgs.mcdPlan], providerOrgId: null,
    };
    const profile = await reviewerProfile(h.app.ctx.db, p);
    if (onPostgres()) {
      // Another process's transaction has claimed the earliest case and not committed yet.
      const other = await openDatabase(h.tdb.config, { poolSize: 1 });
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let claimed!: (id: string | null) => void;
      const claimedId = new Promise<string | null>((r) => (claimed = r));
      const holder = other.db.transaction(async (tx) => {
        claimed((await claimNext(tx, p, 'nurse', profile, {}))?.id ?? null);
        await held;
      });
      expect(await claimedId).toBe(a);
      const r = await h.call('POST', '/api/queues/nurse/take-next', taker.token, {});
      expect(r.json().caseId).toBe(b);
      release();
      await holder;
      await other.close();
    } else {
      // PGlite is one connection: the takes are serialised, still never the same case twice.
      const first = (await h.call('POST', '/api/queues/nurse/take-next', taker.token, {})).json().caseId;
      const second = (await h.call('POST', '/api/queues/nurse/take-next', taker.token, {})).json().caseId;
      expect([first, second]).toEqual([a, b]);
    }
  });
});
