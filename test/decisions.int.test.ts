import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { testApp, type TestApp } from './support/app';
import { buildTenant, paRequest, type TestTenant } from './support/builders';
import { ROLES, type Role } from '../src/platform/auth/model';
import { DECISION_OUTCOMES, type DecisionOutcome } from '../src/determination/model';
import { AUTHORIZATION_NUMBER } from '../src/determination/authorization';
import { cases, serviceLines } from '../src/intake/schema';
import { determinations } from '../src/determination/schema';
import { seedCoverage } from '../src/demo/criteria-seed';
import { responseTo, shippedSet } from '../src/criteria/test-support';
import { MET_EXAMPLES } from '../src/criteria/shipped/met-examples';
import { lettersOfCase } from '../src/notices/routes';
import type { Principal } from '../src/platform/auth/model';

let h: TestApp;
let t: TestTenant;
const tokens = {} as Record<Role, string>;

beforeAll(async () => {
  h = await testApp({ now: '2026-11-20T15:00:00Z' });
  t = await buildTenant(h.app.ctx.db);
  for (const role of ROLES) tokens[role] = await h.login(t.usernames[role]);
});
afterAll(async () => h.close());

const newCase = async (overrides: Record<string, unknown> = {}) => {
  const r = await h.call('POST', '/api/cases', tokens.intake, paRequest(t, overrides));
  expect(r.statusCode).toBe(201);
  return r.json();
};

/** A plan policy a reviewer cites, with where it is written. */
const PAP_POLICY = { rule: 'Positive airway pressure devices: medical necessity policy', reference: 'Plan medical policy DME-014 §3' };

const decisionFor = (outcome: DecisionOutcome, lineId: string, units: number) => ({
  lines: [{ lineId, outcome, ...(outcome === 'approved_modified' ? { approvedUnits: units - 1 } : {}) }],
  ...(outcome === 'denied' || outcome === 'approved_modified'
    ? { category: 'medical_necessity', reasonCode: 'MN-CRIT', reason: 'The oximetry results sent do not meet the qualifying threshold of the criteria.', basis: { coverageRule: PAP_POLICY } }
    : {}),
});

/** What the API answers for every role trying every outcome on a line that requires authorization. */
const EXPECTED: Record<Role, Record<DecisionOutcome, number>> = {
  intake: { approved: 403, approved_modified: 403, denied: 403, no_auth_required: 403 },
  nurse: { approved: 200, approved_modified: 403, denied: 403, no_auth_required: 200 },
  medical_director: { approved: 200, approved_modified: 200, denied: 200, no_auth_required: 200 },
  specialist: { approved: 403, approved_modified: 403, denied: 403, no_auth_required: 403 },
  supervisor: { approved: 403, approved_modified: 403, denied: 403, no_auth_required: 403 },
  appeals: { approved: 200, approved_modified: 403, denied: 403, no_auth_required: 200 },
  provider: { approved: 403, approved_modified: 403, denied: 403, no_auth_required: 403 },
  admin: { approved: 403, approved_modified: 403, denied: 403, no_auth_required: 403 },
  auditor: { approved: 403, approved_modified: 403, denied: 403, no_auth_required: 403 },
};

describe('POST /api/cases/:id/decision — every role × outcome through the API', () => {
  for (const role of ROLES) {
    for (const outcome of DECISION_OUTCOMES) {
      const expected = EXPECTED[role][outcome];
      it(`${role} → ${outcome}: ${expected}`, async () => {
        const c = await newCase({ lines: [{ codeSystem: 'HCPCS', code: 'E0601', units: 2, fromDate: '2026-12-01', toDate: '2026-12-31' }] });
        const line = c.lines[0];
        const r = await h.call('POST', `/api/cases/${c.id}/decision`, tokens[role], decisionFor(outcome, line.id, line.units));
        // A provider cannot see a case keyed by intake for another office: it is not found for them.
        const status = role === 'provider' && r.statusCode === 404 ? 403 : r.statusCode;
        expect(status, r.body).toBe(expected);
        const [stored] = await h.app.ctx.db.select().from(serviceLines).where(and(eq(serviceLines.tenantId, t.tenantId), eq(serviceLines.id, line.id)));
        if (expected === 200) {
          expect(stored?.outcome).toBe(outcome);
          expect(r.json().disposition).not.toBe('pending');
        } else {
          // A refusal changes nothing.
          expect(stored?.outcome).toBeNull();
          expect(r.headers['content-type']).toContain('application/problem+json');
          if (role === 'nurse' || role === 'appeals') expect(r.json().code).toBe('UM_ERR_ADVERSE_REQUIRES_PHYSICIAN');
        }
      });
    }
  }
});

