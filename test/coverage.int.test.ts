/**
 * The PA list in the database: the requirements endpoint (one answer for the portal, CRD and
 * intake), the admin API (versioned, audited), and the streaming CSV import.
 */
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { testApp, type TestApp } from './support/app';
import { buildTenant, type TestTenant } from './support/builders';
import { seedCoverage } from '../src/demo/criteria-seed';
import { importPaList } from '../src/coverage';
import { auditEvents } from '../src/audit/schema';
import { paRules } from '../src/coverage/schema';

let h: TestApp;
let t: TestTenant;
let provider: string;
let admin: string;

beforeAll(async () => {
  h = await testApp({ now: '2026-11-20T15:00:00Z' });
  t = await buildTenant(h.app.ctx.db);
  await seedCoverage(h.app.ctx.db, t.tenantId, h.clock, { contractIds: [t.contracts.ma] });
  provider = await h.login(t.usernames.provider);
  admin = await h.login(t.usernames.admin);
});
afterAll(async () => h.close());

const req = (q: Record<string, string>) => `/api/coverage/requirements?${new URLSearchParams(q).toString()}`;

describe('GET /api/coverage/requirements', () => {
  it('answers for several codes with the rule that decided, the criteria set and the documents expected', async () => {
    const r = await h.call('GET', req({ member: t.memberNumbers.covered, code: 'E0601,99213,HCPCS:E0431', date: '2026-12-01', pos: '12', provider: t.providers.clinicianNpi }), provider);
    expect(r.statusCode).toBe(200);
    const a = r.json();
    expect(a).toMatchObject({
      member: { memberNumber: t.memberNumbers.covered },
      dateOfService: '2026-12-01',
      eligibility: { kind: 'eligible' },
      coverage: { contractId: t.contracts.ma, lineOfBusiness: 'medicare_advantage', productType: 'HMO' },
      provider: { npi: t.providers.clinicianNpi, networkStatus: 'in_network' },
    });
    expect(a.items).toEqual([
      expect.objectContaining({
        codeSystem: 'HCPCS', code: 'E0601', requirement: 'required', subjectTo422122: true,
        decidedBy: { kind: 'rule', ruleId: 'cpap-device', version: 1, contractId: t.contracts.ma, otherMatches: 0 },
        documents: ['sleep study report', 'clinical evaluation note'], validity: { kind: 'window', days: 84 }, serviceGroup: 'cpap',
        criteriaSet: { id: 'ncd-240.4-cpap-osa', version: '1', title: expect.stringContaining('CPAP'), clinicallyReviewed: false, questionnaire: 'https://openum.org/fhir/Questionnaire/ncd-240.4-cpap-osa|1' },
        goldCard: null,
      }),
      expect.objectContaining({ codeSystem: 'CPT', code: '99213', requirement: 'not_required', decidedBy: { kind: 'no_rule' }, criteriaSet: null }),
      expect.objectContaining({ codeSystem: 'HCPCS', code: 'E0431', requirement: 'required', decidedBy: expect.objectContaining({ ruleId: 'home-oxygen-equipment' }), criteriaSet: expect.objectContaining({ id: 'ncd-240.2-home-oxygen' }) }),
    ]);
  });

  it('answers "not required" for emergency services, citing 42 CFR 422.113(b)', async () => {
    const a = (await h.call('GET', req({ member: t.memberNumbers.covered, code: '99285', date: '2026-12-01', pos: '23' }), provider)).json();
    expect(a.items[0]).toMatchObject({ requirement: 'not_required', decidedBy: { kind: 'emergency', citation: '42 CFR 422.113(b)(2)' } });
    const flagged = (await h.call('GET', req({ member: t.memberNumbers.covered, code: 'E0601', date: '2026-12-01', emergency: 'true' }), provider)).json();
    expect(flagged.items[0]).toMatchObject({ requirement: 'not_required', decidedBy: { kind: 'emergency', reason: 'emergency_flag' } });
  });

  it('applies the product, place of service and network status of a rule', async () => {
    // Power wheelchairs are listed for place of service 12 (home) only.
    const home = (await h.call('GET', req({ member: t.memberNumbers.covered, code: 'K0823', date: '2026-12-01', pos: '12' }), provider)).json();
    expect(home.items[0]).toMatchObject({ requirement: 'required', decidedBy: { ruleId: 'power-mobility-wheelchair' } });
    const office = (await h.call('GET', req({ member: t.memberNumbers.covered, code: 'K0823', date: '2026-12-01', pos: '11' }), provider)).json();
    expect(office.items[0]).toMatchObject({ requirement: 'not_required', decidedBy: { kind: 'no_rule' } });
    // The commercial cardiac-rehab rule does not apply to an MA HMO member: the general rule does.
    const rehab = (await h.call('GET', req({ member: t.memberNumbers.covered, code: '93798', date: '2026-12-01' }), provider)).json();
    expect(rehab.items[0]).toMatchObject({ requirement: 'required', decidedBy: { ruleId: 'cardiac-rehab' } });
  });

  it('says a person will check when the member is not covered on the date, or the contract has no PA list', async () => {
    const termed = (await h.call('GET', req({ member: t.memberNumbers.termed, code: 'E0601', date: '2026-12-01' }), provider)).json();
    expect(termed).toMatchObject({ eligibility: { kind: 'not_covered_on_date' }, coverage: null, items: [{ requirement: 'unknown', decidedBy: { kind: 'not_covered' } }] });
    const staff = await h.login(t.usernames.intake);
    const noList = (await h.call('GET', req({ member: t.memberNumbers.otherIpa, code: 'E0601', date: '2026-12-01' }), staff)).json();
    expect(noList).toMatchObject({ eligibility: { kind: 'eligible' }, items: [{ requirement: 'unknown', decidedBy: { kind: 'no_pa_list' } }] });
  });

  it('answers an unknown member, a bad code and a missing parameter with problem+json', async () => {
    const unknown = await h.call('GET', req({ member: 'NOPE-9', code: 'E0601', date: '2026-12-01' }), provider);
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json()).toMatchObject({ code: 'UM_ERR_INTAKE_MEMBER_UNKNOWN', errors: [{ path: 'member', message: 'not found' }] });
    const bad = await h.call('GET', req({ member: t.memberNumbers.covered, code: 'XYZ', date: '2026-12-01' }), provider);
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'UM_ERR_VALIDATION', errors: [{ path: 'code', message: expect.stringContaining('"XYZ"') }] });
    const missing = await h.call('GET', '/api/coverage/requirements?member=x&code=E0601', provider);
    expect(missing.statusCode).toBe(400);
    expect((await h.call('GET', req({ member: t.memberNumbers.covered, code: 'E0601', date: '2026-12-01' }), null)).statusCode).toBe(401);
  });

  it('records the look-up in the audit trail, by member', async () => {
    const rows = await h.app.ctx.db.select().from(auditEvents).where(and(eq(auditEvents.tenantId, t.tenantId), eq(auditEvents.action, 'coverage.requirements.read'), eq(auditEvents.recordId, t.members.covered)));
    expect(rows.length).toBeGreaterThan(3);
  });
});

