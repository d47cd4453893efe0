/**
 * Clocks on cases through the HTTP API (issue 3): every case gets its clock at intake, each clock
 * event endpoint moves the due time as the rule says (with its audit event), refusals are
 * problem+json and change nothing, and the sweep — with a fake clock — warns, marks overdue with
 * the policy's consequence, and starts post-stabilization liability.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { testApp, type TestApp } from './support/app';
import { buildTenant, paRequest, type TestTenant } from './support/builders';
import { ROLES, type Role } from '../src/platform/auth/model';
import * as S from '../src/platform/db/schema';
import { sweepClocks } from '../src/clocks/sweep';

let h: TestApp;
let t: TestTenant;
const tokens = {} as Record<Role, string>;
const NOW = '2026-11-20T15:00:00Z';

/** Extra members with state-regulated coverage (plan: the MA plan org, which every test user works for). */
const extra: Record<string, string> = {};

async function memberWith(key: string, coverage: { lineOfBusiness: string; productType: string; funding: string | null; state: string }) {
  const db = h.app.ctx.db;
  const id = randomUUID();
  const number = `${t.slug}-${key}`;
  await db.insert(S.members).values({ tenantId: t.tenantId, id, memberNumber: number, firstName: 'Cleo', lastName: `Clock${key}`, birthDate: '1970-01-01', sex: 'F' });
  await db.insert(S.coverages).values({ tenantId: t.tenantId, id: randomUUID(), memberId: id, planOrgId: t.orgs.maPlan, ipaOrgId: t.orgs.ipa, lineOfBusiness: coverage.lineOfBusiness, productType: coverage.productType, funding: coverage.funding, state: coverage.state, effectiveFrom: '2025-01-01' });
  extra[key] = number;
}

beforeAll(async () => {
  h = await testApp({ now: NOW });
  t = await buildTenant(h.app.ctx.db);
  for (const role of ROLES) tokens[role] = await h.login(t.usernames[role]);
  await memberWith('IL', { lineOfBusiness: 'commercial', productType: 'PPO', funding: 'fully_insured', state: 'IL' });
  await memberWith('CA', { lineOfBusiness: 'commercial', productType: 'HMO', funding: 'fully_insured', state: 'CA' });
  await memberWith('ERISA', { lineOfBusiness: 'commercial', productType: 'PPO', funding: 'self_funded', state: 'TX' });
  // The MA contract keeps Part B drugs with the IPA for these tests (the builder's DOFR gives them to the plan).
  await h.app.ctx.db.update(S.contractDofr).set({ responsibility: 'ipa' }).where(and(eq(S.contractDofr.tenantId, t.tenantId), eq(S.contractDofr.contractId, t.contracts.ma), eq(S.contractDofr.serviceGroup, 'part_b_drug')));
});
afterAll(async () => h?.close());

const RECEIVED = '2026-11-20T14:00:00Z'; // 08:00 CST, Friday

async function newCase(overrides: Record<string, unknown> = {}, token = tokens.intake) {
  const r = await h.call('POST', '/api/cases', token, paRequest(t, { receivedAt: RECEIVED, ...overrides }));
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}
const clockOf = async (id: string, token = tokens.nurse) => {
  const r = await h.call('GET', `/api/cases/${id}/clock`, token);
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
};
const auditActions = async (caseId: string) =>
  (await h.app.ctx.db.select({ action: S.auditEvents.action }).from(S.auditEvents).where(and(eq(S.auditEvents.tenantId, t.tenantId), eq(S.auditEvents.caseId, caseId)))).map((r) => r.action);
const PART_B = { lines: [{ codeSystem: 'HCPCS', code: 'J9035', units: 10, partB: true, fromDate: '2026-12-01' }] };