describe('determinations', () => {
  it('gives an approval an authorization number and a validity period from the contract, cited with who decided', async () => {
    const c = await newCase();
    const r = await h.call('POST', `/api/cases/${c.id}/decision`, tokens.nurse, { outcome: 'approved' });
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body).toMatchObject({ status: 'decided', disposition: 'approved' });
    expect(body.lines[0].authorizationNumber).toMatch(AUTHORIZATION_NUMBER);
    expect(body.lines[0]).toMatchObject({ outcome: 'approved', approvedUnits: 1, approvedFrom: '2026-12-01', approvedTo: '2026-12-31' });
    expect(body.determinations[0]).toMatchObject({
      outcome: 'approved',
      decidedBy: { type: 'user', role: 'nurse', credential: 'RN', name: 'Test nurse' },
      validFrom: '2026-12-01',
      validTo: '2026-12-31',
      basis: { kind: 'reviewer_judgement' },
    });
  });

  it('caps the validity at the contract window and never past the coverage term', async () => {
    const c = await newCase({ lines: [{ codeSystem: 'HCPCS', code: 'E1390', units: 1, fromDate: '2026-12-01', toDate: '2027-12-31' }] });
    const r = await h.call('POST', `/api/cases/${c.id}/decision`, tokens.nurse, { outcome: 'approved' });
    expect(r.json().lines[0]).toMatchObject({ approvedFrom: '2026-12-01', approvedTo: '2027-02-28' });
  });

  it('refuses an approval that would start after the member\'s coverage ends, and ends the others with the coverage', async () => {
    const t3 = await buildTenant(h.app.ctx.db, { slug: 'termed', coverageTerm: '2026-12-15' });
    const intake3 = await h.login(t3.usernames.intake);
    const nurse3 = await h.login(t3.usernames.nurse);
    const r = await h.call('POST', '/api/cases', intake3, paRequest(t3, {
      lines: [
        { codeSystem: 'HCPCS', code: 'E0601', units: 1, fromDate: '2026-12-01', toDate: '2026-12-31' },
        { codeSystem: 'HCPCS', code: 'E0562', units: 1, fromDate: '2027-01-10', toDate: '2027-01-20' },
      ],
    }));
    expect(r.statusCode, r.body).toBe(201);
    const c = r.json();
    expect(c.coverage).toMatchObject({ effectiveTo: '2026-12-15' });
    const all = await h.call('POST', `/api/cases/${c.id}/decision`, nurse3, { outcome: 'approved' });
    expect(all.statusCode).toBe(422);
    expect(all.headers['content-type']).toContain('application/problem+json');
    expect(all.json()).toMatchObject({ code: 'UM_ERR_COVERAGE_ENDED', errors: [{ path: 'outcome', message: expect.stringContaining('line 2: The member\'s coverage ends on 2026-12-15, before the approval would start on 2027-01-10') }] });
    const [stillPending] = await h.app.ctx.db.select().from(serviceLines).where(and(eq(serviceLines.tenantId, t3.tenantId), eq(serviceLines.id, c.lines[0].id)));
    expect(stillPending?.outcome).toBeNull();
    const first = await h.call('POST', `/api/cases/${c.id}/decision`, nurse3, { lines: [{ lineId: c.lines[0].id, outcome: 'approved' }] });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().lines[0]).toMatchObject({ outcome: 'approved', approvedFrom: '2026-12-01', approvedTo: '2026-12-15' });
  });

  it('refuses a denial without a category, reason code and specific reason, and changes nothing', async () => {
    const c = await newCase();
    const r = await h.call('POST', `/api/cases/${c.id}/decision`, tokens.medical_director, { outcome: 'denied' });
    expect(r.statusCode).toBe(422);
    expect(r.json()).toMatchObject({ code: 'UM_ERR_DENIAL_REASON_REQUIRED' });
    const again = await h.call('GET', `/api/cases/${c.id}`, tokens.medical_director);
    expect(again.json()).toMatchObject({ status: 'nurse_review', disposition: 'pending' });
  });

  it('records a physician\'s denial with its reason and the plan policy it rests on, and closes the case', async () => {
    const c = await newCase();
    const r = await h.call('POST', `/api/cases/${c.id}/decision`, tokens.medical_director, {
      outcome: 'denied',
      category: 'medical_necessity',
      reasonCode: 'MN-CRIT',
      reason: 'Your sleep study shows an AHI of 8 without the symptoms the criteria require.',
      basis: { coverageRule: PAP_POLICY },
    });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ status: 'decided', disposition: 'denied' });
    expect(r.json().determinations[0]).toMatchObject({
      outcome: 'denied',
      category: 'medical_necessity',
      reasonCode: 'MN-CRIT',
      basis: { kind: 'coverage_rule', criteriaSetId: null, coverageRule: PAP_POLICY.rule, coverageRuleReference: PAP_POLICY.reference },
      decidedBy: { role: 'medical_director', credential: 'MD' },
      authorizationNumber: null,
    });
    const twice = await h.call('POST', `/api/cases/${c.id}/decision`, tokens.medical_director, { outcome: 'approved' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('UM_ERR_CASE_CLOSED');
  });

  it('derives a partial approval from lines decided differently, line by line', async () => {
    const c = await newCase({
      lines: [
        { codeSystem: 'HCPCS', code: 'E0601', units: 1, fromDate: '2026-12-01' },
        { codeSystem: 'HCPCS', code: 'E0562', units: 1, fromDate: '2026-12-01' },
      ],
    });
    const first = await h.call('POST', `/api/cases/${c.id}/decision`, tokens.nurse, { lines: [{ lineId: c.lines[0].id, outcome: 'approved' }] });
    expect(first.json()).toMatchObject({ status: 'nurse_review', disposition: 'pending' });
    const second = await h.call('POST', `/api/cases/${c.id}/decision`, tokens.medical_director, {
      lines: [{ lineId: c.lines[1].id, outcome: 'denied' }],
      category: 'benefit',
      reasonCode: 'BEN-EXCL',
      reason: 'A heated humidifier is not covered under your plan benefit package.',
      basis: { coverageRule: { rule: 'Humidifiers are excluded from the DME benefit', reference: 'Evidence of Coverage, chapter 4, section 2.1' } },
    });
    expect(second.json()).toMatchObject({ status: 'decided', disposition: 'partially_approved' });
  });

  it('accepts an approval with modifications only when it reduces what was asked', async () => {
    const c = await newCase({ lines: [{ codeSystem: 'CPT', code: '97110', units: 24, fromDate: '2026-12-01', toDate: '2027-01-31' }] });
    const adverse = { category: 'medical_necessity', reasonCode: 'MN-FREQ', reason: 'Twelve visits meet the plan of care; more need a progress report.', basis: { coverageRule: { rule: 'Outpatient therapy visit limits', reference: 'Plan medical policy REH-002' } } };
    const same = await h.call('POST', `/api/cases/${c.id}/decision`, tokens.medical_director, { lines: [{ lineId: c.lines[0].id, outcome: 'approved_modified', approvedUnits: 24 }], ...adverse });
    expect(same.statusCode).toBe(422);
    expect(same.json().code).toBe('UM_ERR_MODIFICATION_INVALID');
    const more = await h.call('POST', `/api/cases/${c.id}/decision`, tokens.medical_director, { lines: [{ lineId: c.lines[0].id, outcome: 'approved_modified', approvedUnits: 30 }], ...adverse });
    expect(more.json().code).toBe('UM_ERR_MODIFICATION_INVALID');
    const fewer = await h.call('POST', `/api/cases/${c.id}/decision`, tokens.medical_director, { lines: [{ lineId: c.lines[0].id, outcome: 'approved_modified', approvedUnits: 12 }], ...adverse });
    expect(fewer.statusCode).toBe(200);
    expect(fewer.json()).toMatchObject({ disposition: 'partially_approved' });
    expect(fewer.json().lines[0]).toMatchObject({ outcome: 'approved_modified', approvedUnits: 12, authorizationNumber: expect.stringMatching(AUTHORIZATION_NUMBER) });
  });

  it('accepts a shorter period inside the requested one, and refuses one that starts earlier or ends later', async () => {
    const c = await newCase({ lines: [{ codeSystem: 'CPT', code: '97110', units: 24, fromDate: '2026-12-01', toDate: '2027-01-31' }] });
    const lineId = c.lines[0].id;
    const adverse = { category: 'medical_necessity', reasonCode: 'MN-FREQ', reason: 'Four weeks meet the plan of care; more need a progress report.', basis: { coverageRule: { rule: 'Outpatient therapy visit limits', reference: 'Plan medical policy REH-002' } } };
    const refused = async (line: Record<string, unknown>, path: string) => {
      const r = await h.call('POST', `/api/cases/${c.id}/decision`, tokens.medical_director, { lines: [{ lineId, outcome: 'approved_modified', ...line }], ...adverse });
      expect(r.statusCode, JSON.stringify(line)).toBe(422);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.json()).toMatchObject({ code: 'UM_ERR_MODIFICATION_INVALID', errors: [expect.objectContaining({ path })] });
    };
    await refused({ approvedFrom: '2026-11-15', approvedTo: '2026-12-31' }, 'lines/0/approvedFrom');
    await refused({ approvedTo: '2027-02-15' }, 'lines/0/approvedTo');
    await refused({ approvedUnits: 12, approvedTo: '2027-03-01' }, 'lines/0/approvedTo');
    await refused({ approvedFrom: '2027-01-10', approvedTo: '2027-01-05' }, 'lines/0/approvedFrom');
    await refused({ approvedFrom: '2026-12-01', approvedTo: '2027-01-31' }, 'lines/0');
    const [untouched] = await h.app.ctx.db.select().from(serviceLines).where(and(eq(serviceLines.tenantId, t.tenantId), eq(serviceLines.id, lineId)));
    expect(untouched?.outcome).toBeNull();
    const ok = await h.call('POST', `/api/cases/${c.id}/decision`, tokens.medical_director, { lines: [{ lineId, outcome: 'approved_modified', approvedFrom: '2026-12-08', approvedTo: '2026-12-31' }], ...adverse });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().lines[0]).toMatchObject({ outcome: 'approved_modified', approvedUnits: 24, approvedFrom: '2026-12-08', approvedTo: '2026-12-31' });
    expect(ok.json().determinations[0]).toMatchObject({ approvedFrom: '2026-12-08', approvedTo: '2026-12-31', validFrom: '2026-12-08', validTo: '2026-12-31' });
  });

  it('refuses a line that is not part of the case', async () => {
    const c = await newCase();
    const r = await h.call('POST', `/api/cases/${c.id}/decision`, tokens.nurse, { lines: [{ lineId: '00000000-0000-4000-8000-000000000000', outcome: 'approved' }] });
    expect(r.statusCode).toBe(422);
    expect(r.json().code).toBe('UM_ERR_LINE_UNKNOWN');
  });
});