describe('the PA list admin API', () => {
  it('lists the contract\'s rules, adds one, edits it as a new version, retires it; every change audited', async () => {
    const list = await h.call('GET', `/api/coverage/pa-rules?contract=${t.contracts.ma}`, admin);
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toHaveLength(22);
    const add = await h.call('POST', `/api/coverage/pa-rules/${t.contracts.ma}`, admin, { ruleId: 'mri-lumbar', codeSystem: 'CPT', codeFrom: '72148', effectiveFrom: '2026-01-01', requirement: 'required', subjectTo422122: true, documents: ['six weeks of conservative therapy'], serviceGroup: 'imaging' });
    expect(add.statusCode).toBe(201);
    expect(add.json()).toMatchObject({ ruleId: 'mri-lumbar', version: 1, status: 'active', requirement: 'required', validity: { kind: 'window', days: 90 } });
    const lookup = async () => (await h.call('GET', req({ member: t.memberNumbers.covered, code: '72148', date: '2026-12-01' }), provider)).json().items[0];
    expect(await lookup()).toMatchObject({ requirement: 'required', decidedBy: { ruleId: 'mri-lumbar', version: 1 } });

    const edit = await h.call('PUT', `/api/coverage/pa-rules/${t.contracts.ma}/mri-lumbar`, admin, { codeSystem: 'CPT', codeFrom: '72148', effectiveFrom: '2026-01-01', requirement: 'notification_only', subjectTo422122: false, serviceGroup: 'imaging', reason: 'plan dropped PA for lumbar MRI' });
    expect(edit.json()).toMatchObject({ version: 2, requirement: 'notification_only', changeReason: 'plan dropped PA for lumbar MRI' });
    expect(await lookup()).toMatchObject({ requirement: 'notification_only', decidedBy: { version: 2 } });
    // Saving the same rule again changes nothing.
    const same = await h.call('PUT', `/api/coverage/pa-rules/${t.contracts.ma}/mri-lumbar`, admin, { codeSystem: 'CPT', codeFrom: '72148', effectiveFrom: '2026-01-01', requirement: 'notification_only', subjectTo422122: false, serviceGroup: 'imaging' });
    expect(same.json()).toMatchObject({ version: 2 });

    const retire = await h.call('POST', `/api/coverage/pa-rules/${t.contracts.ma}/mri-lumbar/retire`, admin, { reason: 'no longer listed' });
    expect(retire.json()).toMatchObject({ version: 3, status: 'retired' });
    expect(await lookup()).toMatchObject({ requirement: 'not_required', decidedBy: { kind: 'no_rule' } });

    const history = (await h.call('GET', `/api/coverage/pa-rules/${t.contracts.ma}/mri-lumbar`, admin)).json().items;
    expect(history.map((x: { version: number; status: string; requirement: string }) => [x.version, x.status, x.requirement])).toEqual([[3, 'retired', 'notification_only'], [2, 'active', 'notification_only'], [1, 'active', 'required']]);
    const audited = await h.app.ctx.db.select().from(auditEvents).where(and(eq(auditEvents.tenantId, t.tenantId), eq(auditEvents.recordId, `${t.contracts.ma}/mri-lumbar`)));
    expect(audited.map((e) => e.action).sort()).toEqual(['pa_rule.create', 'pa_rule.retire', 'pa_rule.update']);
  });

  it('refuses a rule that would require authorization for emergency services, and bad rules, changing nothing', async () => {
    const er = await h.call('POST', `/api/coverage/pa-rules/${t.contracts.ma}`, admin, { ruleId: 'er-visit', codeSystem: 'CPT', codeFrom: '99281', codeTo: '99285', effectiveFrom: '2026-01-01', requirement: 'required', subjectTo422122: true });
    expect(er.statusCode).toBe(422);
    expect(er.json()).toMatchObject({ code: 'UM_ERR_PA_RULE_EMERGENCY' });
    const bad = await h.call('POST', `/api/coverage/pa-rules/${t.contracts.ma}`, admin, { ruleId: 'backwards', codeSystem: 'CPT', codeFrom: '97110', effectiveFrom: '2026-06-01', effectiveTo: '2026-01-01', requirement: 'required', subjectTo422122: true });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ code: 'UM_ERR_PA_RULE_INVALID', errors: [{ path: 'effectiveTo', message: 'ends before it starts' }] });
    const rows = await h.app.ctx.db.select().from(paRules).where(and(eq(paRules.tenantId, t.tenantId), eq(paRules.ruleId, 'er-visit')));
    expect(rows).toEqual([]);
  });

  it('lets only administrators change the list', async () => {
    const nurse = await h.login(t.usernames.nurse);
    const r = await h.call('POST', `/api/coverage/pa-rules/${t.contracts.ma}`, nurse, { ruleId: 'x', codeSystem: 'CPT', codeFrom: '72148', effectiveFrom: '2026-01-01', requirement: 'required', subjectTo422122: true });
    expect(r.statusCode).toBe(403);
    expect((await h.call('GET', `/api/coverage/pa-rules?contract=${t.contracts.ma}`, provider)).statusCode).toBe(403);
  });
});

