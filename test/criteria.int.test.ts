/**
 * Automatic decisions at intake through the HTTP API: eligibility → requirement → gold card →
 * criteria, with the PA list and the shipped criteria sets loaded into the tenant.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { testApp, type TestApp } from './support/app';
import { buildTenant, paRequest, type TestTenant } from './support/builders';
import { seedCoverage } from '../src/demo/criteria-seed';
import { determinations } from '../src/determination/schema';
import { responseTo, shippedSet } from '../src/criteria/test-support';
import { MET_EXAMPLES } from '../src/criteria/shipped/met-examples';
import type { CompiledCriteriaSet } from '../src/criteria';

let h: TestApp;
let t: TestTenant;
let intake: string;
let provider: string;
let nurse: string;
let cpap: CompiledCriteriaSet;

const CPAP_MET = MET_EXAMPLES['ncd-240.4-cpap-osa']?.answers ?? {};

beforeAll(async () => {
  h = await testApp({ now: '2026-11-20T15:00:00Z' });
  t = await buildTenant(h.app.ctx.db);
  await seedCoverage(h.app.ctx.db, t.tenantId, h.clock, { contractIds: [t.contracts.ma, t.contracts.mcd] });
  intake = await h.login(t.usernames.intake);
  provider = await h.login(t.usernames.provider);
  nurse = await h.login(t.usernames.nurse);
  cpap = await shippedSet('ncd-240.4-cpap-osa');
});
afterAll(async () => h.close());

const cpapLine = (extra: Record<string, unknown> = {}) => ({ codeSystem: 'HCPCS', code: 'E0601', units: 1, fromDate: '2026-12-01', toDate: '2026-12-31', placeOfService: '12', ...extra });

describe('automatic approval on intake', () => {
  it('approves a portal request whose criteria are met, by automation, with an authorization number and the criteria cited', async () => {
    const r = await h.call('POST', '/api/cases', provider, paRequest(t, { lines: [cpapLine({ answers: responseTo(cpap, CPAP_MET) })] }));
    expect(r.statusCode).toBe(201);
    const c = r.json();
    expect(c).toMatchObject({ status: 'decided', disposition: 'approved', closeReason: expect.stringContaining('Approved automatically') });
    const [line] = c.lines;
    expect(line).toMatchObject({ outcome: 'approved', requirement: 'required', criteriaSetId: 'ncd-240.4-cpap-osa', criteriaSetVersion: '1', criteriaMet: true, approvedFrom: '2026-12-01', approvedTo: '2027-02-22' });
    expect(line.authorizationNumber).toMatch(/^PA-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(c.determinations).toEqual([
      expect.objectContaining({
        lineId: line.id,
        outcome: 'approved',
        authorizationNumber: line.authorizationNumber,
        decidedBy: { type: 'system', id: 'automation', role: 'automation', credential: null, name: 'OpenUM automation' },
        basis: expect.objectContaining({ kind: 'criteria', criteriaSetId: 'ncd-240.4-cpap-osa', criteriaSetVersion: '1', criterionId: 'adult, clinical-evaluation, sleep-test, test-ordered, severity, minimum-recording, trial-benefit' }),
      }),
    ]);
    expect(c.determinations[0].basis.coverageRule).toContain('PA rule cpap-device v1');
    expect(c.determinations[0].basis.coverageRule).toContain('NCD 240.4');
    expect(c.criteria).toEqual([expect.objectContaining({ lineId: line.id, result: 'approve', outcome: 'met', paRule: { id: 'cpap-device', version: 1 }, criteriaSet: { id: 'ncd-240.4-cpap-osa', version: '1' } })]);
    expect(c.criteria[0].criteria).toHaveLength(7);
    expect(c.criteria[0].criteria.every((x: { outcome: string }) => x.outcome === 'met')).toBe(true);
    expect(c.criteria[0].answers).toMatchObject({ index_value: 15, test_type: 'psg-lab' });

    const audit = await h.call('GET', `/api/cases/${c.id}/audit`, intake);
    const actions = audit.json().items.map((e: { action: string }) => e.action);
    expect(actions.slice(0, 2)).toEqual(['case.create', 'case.automation']);
    const auto = audit.json().items.find((e: { action: string }) => e.action === 'case.automation');
    expect(auto.actor).toEqual({ type: 'system', id: 'automation', role: 'automation' });
    expect(auto.details.lines[0]).toMatchObject({ result: 'approve', ruleId: 'cpap-device', criteriaSet: 'ncd-240.4-cpap-osa@1', authorizationNumber: line.authorizationNumber });
  });

  it('takes the answers for the whole request, matched to the set by the Questionnaire they name', async () => {
    const r = await h.call('POST', '/api/cases', intake, paRequest(t, { answers: [responseTo(cpap, CPAP_MET)], lines: [cpapLine({ fromDate: '2030-01-10', toDate: '2030-01-20' })] }));
    expect(r.json()).toMatchObject({ status: 'decided', disposition: 'approved', lines: [{ outcome: 'approved', criteriaMet: true }] });
  });

  it('sends a request whose criteria are not met to the nurse queue with each criterion\'s result, and never denies', async () => {
    const r = await h.call('POST', '/api/cases', provider, paRequest(t, { lines: [cpapLine({ fromDate: '2031-02-01', toDate: '2031-02-10', answers: responseTo(cpap, { ...CPAP_MET, index_value: 4 }) })] }));
    const c = r.json();
    expect(c).toMatchObject({ status: 'nurse_review', disposition: 'pending', lines: [{ outcome: null, authorizationNumber: null, criteriaMet: false, requirement: 'required', criteriaSetId: 'ncd-240.4-cpap-osa' }] });
    expect(c.determinations).toEqual([]);
    const [res] = c.criteria;
    expect(res).toMatchObject({ result: 'refer_to_review', outcome: 'not_met', reasons: [expect.objectContaining({ code: 'criteria_not_met', criteria: ['severity'] })] });
    expect(res.criteria.find((x: { id: string }) => x.id === 'severity')).toMatchObject({ outcome: 'not_met', citation: 'NCD 240.4 v3 §B.5.a-b' });
    expect(res.criteria.find((x: { id: string }) => x.id === 'adult')).toMatchObject({ outcome: 'met' });
  });

  it('sends a request without answers to the nurse queue with the criteria unknown', async () => {
    const r = await h.call('POST', '/api/cases', intake, paRequest(t, { lines: [cpapLine({ fromDate: '2032-03-01', toDate: '2032-03-10' })] }));
    const c = r.json();
    expect(c).toMatchObject({ status: 'nurse_review', lines: [{ outcome: null, criteriaMet: false }] });
    expect(c.criteria[0]).toMatchObject({ result: 'refer_to_review', outcome: 'unknown', reasons: [expect.objectContaining({ code: 'criteria_unknown' })] });
    expect(c.criteria[0].criteria.find((x: { id: string }) => x.id === 'adult')).toMatchObject({ outcome: 'met' });
    expect(c.criteria[0].criteria.find((x: { id: string }) => x.id === 'severity')).toMatchObject({ outcome: 'unknown' });
  });

  it('answers "no authorization required" for a code the list does not name, and closes the case', async () => {
    const r = await h.call('POST', '/api/cases', provider, paRequest(t, { lines: [{ codeSystem: 'CPT', code: '99213', units: 1, fromDate: '2026-12-02' }] }));
    const c = r.json();
    expect(c).toMatchObject({ status: 'decided', disposition: 'no_auth_required', closeReason: expect.stringContaining('No authorization required'), lines: [{ outcome: 'no_auth_required', requirement: 'not_required', authorizationNumber: null }] });
    expect(c.determinations[0]).toMatchObject({ outcome: 'no_auth_required', decidedBy: { type: 'system', id: 'automation' }, basis: { kind: 'coverage_rule', coverageRule: expect.stringContaining('does not list this code') } });
  });

  it('never requires authorization for emergency services, whatever the list says', async () => {
    const r = await h.call('POST', '/api/cases', intake, paRequest(t, { lines: [{ codeSystem: 'CPT', code: '99284', units: 1, fromDate: '2026-11-19', placeOfService: '23' }] }));
    expect(r.json()).toMatchObject({ status: 'decided', disposition: 'no_auth_required', determinations: [{ basis: { coverageRule: expect.stringContaining('42 CFR 422.113(b)(2)') } }] });
  });

  it('leaves notification-only lines to intake staff, who may approve them', async () => {
    // The sample list: outpatient PT for MA-PPO in network is notification only. The test member is HMO: add a rule for HMO.
    const admin = await h.login(t.usernames.admin);
    const add = await h.call('POST', `/api/coverage/pa-rules/${t.contracts.ma}`, admin, { ruleId: 'pt-hmo-notify', codeSystem: 'CPT', codeFrom: '97110', codeTo: '97116', product: 'MA-HMO', networkStatus: 'in_network', effectiveFrom: '2026-01-01', requirement: 'notification_only', subjectTo422122: false, validity: 'course_of_treatment', serviceGroup: 'outpatient-therapy' });
    expect(add.statusCode).toBe(201);
    const r = await h.call('POST', '/api/cases', provider, paRequest(t, { lines: [{ codeSystem: 'CPT', code: '97110', units: 12, unitType: 'VS', fromDate: '2026-12-01', toDate: '2027-01-31' }] }));
    const c = r.json();
    expect(c).toMatchObject({ status: 'intake', disposition: 'pending', lines: [{ requirement: 'notification_only', outcome: null }] });
    expect(c.criteria[0]).toMatchObject({ result: 'notification_only', paRule: { id: 'pt-hmo-notify', version: 1 } });
    const page = await h.call('GET', `/api/cases/${c.id}`, intake);
    expect(page.json().actions.lineOutcomes[c.lines[0].id]).toContain('approved');
    const d = await h.call('POST', `/api/cases/${c.id}/decision`, intake, { outcome: 'approved' });
    expect(d.statusCode).toBe(200);
  });

  it('lets intake staff approve a line whose criteria are met but which the automation left to a person', async () => {
    // Met criteria, but the requested period is longer than the CPAP rule's 84-day window: a shorter approval would be a reduction.
    const r = await h.call('POST', '/api/cases', intake, paRequest(t, { lines: [cpapLine({ fromDate: '2033-04-01', toDate: '2033-09-30', answers: responseTo(cpap, CPAP_MET) })] }));
    const c = r.json();
    expect(c).toMatchObject({ status: 'nurse_review', lines: [{ outcome: null, criteriaMet: true }] });
    expect(c.criteria[0].reasons).toEqual([expect.objectContaining({ code: 'validity_shorter_than_requested' })]);
    const view = await h.call('GET', `/api/cases/${c.id}`, intake);
    expect(view.json().actions.lineOutcomes[c.lines[0].id]).toEqual(['approved']);
    const d = await h.call('POST', `/api/cases/${c.id}/decision`, intake, { lines: [{ lineId: c.lines[0].id, outcome: 'approved' }] });
    expect(d.statusCode).toBe(200);
    expect(d.json()).toMatchObject({ status: 'decided', disposition: 'approved' });
  });

  it('does not let intake staff approve a line whose criteria are not met', async () => {
    const r = await h.call('POST', '/api/cases', intake, paRequest(t, { lines: [cpapLine({ fromDate: '2034-10-01', toDate: '2034-10-05', answers: responseTo(cpap, { ...CPAP_MET, clinical_evaluation: false }) })] }));
    const c = r.json();
    const view = await h.call('GET', `/api/cases/${c.id}`, intake);
    expect(view.json().actions.lineOutcomes[c.lines[0].id]).toEqual([]);
    const d = await h.call('POST', `/api/cases/${c.id}/decision`, intake, { outcome: 'approved' });
    expect(d.statusCode).toBe(403);
    expect(d.json()).toMatchObject({ code: 'UM_ERR_ROLE_CANNOT_DECIDE' });
    // The nurse may approve as requested; she is offered no adverse outcome.
    const nv = await h.call('GET', `/api/cases/${c.id}`, nurse);
    const offered: string[] = nv.json().actions.lineOutcomes[c.lines[0].id];
    expect(offered).toContain('approved');
    expect(offered).not.toContain('denied');
    expect(offered).not.toContain('approved_modified');
  });

  it('stores no adverse determination by the automation, whatever it saw', async () => {
    const rows = await h.app.ctx.db.select({ outcome: determinations.outcome }).from(determinations).where(and(eq(determinations.tenantId, t.tenantId), eq(determinations.decidedById, 'automation')));
    expect(rows.length).toBeGreaterThan(3);
    expect(rows.every((d) => d.outcome === 'approved' || d.outcome === 'no_auth_required' || d.outcome === 'forwarded')).toBe(true);
  });
});

describe('eligibility and routing', () => {
  it('answers an unknown member with the standard problem and stores nothing', async () => {
    const r = await h.call('POST', '/api/cases', provider, paRequest(t, { member: { memberNumber: 'NOBODY-1' }, lines: [cpapLine({ answers: responseTo(cpap, CPAP_MET) })] }));
    expect(r.statusCode).toBe(422);
    expect(r.json()).toMatchObject({ code: 'UM_ERR_INTAKE_MEMBER_UNKNOWN', errors: [{ path: 'member', message: 'not found' }] });
  });

  it('accepts a member not covered on the date of service and queues it for intake with the reason, never approving or denying it', async () => {
    const r = await h.call('POST', '/api/cases', provider, paRequest(t, { member: { memberNumber: t.memberNumbers.termed }, lines: [cpapLine({ fromDate: '2026-12-01', answers: responseTo(cpap, CPAP_MET) })] }));
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ status: 'intake', eligibility: 'not_covered', eligibilityNote: expect.stringContaining('No coverage in force on 2026-12-01'), determinations: [], lines: [{ outcome: null }] });
  });

  it('refuses an out-of-network request without the justification the plan requires', async () => {
    const r = await h.call('POST', '/api/cases', provider, paRequest(t, { kind: 'referral', servicingProvider: { npi: t.providers.otherClinicianNpi }, lines: [cpapLine({ answers: responseTo(cpap, CPAP_MET) })] }));
    expect(r.statusCode).toBe(422);
    expect(r.json()).toMatchObject({ code: 'UM_ERR_OUT_OF_NETWORK_JUSTIFICATION', errors: [{ path: 'outOfNetwork' }] });
  });

  it('sends a justified out-of-network request to a person even when its criteria are met', async () => {
    const r = await h.call('POST', '/api/cases', provider, paRequest(t, {
      kind: 'referral', servicingProvider: { npi: t.providers.otherClinicianNpi }, outOfNetwork: { reason: 'ongoing_course_of_treatment', explanation: 'Titration started with this sleep clinic before enrolment.' },
      lines: [cpapLine({ fromDate: '2035-12-05', toDate: '2035-12-06', answers: responseTo(cpap, CPAP_MET) })],
    }));
    expect(r.statusCode).toBe(201);
    const c = r.json();
    expect(c).toMatchObject({ status: 'nurse_review', outOfNetwork: { reason: 'ongoing_course_of_treatment' }, lines: [{ outcome: null }] });
    expect(c.criteria[0].reasons.map((x: { code: string }) => x.code)).toContain('out_of_network');
  });
});

describe('duplicates', () => {
  it('flags and links a request overlapping an open one for the same member, code and dates; both reviewers see it', async () => {
    const first = (await h.call('POST', '/api/cases', intake, paRequest(t, { lines: [cpapLine({ fromDate: '2028-01-01', toDate: '2028-01-31' })] }))).json();
    expect(first.duplicates).toEqual([]);
    const second = (await h.call('POST', '/api/cases', intake, paRequest(t, { lines: [cpapLine({ fromDate: '2028-01-20', toDate: '2028-02-10', answers: responseTo(cpap, CPAP_MET) })] }))).json();
    // Met criteria, but a possible duplicate is never approved automatically.
    expect(second).toMatchObject({ status: 'nurse_review', lines: [{ outcome: null, criteriaMet: true }] });
    expect(second.duplicates).toEqual([expect.objectContaining({ direction: 'duplicates', lineId: second.lines[0].id, otherCaseId: first.id, otherCaseNumber: first.caseNumber, otherLineNo: 1, otherStatus: 'nurse_review' })]);
    expect(second.criteria[0].reasons).toEqual([expect.objectContaining({ code: 'possible_duplicate', message: expect.stringContaining(first.caseNumber) })]);
    const back = (await h.call('GET', `/api/cases/${first.id}`, nurse)).json();
    expect(back.duplicates).toEqual([expect.objectContaining({ direction: 'duplicated_by', otherCaseId: second.id, otherCaseNumber: second.caseNumber })]);
    const trail = (await h.call('GET', `/api/cases/${first.id}/audit`, nurse)).json().items.map((e: { action: string }) => e.action);
    expect(trail).toContain('case.duplicate_linked');
    // Providers do not see other cases' numbers.
    expect((await h.call('GET', `/api/cases/${second.id}`, provider)).json().duplicates).toEqual([]);
  });

  it('flags a request overlapping an approved one, and not one for other dates or another code', async () => {
    const approved = (await h.call('POST', '/api/cases', provider, paRequest(t, { lines: [cpapLine({ fromDate: '2029-01-01', toDate: '2029-01-31', answers: responseTo(cpap, CPAP_MET) })] }))).json();
    expect(approved.disposition).toBe('approved');
    const again = (await h.call('POST', '/api/cases', provider, paRequest(t, { lines: [cpapLine({ fromDate: '2029-01-15', toDate: '2029-01-16', answers: responseTo(cpap, CPAP_MET) })] }))).json();
    expect(again.status).toBe('nurse_review');
    const later = (await h.call('POST', '/api/cases', provider, paRequest(t, { lines: [cpapLine({ fromDate: '2029-06-01', toDate: '2029-06-02', answers: responseTo(cpap, CPAP_MET) })] }))).json();
    expect(later).toMatchObject({ status: 'decided', disposition: 'approved' });
    const other = (await h.call('POST', '/api/cases', intake, paRequest(t, { lines: [{ codeSystem: 'HCPCS', code: 'E0431', units: 1, fromDate: '2029-01-10', toDate: '2029-01-20' }] }))).json();
    expect(other.duplicates).toEqual([]);
  });
});