describe('what an adverse determination rests on', () => {
  // A second tenant with the shipped criteria sets and PA list, so that cases are checked against
  // criteria at intake and the version in force is frozen onto them.
  let t2: TestTenant;
  let md2: string;
  let provider2: string;
  let mdPrincipal: Principal;
  const CPAP_NOT_MET = { ...(MET_EXAMPLES['ncd-240.4-cpap-osa']?.answers ?? {}), index_value: 4 };
  let from = 10;

  beforeAll(async () => {
    t2 = await buildTenant(h.app.ctx.db, { slug: 'basis' });
    await seedCoverage(h.app.ctx.db, t2.tenantId, h.clock, { contractIds: [t2.contracts.ma, t2.contracts.mcd] });
    md2 = await h.login(t2.usernames.medical_director);
    provider2 = await h.login(t2.usernames.provider);
    mdPrincipal = {
      kind: 'user',
      tenantId: t2.tenantId,
      userId: t2.userIds.medical_director,
      username: t2.usernames.medical_director,
      displayName: 'Test medical_director',
      role: 'medical_director',
      credential: 'MD',
      licenceState: null,
      organisationIds: [t2.orgs.ipa, t2.orgs.otherIpa, t2.orgs.maPlan, t2.orgs.mcdPlan],
      providerOrgId: null,
    };
  });

  /** A CPAP request whose answers do not meet NCD 240.4 (AHI 4): it waits for a person. */
  const cpapNotMet = async () => {
    const cpap = await shippedSet('ncd-240.4-cpap-osa');
    from += 1;
    const day = `2027-01-${String(from).padStart(2, '0')}`;
    const r = await h.call('POST', '/api/cases', provider2, paRequest(t2, { lines: [{ codeSystem: 'HCPCS', code: 'E0601', units: 1, fromDate: day, toDate: '2027-03-31', placeOfService: '12', answers: responseTo(cpap, CPAP_NOT_MET) }] }));
    expect(r.statusCode, r.body).toBe(201);
    const c = r.json();
    expect(c).toMatchObject({ status: 'nurse_review', lines: [{ outcome: null, criteriaSetId: 'ncd-240.4-cpap-osa', criteriaSetVersion: '1' }] });
    return c;
  };
  const denial = { outcome: 'denied', category: 'medical_necessity', reasonCode: 'MN-CRIT', reason: 'Your sleep study shows an AHI of 4; the criteria need 15, or 5 with symptoms.' };
  const storedDeterminations = async (caseId: string) => h.app.ctx.db.select().from(determinations).where(and(eq(determinations.tenantId, t2.tenantId), eq(determinations.caseId, caseId)));

  it('refuses a denial that cites nothing, stores nothing and audits no decision', async () => {
    const c = await cpapNotMet();
    const r = await h.call('POST', `/api/cases/${c.id}/decision`, md2, denial);
    expect(r.statusCode).toBe(422);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(r.json()).toMatchObject({ code: 'UM_ERR_BASIS_REQUIRED' });
    expect(r.json().detail).toContain('ncd-240.4-cpap-osa@1');
    expect(await storedDeterminations(c.id)).toEqual([]);
    const after = (await h.call('GET', `/api/cases/${c.id}`, md2)).json();
    expect(after).toMatchObject({ status: 'nurse_review', disposition: 'pending', lines: [{ outcome: null }] });
    const trail = (await h.call('GET', `/api/cases/${c.id}/audit`, md2)).json().items.map((e: { action: string }) => e.action);
    expect(trail).not.toContain('case.decide');
  });

  it('refuses an approval with modifications that cites nothing', async () => {
    const c = await cpapNotMet();
    const r = await h.call('POST', `/api/cases/${c.id}/decision`, md2, { ...denial, outcome: undefined, lines: [{ lineId: c.lines[0].id, outcome: 'approved_modified', approvedTo: '2027-02-28' }] });
    expect(r.statusCode).toBe(422);
    expect(r.json().code).toBe('UM_ERR_BASIS_REQUIRED');
    expect(await storedDeterminations(c.id)).toEqual([]);
  });

  it('refuses a criteria set the case was not checked against, or a criterion the set does not have', async () => {
    const c = await cpapNotMet();
    const other = await h.call('POST', `/api/cases/${c.id}/decision`, md2, { ...denial, basis: { criteria: [{ criteriaSetId: 'ncd-240.2-home-oxygen', criteriaSetVersion: '1' }] } });
    expect(other.statusCode).toBe(422);
    expect(other.json()).toMatchObject({ code: 'UM_ERR_BASIS_UNKNOWN', errors: expect.arrayContaining([expect.objectContaining({ path: 'basis/criteria/0' })]) });
    const oldVersion = await h.call('POST', `/api/cases/${c.id}/decision`, md2, { ...denial, basis: { criteria: [{ criteriaSetId: 'ncd-240.4-cpap-osa', criteriaSetVersion: '0' }] } });
    expect(oldVersion.json().code).toBe('UM_ERR_BASIS_UNKNOWN');
    const madeUp = await h.call('POST', `/api/cases/${c.id}/decision`, md2, { ...denial, basis: { criteria: [{ criteriaSetId: 'ncd-240.4-cpap-osa', criteriaSetVersion: '1', criterionIds: ['ahi-over-30'] }] } });
    expect(madeUp.json()).toMatchObject({ code: 'UM_ERR_BASIS_UNKNOWN', errors: expect.arrayContaining([expect.objectContaining({ path: 'basis/criteria/0/criterionIds/0' })]) });
    const blankRule = await h.call('POST', `/api/cases/${c.id}/decision`, md2, { ...denial, basis: { coverageRule: { rule: 'Plan PAP policy', reference: '   ' } } });
    expect(blankRule.json().code).toBe('UM_ERR_BASIS_REQUIRED');
    expect(await storedDeterminations(c.id)).toEqual([]);
  });

  it('records a denial resting on the frozen criteria set and the criterion not met, and the letter cites them', async () => {
    const c = await cpapNotMet();
    const notMet = c.criteria[0].criteria.filter((x: { outcome: string }) => x.outcome === 'not_met').map((x: { id: string }) => x.id);
    expect(notMet.length).toBeGreaterThan(0);
    const r = await h.call('POST', `/api/cases/${c.id}/decision`, md2, { ...denial, basis: { criteria: [{ criteriaSetId: 'ncd-240.4-cpap-osa', criteriaSetVersion: '1', criterionIds: notMet }] } });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().determinations[0]).toMatchObject({
      outcome: 'denied',
      basis: { kind: 'criteria', criteriaSetId: 'ncd-240.4-cpap-osa', criteriaSetVersion: '1', criterionId: notMet.join(', '), coverageRule: null },
    });
    const letters = await h.app.ctx.db.transaction((tx) => lettersOfCase(tx, mdPrincipal, c.id));
    const notice = letters.find((l) => l.kind === 'denial');
    const why = notice?.sections.find((x) => x.heading === 'Why we decided this')?.paragraphs.join(' ') ?? '';
    expect(why).toContain(denial.reason);
    expect(why).toContain('ncd-240.4-cpap-osa, version 1');
    expect(why).toContain(notMet[0]);
    expect(why).toMatch(/the criteria ".+"/);
  });

  it('records an approval with modifications resting on both the criteria and a plan policy, and the letter names the policy and its reference', async () => {
    const c = await cpapNotMet();
    const policy = { rule: 'CPAP trial period: the first approval covers the 12-week trial', reference: 'Plan medical policy DME-014 §4.2' };
    const r = await h.call('POST', `/api/cases/${c.id}/decision`, md2, {
      lines: [{ lineId: c.lines[0].id, outcome: 'approved_modified', approvedTo: '2027-02-28' }],
      category: 'medical_necessity',
      reasonCode: 'MN-TRIAL',
      reason: 'We approved the 12-week trial; continued use needs proof that CPAP helps you.',
      basis: { criteria: [{ criteriaSetId: 'ncd-240.4-cpap-osa', criteriaSetVersion: '1' }], coverageRule: policy },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().determinations[0].basis).toMatchObject({ kind: 'criteria', criteriaSetId: 'ncd-240.4-cpap-osa', criteriaSetVersion: '1', criterionId: null, coverageRule: policy.rule, coverageRuleReference: policy.reference });
    const letters = await h.app.ctx.db.transaction((tx) => lettersOfCase(tx, mdPrincipal, c.id));
    const why = letters.find((l) => l.kind === 'denial')?.sections.find((x) => x.heading === 'Why we decided this')?.paragraphs.join(' ') ?? '';
    expect(why).toContain(`${policy.rule} (${policy.reference})`);
    expect(why).toContain('ncd-240.4-cpap-osa, version 1');
  });

  it('lets an approval rest on the reviewer\'s judgement, as before', async () => {
    const c = await cpapNotMet();
    const r = await h.call('POST', `/api/cases/${c.id}/decision`, md2, { outcome: 'approved' });
    expect(r.statusCode).toBe(200);
    expect(r.json().determinations[0].basis).toMatchObject({ kind: 'reviewer_judgement', criteriaSetId: null, coverageRule: null });
  });
});