describe('a clock on every case at intake', () => {
  it('starts the Medicare Advantage 7-day clock on a faxed request, with rule, citation, obligations and an audited start', async () => {
    const c = await newCase();
    expect(c.dueAt).toBe('2026-11-28T05:59:59.000Z'); // day 7 ends 23:59:59 CST
    const k = await clockOf(c.id);
    expect(k).toMatchObject({ state: 'running', policy: { id: 'medicare_advantage' }, ruleId: 'ma.pre_service.standard.7d', timeZone: 'America/Chicago', measure: 'notice' });
    expect(k.citation).toMatch(/422\.568\(b\)\(1\)/);
    expect(k.obligations[0]).toMatchObject({ kind: 'decision' });
    expect(k.consequence.kind).toBe('adverse_determination_appealable');
    expect(k.events.map((e: { type: string }) => e.type)).toEqual(['clock_started']);
    expect(k.events[0].actor.role).toBe('intake');
    expect(await auditActions(c.id)).toContain('clock.clock_started');
    // The case list shows the due time and the clock.
    const list = await h.call('GET', '/api/cases?queue=nurse', tokens.nurse);
    const row = list.json().items.find((i: { id: string }) => i.id === c.id);
    expect(row).toMatchObject({ dueAt: '2026-11-28T05:59:59.000Z', clock: { state: 'running' } });
  });

  it('starts a clock on a portal request too (receipt = the server time), and gives Part B drugs 72 hours', async () => {
    const r = await h.call('POST', '/api/cases', tokens.provider, paRequest(t, PART_B));
    expect(r.statusCode, r.body).toBe(201);
    const k = await clockOf(r.json().id);
    expect(k.ruleId).toBe('ma.part_b_drug.standard');
    expect(k.dueAt).toBe(new Date(Date.parse(NOW) + 72 * 3600_000).toISOString());
  });

  it('selects the state overlay from the coverage: Illinois fully insured commercial, 5 days from the necessary information', async () => {
    const c = await newCase({ member: { memberNumber: extra.IL } });
    const k = await clockOf(c.id);
    expect(k).toMatchObject({ policy: { id: 'illinois_commercial' }, ruleId: 'il.standard.5d' });
    expect(k.consequence.kind).toBe('deemed_authorized');
  });
});

