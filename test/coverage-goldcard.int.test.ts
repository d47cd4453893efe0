/**
 * Gold carding end to end: decided requests over the evaluation period → exemptions recomputed
 * (Texas policy: ≥ 90 % approved of ≥ 5 requests in 12 months) → listed in the report → an exempt
 * provider's request approved at intake with the exemption cited, without criteria answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from './support/app';
import { buildTenant, paRequest, type TestTenant } from './support/builders';
import { seedCoverage } from '../src/demo/criteria-seed';
import { recomputeExemptions } from '../src/coverage';
import { responseTo, shippedSet } from '../src/criteria/test-support';
import { MET_EXAMPLES } from '../src/criteria/shipped/met-examples';
import type { CompiledCriteriaSet } from '../src/criteria';

let h: TestApp;
let t: TestTenant;
let intake: string;
let md = '';
let admin: string;
let cpap: CompiledCriteriaSet;
const CPAP_MET = MET_EXAMPLES['ncd-240.4-cpap-osa']?.answers ?? {};

let year = 2040;
/** A CPAP request on its own dates (so that no two overlap), from the given requesting provider. */
const cpapCase = (npi: string, answers: boolean) =>
  paRequest(t, { requestingProvider: { npi }, servicingProvider: { npi }, lines: [{ codeSystem: 'HCPCS', code: 'E0601', units: 1, fromDate: `${year}-01-01`, toDate: `${year++}-01-31`, placeOfService: '12', ...(answers ? { answers: responseTo(cpap, CPAP_MET) } : {}) }] });

beforeAll(async () => {
  h = await testApp({ now: '2026-01-15T15:00:00Z' });
  t = await buildTenant(h.app.ctx.db);
  await seedCoverage(h.app.ctx.db, t.tenantId, h.clock, { contractIds: [t.contracts.ma] });
  cpap = await shippedSet('ncd-240.4-cpap-osa');
  // History over 2026: the clinician's five CPAP requests all approved (criteria met); the
  // hospital's five approved and one denied by a physician (5 / 6 = 83.3 %). Tokens expire as the
  // clock moves: log in again at each step.
  for (let month = 1; month <= 5; month++) {
    h.clock.set(`2026-0${month}-15T15:00:00Z`);
    intake = await h.login(t.usernames.intake);
    for (const npi of [t.providers.clinicianNpi, t.providers.hospitalNpi]) {
      const c = (await h.call('POST', '/api/cases', intake, cpapCase(npi, true))).json();
      if (c.disposition !== 'approved') throw new Error(`history case not approved: ${JSON.stringify(c).slice(0, 600)}`);
    }
  }
  h.clock.set('2026-06-15T15:00:00Z');
  intake = await h.login(t.usernames.intake);
  md = await h.login(t.usernames.medical_director);
  const pending = (await h.call('POST', '/api/cases', intake, cpapCase(t.providers.hospitalNpi, false))).json();
  const denied = await h.call('POST', `/api/cases/${pending.id}/decision`, md, { outcome: 'denied', category: 'medical_necessity', reasonCode: 'MN-01', reason: 'The sleep study does not show obstructive sleep apnea.', basis: { coverageRule: { rule: 'Positive airway pressure devices policy', reference: 'Plan medical policy DME-014' } } });
  if (denied.statusCode !== 200) throw new Error(denied.body);
  h.clock.set('2026-11-20T15:00:00Z');
  intake = await h.login(t.usernames.intake);
  admin = await h.login(t.usernames.admin);
});
afterAll(async () => h.close());

describe('gold carding', () => {
  it('sends a request without answers to a reviewer while no exemption exists', async () => {
    const c = (await h.call('POST', '/api/cases', intake, cpapCase(t.providers.clinicianNpi, false))).json();
    expect(c).toMatchObject({ status: 'nurse_review', lines: [{ outcome: null }] });
  });

  it('recomputes the exemptions by NPI and service group, and a second run the same day writes nothing', async () => {
    const r = await h.call('POST', '/api/coverage/gold-card/recompute', admin);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ tenantId: t.tenantId, asOf: '2026-11-20', evaluated: 2, granted: 1 });
    const [again] = await recomputeExemptions(h.app.ctx.db, h.clock.now(), { tenantId: t.tenantId });
    expect(again).toMatchObject({ granted: 1 });
    const report = (await h.call('GET', '/api/coverage/gold-card', admin)).json();
    expect(report.exemptions).toEqual([
      expect.objectContaining({ provider: { kind: 'npi', value: t.providers.clinicianNpi }, serviceGroup: 'cpap', start: '2026-11-20', end: '2027-11-19', approved: 5, counted: 5, approvalPercent: 100, citation: expect.stringContaining('4201.653') }),
    ]);
    expect(report.evaluations).toEqual(expect.arrayContaining([
      expect.objectContaining({ provider: { kind: 'npi', value: t.providers.hospitalNpi }, serviceGroup: 'cpap', approved: 5, counted: 6, approvalPercent: 83.3, granted: false }),
      expect.objectContaining({ provider: { kind: 'npi', value: t.providers.clinicianNpi }, serviceGroup: 'cpap', granted: true }),
    ]));
    expect(report.policy).toMatchObject({ minApprovalPercent: 90, minRequests: 5, evaluationPeriodMonths: 12 });
  });

  it('approves an exempt provider\'s request at intake with the exemption cited, without evaluating criteria', async () => {
    const c = (await h.call('POST', '/api/cases', intake, cpapCase(t.providers.clinicianNpi, false))).json();
    expect(c).toMatchObject({ status: 'decided', disposition: 'approved', lines: [{ outcome: 'approved', authorizationNumber: expect.stringMatching(/^PA-/) }] });
    expect(c.determinations[0]).toMatchObject({
      decidedBy: { type: 'system', id: 'automation' },
      basis: { kind: 'gold_card', criteriaSetId: null, coverageRule: expect.stringContaining(`gold-card exemption of NPI ${t.providers.clinicianNpi} for cpap, 2026-11-20 to 2027-11-19`) },
    });
    expect(c.criteria[0]).toMatchObject({ result: 'approve', outcome: null, exemption: { serviceGroup: 'cpap', provider: { value: t.providers.clinicianNpi } } });
  });

  it('shows the exemption in the requirements answer, and keeps a provider below the threshold under review', async () => {
    const a = (await h.call('GET', `/api/coverage/requirements?member=${t.memberNumbers.covered}&code=E0601&date=2026-12-01&provider=${t.providers.clinicianNpi}`, intake)).json();
    expect(a.items[0]).toMatchObject({ requirement: 'required', goldCard: { serviceGroup: 'cpap', end: '2027-11-19' }, message: expect.stringContaining('gold card') });
    const c = (await h.call('POST', '/api/cases', intake, cpapCase(t.providers.hospitalNpi, false))).json();
    expect(c).toMatchObject({ status: 'nurse_review', lines: [{ outcome: null }] });
  });

  it('lets only administrators recompute; supervisors and auditors read the report', async () => {
    expect((await h.call('POST', '/api/coverage/gold-card/recompute', intake)).statusCode).toBe(403);
    expect((await h.call('GET', '/api/coverage/gold-card', await h.login(t.usernames.auditor))).statusCode).toBe(200);
  });
});