describe('review workflow', () => {
  it('pends for information, and the provider\'s answer returns the case to its queue', async () => {
    const c = (await h.call('POST', '/api/cases', tokens.provider, paRequest(t))).json();
    const pend = await h.call('POST', `/api/cases/${c.id}/pend`, tokens.nurse, { message: 'Please send the sleep study report.' });
    expect(pend.json()).toMatchObject({ status: 'pended_info', pendMessage: 'Please send the sleep study report.' });
    const seen = await h.call('GET', `/api/cases/${c.id}`, tokens.provider);
    expect(seen.json().notes).toEqual([expect.objectContaining({ kind: 'info_request', body: 'Please send the sleep study report.' })]);
    const answer = await h.call('POST', `/api/cases/${c.id}/attachments`, tokens.provider, { fileName: 'psg.txt', contentType: 'text/plain', contentBase64: Buffer.from('AHI 32 events/hour').toString('base64') });
    expect(answer.statusCode).toBe(201);
    const back = await h.call('GET', `/api/cases/${c.id}`, tokens.nurse);
    expect(back.json()).toMatchObject({ status: 'nurse_review' });
  });

  it('lets a nurse refer to a physician, and keeps internal notes from the provider', async () => {
    const c = (await h.call('POST', '/api/cases', tokens.provider, paRequest(t))).json();
    const r = await h.call('POST', `/api/cases/${c.id}/refer`, tokens.nurse, { note: 'Borderline AHI; please review.' });
    expect(r.json()).toMatchObject({ status: 'md_review' });
    const asProvider = await h.call('GET', `/api/cases/${c.id}`, tokens.provider);
    expect(asProvider.json().notes).toEqual([]);
    const asMd = await h.call('GET', `/api/cases/${c.id}`, tokens.medical_director);
    expect(asMd.json().notes).toEqual([expect.objectContaining({ kind: 'referral', visibility: 'internal' })]);
  });

  it('audits a specialist\'s reading of the opinion requests (their question notes) on each case\'s trail', async () => {
    const c = await newCase();
    const question = 'Is CPAP indicated with an AHI of 12 and hypertension?';
    const ask = await h.call('POST', `/api/cases/${c.id}/opinion-request`, tokens.medical_director, { specialistUserId: t.userIds.specialist, question });
    expect(ask.statusCode).toBe(201);
    const reads = async () => (await h.call('GET', `/api/cases/${c.id}/audit`, tokens.auditor)).json().items.filter((e: { action: string }) => e.action === 'opinion_request.read');
    expect(await reads()).toEqual([]);
    const list = await h.call('GET', '/api/opinion-requests', tokens.specialist);
    expect(list.statusCode).toBe(200);
    const mine = list.json().items.find((r: { caseId: string }) => r.caseId === c.id);
    expect(mine).toMatchObject({ caseNumber: c.caseNumber, question: expect.stringContaining(question) });
    const events = await reads();
    expect(events).toEqual([
      expect.objectContaining({ actor: { type: 'user', id: t.userIds.specialist, role: 'specialist' }, details: { opinionRequestId: mine.id } }),
    ]);
    // The trail names the record read, never its content.
    expect(JSON.stringify(events)).not.toContain('AHI of 12');
    await h.call('GET', '/api/opinion-requests', tokens.specialist);
    expect(await reads()).toHaveLength(2);
  });

  it('lets a nurse approve a pended case when the information arrives by phone, and records the status it was decided from', async () => {
    const c = (await h.call('POST', '/api/cases', tokens.provider, paRequest(t))).json();
    expect((await h.call('POST', `/api/cases/${c.id}/pend`, tokens.nurse, { message: 'Please send the sleep study report.' })).json()).toMatchObject({ status: 'pended_info' });
    const call = await h.call('POST', `/api/cases/${c.id}/notes`, tokens.nurse, { kind: 'phone_call', visibility: 'internal', body: 'Dr. office called: PSG AHI 32 events/hour, report to follow by fax.' });
    expect(call.statusCode).toBe(201);
    const view = (await h.call('GET', `/api/cases/${c.id}`, tokens.nurse)).json();
    expect(view.actions.outcomes).toContain('approved');
    const r = await h.call('POST', `/api/cases/${c.id}/decision`, tokens.nurse, { outcome: 'approved' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 'decided', disposition: 'approved' });
    const [row] = await h.app.ctx.db.select({ pendedFrom: cases.pendedFromStatus }).from(cases).where(and(eq(cases.tenantId, t.tenantId), eq(cases.id, c.id)));
    expect(row?.pendedFrom).toBeNull();
    const trail = (await h.call('GET', `/api/cases/${c.id}/audit`, tokens.auditor)).json().items;
    expect(trail.find((e: { action: string }) => e.action === 'case.decide').details).toMatchObject({ from: 'pended_info', status: 'decided' });
    // A provider's late answer to a closed case changes nothing.
    const late = await h.call('POST', `/api/cases/${c.id}/attachments`, tokens.provider, { fileName: 'psg.txt', contentType: 'text/plain', contentBase64: Buffer.from('AHI 32').toString('base64') });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('UM_ERR_CASE_CLOSED');
  });

  it('lets a physician decide on the information at hand while the case waits for an answer that never came', async () => {
    const c = (await h.call('POST', '/api/cases', tokens.provider, paRequest(t))).json();
    await h.call('POST', `/api/cases/${c.id}/pend`, tokens.medical_director, { message: 'Please send the sleep study report.' });
    const r = await h.call('POST', `/api/cases/${c.id}/decision`, tokens.medical_director, {
      outcome: 'denied',
      category: 'insufficient_information',
      reasonCode: 'INFO-NR',
      reason: 'We asked for your sleep study report and did not receive it before the decision was due.',
      basis: { coverageRule: { rule: 'Positive airway pressure devices: documentation requirements', reference: 'Plan medical policy DME-014 §2' } },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 'decided', disposition: 'denied' });
    // Once decided, nothing moves it back: no pend, no referral, no second decision.
    expect((await h.call('POST', `/api/cases/${c.id}/pend`, tokens.nurse, { message: 'More?' })).json().code).toBe('UM_ERR_CASE_CLOSED');
    expect((await h.call('POST', `/api/cases/${c.id}/refer`, tokens.nurse, {})).json().code).toBe('UM_ERR_CASE_CLOSED');
  });

  it('refuses to pend a pended case, refer a case already with a physician or send a reviewed case back to review', async () => {
    const c = await newCase();
    expect((await h.call('POST', `/api/cases/${c.id}/send-to-review`, tokens.intake)).json()).toMatchObject({ code: 'UM_ERR_CASE_STATE' });
    await h.call('POST', `/api/cases/${c.id}/refer`, tokens.nurse, {});
    const again = await h.call('POST', `/api/cases/${c.id}/refer`, tokens.nurse, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('UM_ERR_CASE_STATE');
    await h.call('POST', `/api/cases/${c.id}/pend`, tokens.medical_director, { message: 'Please send the sleep study report.' });
    const twice = await h.call('POST', `/api/cases/${c.id}/pend`, tokens.medical_director, { message: 'And the titration study.' });
    expect(twice.json()).toMatchObject({ code: 'UM_ERR_CASE_STATE', detail: 'The case is already pended for information' });
  });

  it('withdraws and cancels only with a reason', async () => {
    const c = await newCase();
    const noReason = await h.call('POST', `/api/cases/${c.id}/withdraw`, tokens.intake, { reason: '' });
    expect(noReason.statusCode).toBe(400);
    const w = await h.call('POST', `/api/cases/${c.id}/withdraw`, tokens.intake, { reason: 'The member moved out of the service area.' });
    expect(w.json()).toMatchObject({ status: 'withdrawn', disposition: 'withdrawn', closeReason: 'The member moved out of the service area.' });
    const c2 = await newCase();
    const x = await h.call('POST', `/api/cases/${c2.id}/cancel`, tokens.supervisor, { reason: 'Duplicate of a faxed request.' });
    expect(x.json()).toMatchObject({ status: 'cancelled', disposition: 'cancelled' });
  });

  it('lets only a supervisor correct the receipt time, with a reason, never into the future', async () => {
    const c = await newCase({ receivedAt: '2026-11-20T14:00:00Z' });
    const byNurse = await h.call('POST', `/api/cases/${c.id}/receipt-time`, tokens.nurse, { receivedAt: '2026-11-20T13:00:00Z', reason: 'fax log' });
    expect(byNurse.statusCode).toBe(403);
    const future = await h.call('POST', `/api/cases/${c.id}/receipt-time`, tokens.supervisor, { receivedAt: '2026-11-21T13:00:00Z', reason: 'fax log' });
    expect(future.statusCode).toBe(422);
    expect(future.json().code).toBe('UM_ERR_INTAKE_RECEIVED_IN_FUTURE');
    const blank = await h.call('POST', `/api/cases/${c.id}/receipt-time`, tokens.supervisor, { receivedAt: '2026-11-20T13:00:00Z', reason: '   ' });
    expect(blank.statusCode).toBe(422);
    const ok = await h.call('POST', `/api/cases/${c.id}/receipt-time`, tokens.supervisor, { receivedAt: '2026-11-20T13:05:00Z', reason: 'The fax server log shows 07:05 local.' });
    expect(ok.json()).toMatchObject({ receivedAt: '2026-11-20T13:05:00.000Z' });
    const trail = await h.call('GET', `/api/cases/${c.id}/audit`, tokens.auditor);
    expect(trail.json().items).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'case.correct_receipt', details: { from: '2026-11-20T14:00:00.000Z', to: '2026-11-20T13:05:00.000Z' } })]));
  });

  it('assigns only to reviewers who work for the case\'s organisation; reviewers take cases themselves', async () => {
    const c = await newCase();
    const take = await h.call('POST', `/api/cases/${c.id}/assign`, tokens.nurse, { userId: t.userIds.nurse });
    expect(take.json().assignedTo).toMatchObject({ id: t.userIds.nurse });
    const give = await h.call('POST', `/api/cases/${c.id}/assign`, tokens.nurse, { userId: t.userIds.medical_director });
    expect(give.statusCode).toBe(403);
    const toProvider = await h.call('POST', `/api/cases/${c.id}/assign`, tokens.supervisor, { userId: t.userIds.provider });
    expect(toProvider.json().code).toBe('UM_ERR_ASSIGNEE_INVALID');
    const bySupervisor = await h.call('POST', `/api/cases/${c.id}/assign`, tokens.supervisor, { userId: t.userIds.medical_director });
    expect(bySupervisor.json().assignedTo).toMatchObject({ id: t.userIds.medical_director });
  });
});