describe('clock events a reviewer records', () => {
  it('takes an MA extension of 14 days: due moves, the event and its audit record who and why', async () => {
    const c = await newCase();
    const r = await h.call('POST', `/api/cases/${c.id}/clock/extension`, tokens.nurse, { days: 14, reason: 'Awaiting sleep study from the servicing provider' });
    expect(r.statusCode, r.body).toBe(200);
    const k = r.json();
    expect(k.dueAt).toBe('2026-12-12T05:59:59.000Z');
    const ev = k.events.at(-1);
    expect(ev).toMatchObject({ type: 'extension_taken', result: 'applied', reason: 'Awaiting sleep study from the servicing provider', dueBefore: '2026-11-28T05:59:59.000Z', dueAfter: '2026-12-12T05:59:59.000Z' });
    expect(ev.actor).toMatchObject({ role: 'nurse', name: 'Test nurse' });
    expect(k.obligations.map((o: { kind: string }) => o.kind)).toContain('extension_notice');
    expect(await auditActions(c.id)).toContain('clock.extension_taken');
    const view = (await h.call('GET', `/api/cases/${c.id}`, tokens.nurse)).json();
    expect(view.dueAt).toBe('2026-12-12T05:59:59.000Z');
  });

  it('refuses an extension on a Part B drug with problem+json and changes nothing', async () => {
    const c = await newCase(PART_B);
    const before = await clockOf(c.id);
    const audit = (await auditActions(c.id)).length;
    const r = await h.call('POST', `/api/cases/${c.id}/clock/extension`, tokens.nurse, { days: 14, reason: 'need records' });
    expect(r.statusCode).toBe(422);
    expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(r.json().code).toBe('UM_ERR_CLOCK_EXTENSION_NOT_ALLOWED');
    expect(r.json().detail).toMatch(/Part B drug/);
    const after = await clockOf(c.id);
    expect(after.dueAt).toBe(before.dueAt);
    expect(after.events.length).toBe(before.events.length);
    // Only the two clock reads were added to the trail.
    expect((await auditActions(c.id)).length).toBe(audit + 1);
  });

  it('refuses to downgrade an expedite a physician requested, and changes nothing', async () => {
    const c = await newCase({ priority: 'expedited', expediteRequestedBy: 'physician' });
    const before = await clockOf(c.id);
    const r = await h.call('POST', `/api/cases/${c.id}/clock/expedite-denied`, tokens.medical_director, { reason: 'Not urgent' });
    expect(r.statusCode).toBe(422);
    expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(r.json().code).toBe('UM_ERR_CLOCK_DOWNGRADE_REFUSED');
    const after = await clockOf(c.id);
    expect(after.dueAt).toBe(before.dueAt);
    expect(after.events.length).toBe(before.events.length);
    expect((await h.call('GET', `/api/cases/${c.id}`, tokens.nurse)).json().priority).toBe('expedited');
  });

  it('downgrades a member-requested expedite to the standard clock counted from receipt, with the written-notice obligation', async () => {
    const c = await newCase({ priority: 'expedited', expediteRequestedBy: 'member' });
    expect(c.dueAt).toBe('2026-11-23T14:00:00.000Z');
    const r = await h.call('POST', `/api/cases/${c.id}/clock/expedite-denied`, tokens.nurse, { reason: 'Standard time frame does not jeopardise health' });
    expect(r.statusCode, r.body).toBe(200);
    const k = r.json();
    expect(k.dueAt).toBe('2026-11-28T05:59:59.000Z');
    expect(k.priorityClass).toBe('standard');
    expect(k.obligations.find((o: { kind: string }) => o.kind === 'downgrade_written_notice')?.citation).toMatch(/422\.570\(d\)\(2\)/);
    expect((await h.call('GET', `/api/cases/${c.id}`, tokens.nurse)).json().priority).toBe('standard');
    // A second downgrade has nothing to do.
    const again = await h.call('POST', `/api/cases/${c.id}/clock/expedite-denied`, tokens.nurse, { reason: 'again' });
    expect(again.statusCode).toBe(409);
  });

  it('upgrades to expedited: 72 hours from the upgrade, never later than the standard due time', async () => {
    const c = await newCase();
    const r = await h.call('POST', `/api/cases/${c.id}/clock/priority-upgrade`, tokens.intake, { reason: 'Physician called: urgent' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().dueAt).toBe(new Date(Date.parse(NOW) + 72 * 3600_000).toISOString());
    expect((await h.call('GET', `/api/cases/${c.id}`, tokens.nurse)).json().priority).toBe('expedited');
  });

  it('restarts an Illinois clock at the necessary information', async () => {
    const c = await newCase({ member: { memberNumber: extra.IL } });
    h.clock.set('2026-11-23T16:00:00Z'); // Monday 10:00 CST
    try {
      const nurse = await h.login(t.usernames.nurse); // tokens live 8 hours of the fake clock
      const r = await h.call('POST', `/api/cases/${c.id}/clock/necessary-info-received`, nurse, { reason: 'Chart notes arrived' });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json().dueAt).toBe('2026-11-29T05:59:59.000Z'); // Nov 28 23:59:59 CST
    } finally {
      h.clock.set(NOW);
    }
  });

  it('records the decision, oral and written notice separately; an MA standard request is on time only when the written notice is', async () => {
    const c = await newCase();
    const d = await h.call('POST', `/api/cases/${c.id}/decision`, tokens.nurse, { outcome: 'approved' });
    expect(d.statusCode, d.body).toBe(200);
    let k = await clockOf(c.id);
    expect(k).toMatchObject({ state: 'awaiting_notice', decidedAt: new Date(NOW).toISOString() });
    expect(k.actions).toEqual(expect.arrayContaining(['oral_notice', 'written_notice']));
    k = (await h.call('POST', `/api/cases/${c.id}/clock/oral-notice`, tokens.nurse, { at: '2026-11-20T14:30:00Z' })).json();
    expect(k).toMatchObject({ state: 'awaiting_notice', oralNoticeAt: '2026-11-20T14:30:00.000Z' });
    const w = await h.call('POST', `/api/cases/${c.id}/clock/written-notice`, tokens.intake, {});
    expect(w.statusCode, w.body).toBe(200);
    expect(w.json()).toMatchObject({ state: 'met', writtenNoticeAt: new Date(NOW).toISOString(), measuredAt: new Date(NOW).toISOString() });
    expect(await auditActions(c.id)).toEqual(expect.arrayContaining(['clock.decided', 'clock.oral_notice_given', 'clock.written_notice_sent']));
  });

  it('judges an expedited MA request on the oral notice, and a notice after the due time late', async () => {
    const fast = await newCase({ priority: 'expedited', expediteRequestedBy: 'member' });
    await h.call('POST', `/api/cases/${fast.id}/decision`, tokens.nurse, { outcome: 'approved' });
    const k = (await h.call('POST', `/api/cases/${fast.id}/clock/oral-notice`, tokens.nurse, {})).json();
    expect(k.state).toBe('met');
    expect(k.obligations.map((o: { kind: string }) => o.kind)).toContain('written_confirmation');
    const slow = await newCase();
    await h.call('POST', `/api/cases/${slow.id}/decision`, tokens.nurse, { outcome: 'approved' });
    h.clock.set('2026-11-30T15:00:00Z');
    try {
      const late = (await h.call('POST', `/api/cases/${slow.id}/clock/written-notice`, await h.login(t.usernames.nurse), {})).json();
      expect(late.state).toBe('late');
    } finally {
      h.clock.set(NOW);
    }
  });

  it('reports timeliness per line of business and month of the decision, from what each rule measures', async () => {
    const r = await h.call('GET', '/api/clocks/timeliness', tokens.supervisor);
    expect(r.statusCode, r.body).toBe(200);
    const ma = r.json().items.find((i: { lineOfBusiness: string; month: string }) => i.lineOfBusiness === 'medicare_advantage' && i.month === '2026-11');
    // From the cases above: two on time (written notice; oral notice on the fast track), one late.
    expect(ma).toMatchObject({ onTime: 2, late: 1 });
    expect(ma.total).toBe(ma.onTime + ma.late + ma.awaitingNotice);
  });

  it('keeps an MA clock running while pended, and tolls an ERISA clock', async () => {
    const ma = await newCase();
    await h.call('POST', `/api/cases/${ma.id}/pend`, tokens.nurse, { message: 'Send the sleep study' });
    const k = await clockOf(ma.id);
    expect(k.dueAt).toBe('2026-11-28T05:59:59.000Z');
    expect(k.events.at(-1)).toMatchObject({ type: 'additional_info_requested', result: 'no_effect' });
    const erisa = await newCase({ member: { memberNumber: extra.ERISA } });
    const before = (await clockOf(erisa.id)).dueAt;
    await h.call('POST', `/api/cases/${erisa.id}/pend`, tokens.nurse, { message: 'Send the sleep study' });
    const after = await clockOf(erisa.id);
    expect(after.state).toBe('paused');
    expect(Date.parse(after.dueAt)).toBeGreaterThan(Date.parse(before));
  });

  it('recomputes on a corrected receipt and stops on withdrawal', async () => {
    const c = await newCase();
    const r = await h.call('POST', `/api/cases/${c.id}/receipt-time`, tokens.supervisor, { receivedAt: '2026-11-19T14:00:00Z', reason: 'Fax log shows the day before' });
    expect(r.statusCode, r.body).toBe(200);
    const k = await clockOf(c.id);
    expect(k.dueAt).toBe('2026-11-27T05:59:59.000Z');
    expect(k.events.at(-1)).toMatchObject({ type: 'receipt_corrected', dueBefore: '2026-11-28T05:59:59.000Z', dueAfter: '2026-11-27T05:59:59.000Z' });
    await h.call('POST', `/api/cases/${c.id}/withdraw`, tokens.intake, { reason: 'Provider withdrew' });
    expect((await clockOf(c.id)).state).toBe('stopped');
  });

  it('shows the requesting office the clock without staff names or reasons', async () => {
    const c = await newCase({}, tokens.provider);
    await h.call('POST', `/api/cases/${c.id}/clock/priority-upgrade`, tokens.intake, { reason: 'Internal: physician phoned' });
    const k = await clockOf(c.id, tokens.provider);
    expect(k.dueAt).toBe(new Date(Date.parse(NOW) + 72 * 3600_000).toISOString());
    expect(k.events.every((e: { reason: string | null; actor: { name: string | null } }) => e.reason === null && e.actor.name === null)).toBe(true);
    expect(k.actions).toEqual([]);
  });

  it('refuses clock events to roles that may not record them', async () => {
    const c = await newCase({ priority: 'expedited', expediteRequestedBy: 'member' });
    expect((await h.call('POST', `/api/cases/${c.id}/clock/expedite-denied`, tokens.intake, { reason: 'x' })).statusCode).toBe(403);
    expect((await h.call('POST', `/api/cases/${c.id}/clock/extension`, tokens.auditor, { days: 3, reason: 'x' })).statusCode).toBe(403);
  });
});