describe('importing a PA-list CSV', () => {
  const csv = (rows: string[]) => Readable.from([['rule_id,code_system,code_from,code_to,effective_from,requirement,subject_to_422_122,criteria_set,service_group', ...rows].join('\n')]);
  const opts = () => ({ db: h.app.ctx.db, tenantId: t.tenantId, contractIds: [t.contracts.mcd], actor: { type: 'system' as const, id: 'test', role: 'admin' }, clock: h.clock, source: 'test.csv' });

  it('reports each bad row with its line number and imports the good ones; a re-import changes nothing', async () => {
    const rows = [
      'knee-mri,CPT,73721,,2026-01-01,required,yes,,imaging',
      'er,CPT,99283,,2026-01-01,required,yes,,er',
      'bad-date,CPT,73722,,2026-02-30,required,yes,,imaging',
      'knee-mri,CPT,73723,,2026-01-01,required,yes,,imaging',
      'pt,CPT,97110,97116,2026-01-01,required,no,cfr-410.61-outpatient-pt,therapy',
    ];
    const first = await importPaList(csv(rows), opts());
    expect(first).toMatchObject({ rows: 5, inserted: 2, updated: 0, unchanged: 0 });
    expect(first.errors).toEqual([
      { line: 3, column: 'codes', message: expect.stringContaining('emergency or urgently needed services: they never require authorization (42 CFR 422.113(b)(2))') },
      { line: 4, column: 'effectiveFrom', message: 'not a date written YYYY-MM-DD' },
      { line: 5, column: 'rule_id', message: 'rule_id knee-mri is already used on line 2' },
    ]);
    const again = await importPaList(csv(rows), opts());
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
    const changed = await importPaList(csv(['knee-mri,CPT,73721,,2026-01-01,notification_only,no,,imaging', 'pt,CPT,97110,97116,2026-01-01,required,no,cfr-410.61-outpatient-pt,therapy']), { ...opts(), replace: true });
    expect(changed).toMatchObject({ inserted: 0, updated: 1, unchanged: 1, retired: 0, errors: [] });
    const current = await h.app.ctx.db.select().from(paRules).where(and(eq(paRules.tenantId, t.tenantId), eq(paRules.contractId, t.contracts.mcd), eq(paRules.ruleId, 'knee-mri'), eq(paRules.current, true)));
    expect(current).toEqual([expect.objectContaining({ version: 2, requirement: 'notification_only' })]);
    const replaced = await importPaList(csv(['pt,CPT,97110,97116,2026-01-01,required,no,cfr-410.61-outpatient-pt,therapy']), { ...opts(), replace: true });
    expect(replaced).toMatchObject({ unchanged: 1, retired: 1 });
  });

  it('refuses a file with unknown or missing columns, naming them', async () => {
    const r = await importPaList(Readable.from(['rule_id,code,effective_from\nx,97110,2026-01-01\n']), opts());
    expect(r.errors).toEqual(expect.arrayContaining([
      { line: 1, column: 'code', message: 'unknown column' },
      { line: 1, column: 'code_system', message: 'missing column' },
      { line: 1, column: 'requirement', message: 'missing column' },
    ]));
    expect(r.inserted).toBe(0);
  });
});