describe('the sweep, with a fake clock', () => {
  it('warns at 75 % of an expedited window once, then marks it overdue with the MA consequence', async () => {
    const c = await newCase({ priority: 'expedited', expediteRequestedBy: 'member' }); // 72 h from 14:00Z
    const t0 = Date.parse(RECEIVED);
    const at = (h_: number) => new Date(t0 + h_ * 3600_000);
    const mine = (f: readonly { caseId: string; kind: string }[]) => f.filter((x) => x.caseId === c.id).map((x) => x.kind);
    expect(mine(await sweepClocks(h.app.ctx.db, at(53.9)))).toEqual([]);
    expect(mine(await sweepClocks(h.app.ctx.db, at(54)))).toEqual(['at_risk']);
    expect(mine(await sweepClocks(h.app.ctx.db, at(60)))).toEqual([]);
    h.clock.set(at(60));
    try {
      const queue = (await h.call('GET', '/api/queues/nurse', await h.login(t.usernames.nurse))).json();
      expect(queue.items.find((i: { id: string }) => i.id === c.id)).toMatchObject({ breach: 'at_risk', msToBreach: 12 * 3600_000 });
    } finally {
      h.clock.set(NOW);
    }
    expect(mine(await sweepClocks(h.app.ctx.db, at(72)))).toEqual(['overdue']);
    expect(mine(await sweepClocks(h.app.ctx.db, at(100)))).toEqual([]);
    const k = await clockOf(c.id);
    const overdue = k.events.find((e: { type: string }) => e.type === 'overdue');
    expect(overdue).toMatchObject({ actor: { type: 'system' }, data: { consequence: 'adverse_determination_appealable' }, at: at(72).toISOString() });
    expect(overdue.citation).toMatch(/422\.5(68|72)/);
    expect(k.events.filter((e: { type: string }) => e.type === 'at_risk')).toHaveLength(1);
    expect(await auditActions(c.id)).toEqual(expect.arrayContaining(['clock.at_risk', 'clock.overdue']));
  });

  it('marks a Medicaid request deemed adverse and an Illinois one deemed authorized', async () => {
    const mcd = await newCase({ member: { memberNumber: t.memberNumbers.otherIpa }, lines: [{ codeSystem: 'CPT', code: '95810', units: 1, fromDate: '2026-12-01' }] });
    const il = await newCase({ member: { memberNumber: extra.IL } });
    await sweepClocks(h.app.ctx.db, new Date('2027-01-31T00:00:00Z'));
    const kind = async (id: string) => (await clockOf(id)).events.find((e: { type: string }) => e.type === 'overdue')?.data.consequence;
    expect(await kind(mcd.id)).toBe('deemed_adverse');
    expect(await kind(il.id)).toBe('deemed_authorized');
  });

  it('starts post-stabilization liability after 1 hour as the system actor, with its citation; staff record its end', async () => {
    const c = await newCase({ kind: 'post_stabilization', lines: [{ codeSystem: 'CPT', code: '99223', units: 1, fromDate: '2026-11-20', placeOfService: '21' }], receivedAt: '2026-11-20T14:50:00Z' });
    expect(c.dueAt).toBe('2026-11-20T15:50:00.000Z');
    expect((await sweepClocks(h.app.ctx.db, new Date('2026-11-20T15:49:59Z'))).filter((f) => f.caseId === c.id && f.kind !== 'at_risk')).toEqual([]);
    const fired = (await sweepClocks(h.app.ctx.db, new Date('2026-11-20T15:51:00Z'))).filter((f) => f.caseId === c.id);
    expect(fired.map((f) => f.kind)).toEqual(['post_stabilization_liability']);
    const k = await clockOf(c.id, tokens.medical_director);
    expect(k.liability).toMatchObject({ startedAt: '2026-11-20T15:50:00.000Z', endedAt: null });
    const started = k.events.find((e: { type: string }) => e.type === 'post_stabilization_liability_started');
    expect(started).toMatchObject({ actor: { type: 'system', id: 'clock-jobs' }, citation: '42 CFR 422.113(c)(2)(iii)' });
    expect(k.actions).toContain('liability_end');
    const end = await h.call('POST', `/api/cases/${c.id}/clock/liability-end`, tokens.medical_director, { reason: 'plan_physician_assumed_care', note: 'Dr. Delacroix took over' });
    expect(end.statusCode, end.body).toBe(200);
    expect(end.json().liability).toMatchObject({ endedAt: new Date(NOW).toISOString(), endReason: 'plan_physician_assumed_care' });
  });

  it('never makes a plan that answered within the hour financially responsible; a late answer does not help', async () => {
    const postStab = (receivedAt: string) => newCase({ kind: 'post_stabilization', lines: [{ codeSystem: 'CPT', code: '99223', units: 1, fromDate: '2026-11-20', placeOfService: '21' }], receivedAt });
    // Received 14:50, due 15:50; approved at 15:00 (the fake clock), before any notice is recorded.
    const inTime = await postStab('2026-11-20T14:50:00Z');
    // Received 13:30, due 14:30; approved at 15:00: too late.
    const late = await postStab('2026-11-20T13:30:00Z');
    for (const c of [inTime, late]) {
      const d = await h.call('POST', `/api/cases/${c.id}/decision`, tokens.medical_director, { outcome: 'approved' });
      expect(d.statusCode, d.body).toBe(200);
      expect((await clockOf(c.id)).decidedAt).toBe(new Date(NOW).toISOString());
    }
    const fired = (await sweepClocks(h.app.ctx.db, new Date('2026-11-20T15:51:00Z'))).filter((f) => f.caseId === inTime.id || f.caseId === late.id);
    expect(fired.filter((f) => f.kind === 'post_stabilization_liability').map((f) => f.caseId)).toEqual([late.id]);
    const answered = await clockOf(inTime.id);
    expect(answered.liability?.startedAt ?? null).toBeNull();
    expect(answered.events.map((e: { type: string }) => e.type)).not.toContain('post_stabilization_liability_started');
    expect(answered.actions).not.toContain('liability_end');
    const lateClock = await clockOf(late.id);
    expect(lateClock.liability).toMatchObject({ startedAt: '2026-11-20T14:30:00.000Z' });
    // A later sweep changes nothing.
    expect((await sweepClocks(h.app.ctx.db, new Date('2026-11-21T15:51:00Z'))).filter((f) => f.caseId === inTime.id || f.caseId === late.id)).toEqual([]);
  });

  it('gives California post-stabilization 30 minutes, deemed authorized', async () => {
    const c = await newCase({ member: { memberNumber: extra.CA }, kind: 'post_stabilization', lines: [{ codeSystem: 'CPT', code: '99223', units: 1, fromDate: '2026-11-20', placeOfService: '21' }], receivedAt: '2026-11-20T14:50:00Z' });
    expect(c.dueAt).toBe('2026-11-20T15:20:00.000Z');
    const fired = (await sweepClocks(h.app.ctx.db, new Date('2026-11-20T15:20:00Z'))).filter((f) => f.caseId === c.id);
    expect(fired.map((f) => f.kind)).toEqual(['post_stabilization_liability']);
    const k = await clockOf(c.id);
    expect(k.events.at(-1)).toMatchObject({ citation: '28 CCR 1300.71.4(b)', data: { consequence: 'deemed_authorized' } });
  });
});
